import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { type BoardAccess } from '#app/board/client/board-provider.ts'
import { useDotVotes } from '#app/board/client/use-dot-votes.ts'
import { useSessionState } from '#app/board/client/use-session-state.ts'
import { Board } from '#app/components/board/board.tsx'
import { type BoardView } from '#app/components/board/board-types.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { PromoteForm, SessionBar } from '#app/components/session/session-bar.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { readBoardState } from '#app/services/boards/board-documents.server.ts'
import { getBoardForActor } from '#app/services/boards/boards.server.ts'
import { sessionForReader } from '#app/services/sessions/cocreation-sessions.server.ts'
import { can } from '#app/services/platform/permissions.ts'
import { type SessionView } from '#app/services/sessions/session-view.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { getGuest } from '#app/utils/guest-cookie.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'

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
      return search.toString()
    }
    if (strip(currentUrl) === strip(nextUrl)) return false
  }
  return defaultShouldRevalidate
}

export default function BoardPage() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const view: BoardView = searchParams.get('vista') === 'lista' ? 'list' : 'canvas'
  const viewLink = (target: BoardView) => {
    const search = new URLSearchParams(searchParams)
    if (target === 'list') search.set('vista', 'lista')
    else search.delete('vista')
    const query = search.toString()
    return `${location.pathname}${query ? `?${query}` : ''}`
  }
  const boardProps = { boardId: d.board.id, initialAccess: d.access, initialState: d.state, me: d.me, view }

  return (
    <article className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <p>
            <Link to={`/retos/${d.challenge.slug}`} className="text-sm font-semibold">
              {t('boards.challengeLink', { title: d.challenge.title })}
            </Link>
          </p>
          <h1 className="text-3xl font-bold text-brand-900">{d.board.title}</h1>
        </div>
        <nav aria-label={t('boards.views.label')} className="inline-flex rounded-lg border border-slate-300 bg-white p-1 shadow-sm">
          {(['canvas', 'list'] as const).map((target) => (
            <Link
              key={target}
              to={viewLink(target)}
              replace
              preventScrollReset
              aria-current={view === target ? 'page' : undefined}
              className={`rounded-md px-4 py-1.5 text-sm font-semibold no-underline ${view === target ? 'bg-brand-700 text-white' : 'text-brand-800 hover:bg-brand-50'}`}
            >
              {t(`boards.views.${target}`)}
            </Link>
          ))}
        </nav>
      </header>
      {d.session ? <SessionBoard session={d.session} canRun={d.canRun} {...boardProps} /> : <Board {...boardProps} />}
    </article>
  )
}

/** A board in a co-creation session: the session's bar, hidden notes while silent, dots while voting. */
function SessionBoard({ session: initial, canRun, ...boardProps }: { session: SessionView; canRun: boolean } & Parameters<typeof Board>[0]) {
  const session = useSessionState(initial)
  const dots = useDotVotes(session)
  return (
    <div className="space-y-4">
      <SessionBar session={session} canRun={canRun} />
      {/* Dots while voting; from the reveal on, everyone's totals (without buttons). */}
      <Board
        {...boardProps}
        hideOthersNotes={session.status === 'live' && session.phase === 'silent'}
        dots={session.phase === 'voting' || session.phase === 'reveal' || session.status === 'ended' ? dots : null}
        // Facilitators turn one selected note, or a whole frame, into an idea of the challenge.
        selectionActions={canRun ? (selected) => (selected.length === 1 ? <PromoteForm sessionId={session.id} elementId={selected[0].id} ideaId={selected[0].ideaId} /> : null) : undefined}
      />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
