import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { PilotStatusBadge, ProgressBar, ScheduleBadge } from '#app/components/pilots/pilot-ui.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { getDashboard } from '#app/services/pilots/pilot-portfolio.server.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { formatDate } from '#app/utils/format.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** The officials' dashboard: their pilots, what is overdue, what has had no update for 30 days, and recent comments. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, 'read:dashboard:own')
  const dashboard = await getDashboard(user)
  return { title: `${getT(context.lang)('pilots.dashboard.title')} · Cocrea`, lang: context.lang, ...dashboard }
}

export default function Dashboard() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const day = (value: string) => formatDate(new Date(`${value}T12:00:00Z`), d.lang)
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-brand-900">{t('pilots.dashboard.title')}</h1>
        <p className="mt-2 text-slate-700">{d.allPilots ? t('pilots.dashboard.leadAll') : t('pilots.dashboard.lead')}</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="overdue-title" className="space-y-2 rounded-lg bg-white p-5 shadow-sm" data-testid="dashboard-overdue">
          <h2 id="overdue-title" className="text-lg font-semibold">
            {t('pilots.dashboard.overdue')}
          </h2>
          {d.overdue.length === 0 ? (
            <p>{t('pilots.dashboard.noOverdue')}</p>
          ) : (
            <ul className="list-disc space-y-1 pl-5">
              {d.overdue.map((o) => (
                <li key={o.milestone.id}>
                  <Link to={`/pilotos/${o.pilot.slug}#milestone-${o.milestone.id}`}>{t('pilots.dashboard.overdueItem', { milestone: o.milestone.title, pilot: o.pilot.title, date: day(o.milestone.dueDate) })}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="stale-title" className="space-y-2 rounded-lg bg-white p-5 shadow-sm" data-testid="dashboard-stale">
          <h2 id="stale-title" className="text-lg font-semibold">
            {t('pilots.dashboard.stale')}
          </h2>
          {d.stale.length === 0 ? (
            <p>{t('pilots.dashboard.noStale')}</p>
          ) : (
            <ul className="list-disc space-y-1 pl-5">
              {d.stale.map((p) => (
                <li key={p.id}>
                  <Link to={`/pilotos/${p.slug}`}>{t('pilots.dashboard.staleItem', { pilot: p.title, days: p.daysSinceUpdate })}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="comments-title" className="space-y-2 rounded-lg bg-white p-5 shadow-sm" data-testid="dashboard-comments">
          <h2 id="comments-title" className="text-lg font-semibold">
            {t('pilots.dashboard.comments')}
          </h2>
          {d.comments.length === 0 ? (
            <p>{t('pilots.dashboard.noComments')}</p>
          ) : (
            <ul className="space-y-3">
              {d.comments.map((c) => (
                <li key={c.id}>
                  <p className="text-sm text-slate-700">
                    <Link to={`/pilotos/${c.pilot.slug}#comment-${c.id}`}>{t('pilots.dashboard.commentOn', { author: c.author, pilot: c.pilot.title })}</Link> ·{' '}
                    <time dateTime={c.createdAt}>{formatDate(c.createdAt, d.lang, 'datetime')}</time>
                  </p>
                  <p className="line-clamp-3 whitespace-pre-line">{c.body}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section aria-labelledby="mine-title" className="space-y-4">
        <h2 id="mine-title" className="text-xl font-semibold">
          {t('pilots.dashboard.myPilots')}
        </h2>
        {d.pilots.length === 0 ? (
          <p>{t('pilots.dashboard.noPilots')}</p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {d.pilots.map((p) => (
              <li key={p.id} className="space-y-2 rounded-lg bg-white p-5 shadow-sm" data-testid="dashboard-pilot">
                <div className="flex flex-wrap gap-2">
                  <PilotStatusBadge status={p.status} />
                  <ScheduleBadge schedule={p.schedule} />
                </div>
                <h3 className="text-lg font-semibold">
                  <Link to={`/pilotos/${p.slug}`}>{p.title}</Link>
                </h3>
                <ProgressBar progress={p.progress} />
                <p>
                  <Link to={`/pilotos/${p.slug}#manage-title`} className="font-semibold">
                    {t('pilots.dashboard.report')}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
