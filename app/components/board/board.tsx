import { type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { type BoardAccess } from '#app/board/client/board-provider.ts'
import { type Author } from '#app/board/model.ts'
import { useBoard } from '#app/board/client/use-board.ts'
import { BoardCanvas } from './board-canvas.tsx'
import { BoardListView } from './board-list-view.tsx'
import { BoardPresence } from './board-presence.tsx'
import { BoardStatusBanner } from './board-status.tsx'
import { type BoardExtras, type BoardView } from './board-types.ts'
import { BoardWorkspaceBar } from './board-workspace-bar.tsx'

export type BoardProps = BoardExtras & {
  boardId: string
  initialAccess: BoardAccess
  /** The document as the page loaded it (base64 Yjs update), so the board shows before the socket syncs. */
  initialState?: string | null
  /** 'user:<id>' or 'guest:<participantId>', and the name shown on notes and cursors. */
  me: Author
  view?: BoardView
  /** Its session has ended: read only for everyone but the facilitators, and said so. */
  sessionEnded?: boolean
  /** What the page puts in the board's slim bar (title, session status, switches) and the panel beside the canvas. */
  workspace?: { heading: ReactNode; status?: ReactNode; actions?: ReactNode; panel?: (placement: 'over-canvas' | 'in-page') => ReactNode }
}

/**
 * A live board: one slim bar (title, who is here, the page's status and switches), then the
 * canvas filling the rest of its container — or the list view of the same document (switching
 * keeps the connection and the undo history). Connection notices float over the canvas; the
 * panel (the session's controls) opens over its side, a bottom sheet on phones (ADR 031).
 */
export function Board({ boardId, initialAccess, initialState, me, view = 'canvas', sessionEnded, workspace, ...extras }: BoardProps) {
  const { t } = useT()
  const board = useBoard({ boardId, initialAccess, initialState, me, sessionEnded })
  return (
    // Undo and redo take back one's own changes, also while typing in a note (the document's history, not the textarea's).
    <div
      className={view === 'list' ? '' : 'flex h-full min-h-0 flex-1 flex-col'}
      data-testid="board"
      data-board-status={board.status}
      data-access={board.access}
      onKeyDown={(event) => {
        if (!(event.ctrlKey || event.metaKey) || board.readOnly) return
        const target = event.target as HTMLElement
        if (target.closest('input, textarea, select') && !target.hasAttribute('data-bound-text')) return
        const key = event.key.toLowerCase()
        if (key === 'z' || key === 'y') {
          event.preventDefault()
          if (key === 'y' || event.shiftKey) board.redo()
          else board.undo()
        }
      }}
    >
      <BoardWorkspaceBar
        heading={workspace?.heading}
        presence={<BoardPresence peers={board.peers} />}
        status={
          <>
            {workspace?.status}
            {extras.dots && extras.dots.open !== false && view === 'canvas' ? (
              <p className="text-sm font-medium text-brand-900" data-testid="dots-remaining">
                {t('boards.dots.remaining', { count: extras.dots.remaining })}
              </p>
            ) : null}
          </>
        }
        actions={workspace?.actions}
      />
      {view === 'list' ? (
        <div className="space-y-3 pt-3">
          <BoardStatusBanner status={board.status} readOnly={board.readOnly} error={board.error} />
          {workspace?.panel?.('in-page')}
          <BoardListView board={board} {...extras} />
        </div>
      ) : (
        <div className="relative min-h-0 flex-1">
          <BoardCanvas board={board} {...extras} />
          <div className="pointer-events-none absolute inset-x-2 top-16 z-20 mx-auto max-w-xl sm:top-14 [&_*]:pointer-events-auto">
            <BoardStatusBanner status={board.status} readOnly={board.readOnly} error={board.error} />
          </div>
          {workspace?.panel?.('over-canvas')}
        </div>
      )}
    </div>
  )
}
