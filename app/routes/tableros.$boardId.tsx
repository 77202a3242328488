import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import { useId, useRef, type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { type BoardAccess } from '#app/board/client/board-provider.ts'
import { useDotVotes } from '#app/board/client/use-dot-votes.ts'
import { useSessionState } from '#app/board/client/use-session-state.ts'
import { Board, type BoardProps } from '#app/components/board/board.tsx'
import { BoardPanel } from '#app/components/board/board-panel.tsx'
import { useFullscreen } from '#app/components/board/use-fullscreen.ts'
import { type BoardView } from '#app/components/board/board-types.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { type FullViewportHandle } from '#app/components/layout/full-viewport.ts'
import { PromoteForm, SessionBar, SessionStatus } from '#app/components/session/session-bar.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { readBoardState } from '#app/services/boards/board-documents.server.ts'
import { getBoardForActor } from '#app/services/boards/boards.server.ts'
import { sessionForReader } from '#app/services/sessions/cocreation-sessions.server.ts'
import { can } from '#app/services/platform/permissions.ts'
import { type SessionView } from '#app/services/sessions/session-view.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { getGuest } from '#app/utils/guest-cookie.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'

/** The canvas takes the whole viewport under the site's header; the list view reads as a page (ADR 031). */
export const handle: FullViewportHandle = { fullViewport: (search) => search.get('vista') !== 'lista' }

/** `?panel=sesion` opens the session's panel beside the canvas. */
const PANEL_PARAM = 'panel'
const PANEL_OPEN = 'sesion'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? 'Cocrea' }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  // A guest of a live session (cookie from joining with the code) sees only that session's board.
  const boardId = params.boardId ?? ''
  const guest = user ? null : await getGuest(request, { boardId })
  const actor = guest && guest.boardId === boardId ? guest : user
  const { board, challenge, session: fullSession, access } = await orErrorPage(getBoardForActor(actor, boardId))
  // The join code only for the session's facilitators and participants.
  const session = fullSession ? await sessionForReader(actor, fullSession) : null
  const t = getT(context.lang)
  // The board shows before the socket syncs (and reads without JavaScript in the list view).
  const state = Buffer.from(await readBoardState(board.id)).toString('base64')
  return {
    pageTitle: t('boards.pageTitle', { title: board.title }),
    board: { id: board.id, title: board.title, template: board.template },
    challenge: { slug: challenge.slug, title: challenge.title },
    session,
    access: access as BoardAccess,
    canRun: can(user, 'run:session'),
    me: user ? { key: `user:${user.id}`, name: user.name } : guest ? { key: `guest:${guest.participantId}`, name: guest.name } : { key: `anonymous:${crypto.randomUUID()}`, name: t('boards.anonymous') },
    state,
  }
}

// Switching between the canvas and the list keeps the page (and its live document): no reload.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (!formMethod && currentUrl.pathname === nextUrl.pathname) {
    const strip = (url: URL) => {
      const search = new URLSearchParams(url.search)
      search.delete('vista')
      search.delete(PANEL_PARAM)
      return search.toString()
    }
    if (strip(currentUrl) === strip(nextUrl)) return false
  }
  return defaultShouldRevalidate
}

const switchClass = (active: boolean) => `rounded-md px-3 py-1.5 text-sm font-semibold no-underline ${active ? 'bg-brand-700 text-white' : 'text-brand-800 hover:bg-brand-50'}`

function Icon({ d }: { d: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  )
}

/** The same page with some of its search parameters changed (null removes one). */
function useLinkWith() {
  const [searchParams] = useSearchParams()
  const location = useLocation()
  return (changes: Record<string, string | null>) => {
    const search = new URLSearchParams(searchParams)
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) search.delete(key)
      else search.set(key, value)
    }
    const query = search.toString()
    return `${location.pathname}${query ? `?${query}` : ''}`
  }
}

/**
 * The board's page as a workspace: one slim bar (title, who is here, the session's phase and
 * timer, the switches), the canvas filling the rest of the screen, and the session's controls in
 * a panel that opens over its side (a bottom sheet on phones). The list view (?vista=lista) is a
 * plain page that reads without JavaScript.
 */
