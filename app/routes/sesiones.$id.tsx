import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { SessionBar } from '#app/components/session/session-bar.tsx'
import { loadSession, sessionAudit, sessionForReader } from '#app/services/sessions/cocreation-sessions.server.ts'
import { canExport, getSessionSummary } from '#app/services/sessions/session-summary.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { can } from '#app/services/platform/permissions.ts'
import { toSessionView } from '#app/services/sessions/session-view.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { getGuest } from '#app/utils/guest-cookie.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { formatDate, formatNumber } from '#app/utils/format.ts'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { ShareButton } from '#app/components/ui/share-button.tsx'
import { shareMeta } from '#app/utils/share-meta.ts'
import { shareFor } from '#app/utils/share.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.session.title} · Cocrea` : 'Cocrea' }, ...shareMeta(data?.share, data?.lang)]

/** Only a board that is not there leaves the page without a summary; any other failure is a real error and goes to the error page. */
function noSummaryIfNotFound(error: unknown): null {
  if (isDomainError(error) && error.code === 'not_found') return null
  throw error
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const guest = user ? null : await getGuest(request, { sessionId: params.id ?? '' })
  const { session: row, challenge } = await orErrorPage(loadSession(user ?? guest, params.id ?? ''))
  const session = await sessionForReader(user ?? guest, toSessionView(row))
  const lang = context.lang
  const canRun = can(user, 'run:session')
  const [summary, record] = await Promise.all([
    session.status === 'ended' ? getSessionSummary(user, session.id).catch(noSummaryIfNotFound) : null,
    canRun ? sessionAudit(session.id, 30) : null,
  ])
  return {
    lang,
    session,
    canRun,
    canExport: canExport(user, session),
    challenge: { slug: challenge.slug, title: challenge.title },
    share: shareFor(`/sesiones/${session.id}`, { title: session.title, description: session.agenda || challenge.title }),
    agendaHtml: session.agenda ? renderMarkdown(session.agenda) : '',
    when: { start: formatDate(row.startsAt, lang, 'datetime'), end: formatDate(row.endsAt, lang, 'datetime') },
    summary,
    record: record?.map((r) => ({ action: r.action, actorName: r.actorName, at: formatDate(r.createdAt, lang, 'datetime'), atIso: r.createdAt.toISOString() })) ?? null,
  }
}

