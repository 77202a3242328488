import { type ReactNode } from 'react'

/**
 * The board's one slim bar: its title (the page's h1), who is here, the session's phase and
 * timer, and the workspace's switches (panel, full screen, canvas/list). One line on wide
 * screens (who is here is cut short when there are many: the count says how many); it wraps
 * on phones rather than scrolling sideways.
 */
export function BoardWorkspaceBar({ heading, presence, status, actions }: { heading: ReactNode; presence: ReactNode; status?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-300 bg-white px-3 py-1.5 lg:flex-nowrap" data-testid="board-bar">
      <div className="min-w-0 flex-1 basis-40 lg:max-w-xs lg:flex-none">{heading}</div>
      {status ? <div className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 lg:flex-nowrap">{status}</div> : null}
      <div className="h-8 min-w-0 flex-1 overflow-hidden">{presence}</div>
      {actions ? <div className="ml-auto flex shrink-0 flex-wrap items-center gap-1">{actions}</div> : null}
    </div>
  )
}