export default function BoardPage() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const linkWith = useLinkWith()
  const view: BoardView = searchParams.get('vista') === 'lista' ? 'list' : 'canvas'
  const workspaceRef = useRef<HTMLElement>(null)
  const fullscreen = useFullscreen(workspaceRef)

  const heading = (
    <div className="flex min-w-0 items-baseline gap-2">
      <Link to={`/retos/${d.challenge.slug}`} className="shrink-0 text-sm font-semibold" title={t('boards.challengeLink', { title: d.challenge.title })}>
        <span aria-hidden="true">← </span>
        <span className="sr-only">{t('boards.challengeLink', { title: d.challenge.title })}</span>
        <span aria-hidden="true" className="hidden sm:inline">
          {t('boards.workspace.backToChallenge')}
        </span>
      </Link>
      <h1 className="truncate text-lg font-bold text-brand-900">{d.board.title}</h1>
    </div>
  )
  const switches = (
    <>
      {view === 'canvas' ? (
        <button
          type="button"
          onClick={fullscreen.toggle}
          aria-pressed={fullscreen.on}
          title={t('boards.workspace.fullscreen')}
          className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
        >
          <Icon d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
          <span className="sr-only xl:not-sr-only">{t('boards.workspace.fullscreen')}</span>
        </button>
      ) : null}
      <nav aria-label={t('boards.views.label')} className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5">
        {(['canvas', 'list'] as const).map((target) => (
          <Link
            key={target}
            to={linkWith({ vista: target === 'list' ? 'lista' : null })}
            replace
            preventScrollReset
            aria-current={view === target ? 'page' : undefined}
            className={switchClass(view === target)}
          >
            {t(`boards.views.${target}`)}
          </Link>
        ))}
      </nav>
    </>
  )
  const boardProps = { boardId: d.board.id, initialAccess: d.access, initialState: d.state, me: d.me, view }

  return (
    <article ref={workspaceRef} className={view === 'canvas' ? 'flex h-full min-h-0 flex-1 flex-col bg-white' : 'space-y-4'} data-testid="board-page">
      {d.session ? (
        <SessionBoard session={d.session} canRun={d.canRun} heading={heading} switches={switches} {...boardProps} />
      ) : (
        <Board {...boardProps} workspace={{ heading, actions: switches }} />
      )}
    </article>
  )
}

/**
 * A board in a co-creation session: its phase and timer in the bar, its controls in the panel,
 * hidden notes while silent, dots while voting, the facilitator's view followed while live.
 */
function SessionBoard({ session: initial, canRun, heading, switches, ...boardProps }: { session: SessionView; canRun: boolean; heading: ReactNode; switches: ReactNode } & BoardProps) {
  const { t } = useT()
  const session = useSessionState(initial)
  const dots = useDotVotes(session)
  const [searchParams] = useSearchParams()
  const linkWith = useLinkWith()
  const panelId = useId()
  const toggleId = useId()
  const open = searchParams.get(PANEL_PARAM) === PANEL_OPEN
  const live = session.status === 'live'
  const closeTo = linkWith({ [PANEL_PARAM]: null })
  const panelToggle =
    boardProps.view === 'canvas' ? (
      <Link
        id={toggleId}
        to={open ? closeTo : linkWith({ [PANEL_PARAM]: PANEL_OPEN })}
        replace
        preventScrollReset
        aria-expanded={open}
        aria-controls={panelId}
        className={`inline-flex items-center gap-1.5 ${switchClass(open)}`}
        data-testid="panel-toggle"
      >
        <Icon d="M3 5h18v14H3zM15 5v14" />
        {t('boards.workspace.panel')}
      </Link>
    ) : null
  return (
    <Board
      {...boardProps}
      sessionEnded={session.status === 'ended'}
      workspace={{
        heading,
        status: <SessionStatus session={session} />,
        actions: (
          <>
            {panelToggle}
            {switches}
          </>
        ),
        panel: (placement) => (
          <BoardPanel id={panelId} toggleId={toggleId} open={open} title={t('boards.workspace.panelLong')} closeTo={closeTo} placement={placement}>
            <SessionBar session={session} canRun={canRun} announce={false} />
          </BoardPanel>
        ),
      }}
      hideOthersNotes={live && session.phase === 'silent'}
      // Dots while voting; from the reveal on, everyone's totals (without buttons).
      dots={session.phase === 'voting' || session.phase === 'reveal' || session.status === 'ended' ? dots : null}
      // Facilitators turn one selected note, or a whole frame, into an idea of the challenge.
      selectionActions={canRun ? (selected) => (selected.length === 1 ? <PromoteForm sessionId={session.id} elementId={selected[0].id} ideaId={selected[0].ideaId} /> : null) : undefined}
      follow={{ lead: canRun, available: live }}
    />
  )
}

export const ErrorBoundary = GeneralErrorBoundary
