import { Link, useNavigate } from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t.ts'

const closeIcon = 'M6 6l12 12M18 6 6 18'

/**
 * The panel beside the canvas (the session's controls): over the canvas's right side on wide
 * screens, a bottom sheet on phones, so opening it never moves or resizes the canvas. Open or
 * closed is part of the address (`?panel=sesion`), so the switch is a link that also works
 * without JavaScript and the session's forms come back to the same state. Escape closes it; the
 * focus goes into it when it opens and back to the switch when it closes. In the list view it
 * is simply part of the page.
 */
export function BoardPanel({ id, open, title, closeTo, placement, toggleId, children }: { id: string; open: boolean; title: string; closeTo: string; placement: 'over-canvas' | 'in-page'; toggleId: string; children: ReactNode }) {
  const { t } = useT()
  const navigate = useNavigate()
  const ref = useRef<HTMLElement>(null)
  const wasOpen = useRef(open)
  useEffect(() => {
    if (placement !== 'over-canvas' || wasOpen.current === open) return
    wasOpen.current = open
    if (open) ref.current?.focus()
    else document.getElementById(toggleId)?.focus()
  }, [open, placement, toggleId])

  if (placement === 'in-page') {
    return (
      <section id={id} aria-label={title} className="px-3">
        {children}
      </section>
    )
  }
  return (
    <section
      ref={ref}
      id={id}
      aria-label={title}
      tabIndex={-1}
      hidden={!open}
      data-testid="board-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          navigate(closeTo, { replace: true, preventScrollReset: true })
        }
      }}
      className="absolute inset-x-0 bottom-0 z-40 max-h-[70%] overflow-y-auto rounded-t-2xl border-t border-slate-300 bg-white p-3 pt-2 shadow-2xl focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-600 focus-visible:ring-inset lg:inset-y-0 lg:right-0 lg:left-auto lg:max-h-none lg:w-96 lg:rounded-none lg:border-t-0 lg:border-l"
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <span aria-hidden="true" className="mx-auto h-1.5 w-12 rounded-full bg-slate-300 lg:hidden" />
        <Link
          to={closeTo}
          replace
          preventScrollReset
          aria-label={t('boards.workspace.panelClose')}
          title={t('boards.workspace.panelClose')}
          className="ml-auto inline-flex h-9 w-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <path d={closeIcon} />
          </svg>
        </Link>
      </div>
      {children}
    </section>
  )
}