export default function SessionPage() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const { session, summary } = d
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p>
          <Link to={`/retos/${d.challenge.slug}`} className="text-sm font-semibold">
            {d.challenge.title}
          </Link>
        </p>
        <h1 className="text-3xl font-bold text-brand-900">{session.title}</h1>
        <ShareButton share={d.share} />
        <p className="text-slate-700">
          {t('sessions.page.when')}: <time dateTime={session.startsAt}>{d.when.start}</time> – <time dateTime={session.endsAt}>{d.when.end}</time>
        </p>
        <p>
          <Link to={`/tableros/${session.boardId}`} className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800">
            {t('sessions.page.openBoard')}
          </Link>
        </p>
      </header>

      <SessionBar session={session} canRun={d.canRun} />

      <section aria-labelledby="agenda-title" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="agenda-title" className="text-xl font-semibold">
          {t('sessions.page.agenda')}
        </h2>
        {d.agendaHtml ? (
          // Rendered from Markdown and sanitised on the server (app/utils/markdown.server.ts).
          <div className="prose mt-4 max-w-none space-y-3" dangerouslySetInnerHTML={{ __html: d.agendaHtml }} />
        ) : (
          <p className="mt-2 text-slate-700">{t('sessions.page.noAgenda')}</p>
        )}
      </section>

      {summary ? (
        <section aria-labelledby="summary-title" className="space-y-6 rounded-lg bg-white p-6 shadow-sm" data-testid="session-summary">
          <h2 id="summary-title" className="text-xl font-semibold">
            {t('sessions.page.summary')}
          </h2>
          <div>
            <h3 className="font-semibold">{t('sessions.summary.attendance')}</h3>
            <p data-testid="attendance">{t('sessions.summary.attendanceTotal', { count: summary.attendance.total })}</p>
            <ul className="list-disc pl-5 text-sm">
              <li>{t('sessions.summary.signedIn', { count: summary.attendance.signedIn })}</li>
              <li>{t('sessions.summary.guests', { count: summary.attendance.guests })}</li>
            </ul>
          </div>
          <div>
            <h3 className="font-semibold">{t('sessions.summary.notes')}</h3>
            <p>{t('sessions.summary.notesTotal', { count: summary.notesTotal })}</p>
            <table className="mt-2 text-left text-sm" data-testid="notes-by-phase">
              <tbody>
                {(['before', 'silent', 'clustering', 'voting', 'reveal', 'after'] as const).map((phase) => (
                  <tr key={phase} className="border-b border-slate-200 last:border-0">
                    <th scope="row" className="py-1 pr-6 font-medium">
                      {t(`sessions.summaryPhases.${phase}`)}
                    </th>
                    <td className="py-1 text-right tabular-nums">{formatNumber(summary.notesByPhase[phase], d.lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3 className="font-semibold">{t('sessions.summary.dots')}</h3>
            {summary.dots.length === 0 ? (
              <p>{t('sessions.summary.noDots')}</p>
            ) : (
              <ol className="mt-2 space-y-1 text-sm" data-testid="dot-results">
                {summary.dots.map((n) => (
                  <li key={n.noteId} className="flex justify-between gap-4 border-b border-slate-200 py-1">
                    <span>{n.hidden ? t('sessions.summary.hiddenNote') : n.text || n.noteId}</span>
                    <span className="tabular-nums">{t('sessions.dots.total', { count: n.dots })}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
          <div>
            <h3 className="font-semibold">{t('sessions.summary.promoted')}</h3>
            {summary.promoted.length === 0 ? (
              <p>{t('sessions.summary.noPromoted')}</p>
            ) : (
              <ul className="mt-2 space-y-1" data-testid="promoted-ideas">
                {summary.promoted.map((p) => (
                  <li key={p.ideaId}>
                    <Link to={`/ideas/${p.ideaId}`}>{p.title ?? t('sessions.summary.hiddenIdea')}</Link>
                    {p.guestCredits.length ? <span className="text-sm text-slate-700"> — {t('sessions.promote.guestCredits', { names: p.guestCredits.join(', ') })}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      ) : session.status === 'ended' ? (
        <p className="rounded-lg bg-white p-6 text-slate-700 shadow-sm">{t('sessions.page.noSummary')}</p>
      ) : null}

      {d.canExport ? (
        <section aria-labelledby="exports-title" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="exports-title" className="text-xl font-semibold">
            {t('sessions.page.exports')}
          </h2>
          <ul className="mt-2 flex flex-wrap gap-4">
            <li>
              <a href={`/sesiones/${session.id}/tablero.png`} download>
                {t('sessions.page.exportPng')}
              </a>
            </li>
            <li>
              <a href={`/sesiones/${session.id}/tablero.svg`} download>
                {t('sessions.page.exportSvg')}
              </a>
            </li>
            <li>
              <a href={`/sesiones/${session.id}/notas.csv`} download>
                {t('sessions.page.exportCsv')}
              </a>
            </li>
          </ul>
        </section>
      ) : null}

      {d.record ? (
        <section aria-labelledby="record-title" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="record-title" className="text-xl font-semibold">
            {t('sessions.page.record')}
          </h2>
          <ol className="mt-2 space-y-1 text-sm">
            {d.record.map((r, i) => (
              <li key={i}>
                <time dateTime={r.atIso}>{r.at}</time> — {t(`sessions.record.${r.action}`, { defaultValue: r.action })} {r.actorName ? `(${r.actorName})` : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
