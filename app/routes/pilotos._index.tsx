import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { InstitutionChart, PilotStatusBadge, ProgressBar, ScheduleBadge, StatusChart } from '#app/components/pilots/pilot-ui.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { SelectField } from '#app/components/ui/field.tsx'
import { departmentNames } from '#app/data/guatemala.ts'
import { getT } from '#app/i18n/i18n.ts'
import { can } from '#app/services/platform/permissions.ts'
import { pilotListQuerySchema } from '#app/services/pilots/pilot-schemas.ts'
import { pilotInstitutions, portfolioSummary } from '#app/services/pilots/pilot-portfolio.server.ts'
import { listPilots, serializePilot } from '#app/services/pilots/pilots.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { pilotStatuses } from '#app/domain/vocabulary.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const query = pilotListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const now = new Date()
  const [list, summary, institutions] = await Promise.all([listPilots(query), portfolioSummary(now), pilotInstitutions()])
  return {
    title: `${getT(context.lang)('pilots.title')} · Cocrea`,
    query,
    canCreate: can(user, 'create:pilot'),
    institutions,
    summary,
    total: list.total,
    page: list.page,
    pages: Math.max(1, Math.ceil(list.total / list.pageSize)),
    items: list.items.map((r) => {
      const p = serializePilot(r, now)
      return { id: p.id, slug: p.slug, title: p.title, status: p.status, progress: p.progress, schedule: p.schedule, stale: p.stale, daysSinceUpdate: p.daysSinceUpdate, institution: p.institution, territory: p.territory }
    }),
  }
}

export default function PilotsIndex() {
  const { t } = useT()
  const { query, items, total, page, pages, institutions, summary, canCreate } = useLoaderData<typeof loader>()
  const pageLink = (p: number) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== null && k !== 'page') params.set(k, String(v))
    if (p > 1) params.set('page', String(p))
    const s = params.toString()
    return s ? `/pilotos?${s}` : '/pilotos'
  }
  const statusData = pilotStatuses.map((status) => ({ status, label: t(`pilots.statuses.${status}`), count: summary.byStatus[status] }))
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold text-brand-900">{t('pilots.title')}</h1>
          <p className="mt-2 text-slate-700">{t('pilots.list.lead')}</p>
        </div>
        {canCreate ? (
          <Link to="/pilotos/nuevo" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800">
            {t('pilots.list.new')}
          </Link>
        ) : null}
      </div>

      <section aria-labelledby="summary-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="summary-title" className="text-xl font-semibold">
          {t('pilots.summary.title')}
        </h2>
        <p data-testid="portfolio-lead">{t('pilots.summary.lead', { total: summary.total, onTime: summary.onTime, late: summary.late })}</p>
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="min-w-0 space-y-3">
            <h3 className="font-semibold">{t('pilots.summary.byStatus')}</h3>
            <StatusChart data={statusData} />
            <DataTable
              testId="status-table"
              density="compact"
              caption={t('pilots.summary.byStatus')}
              rows={statusData}
              rowKey={(s) => s.status}
              columns={[
                { key: 'status', header: t('pilots.summary.status'), rowHeader: true, className: 'font-normal', cell: (s) => s.label },
                { key: 'count', header: t('pilots.summary.count'), numeric: true, cell: (s) => s.count },
              ]}
            />
          </div>
          <div className="min-w-0 space-y-3">
            <h3 className="font-semibold">{t('pilots.summary.byInstitution')}</h3>
            <InstitutionChart data={summary.byInstitution.map((i) => ({ name: i.acronym, onTime: i.onTime, late: i.late }))} onTimeLabel={t('pilots.schedule.onTime')} lateLabel={t('pilots.schedule.late')} />
            <DataTable
              testId="institution-table"
              density="compact"
              caption={t('pilots.summary.byInstitution')}
              rows={summary.byInstitution}
              rowKey={(i) => i.id}
              columns={[
                { key: 'institution', header: t('pilots.summary.institution'), rowHeader: true, className: 'font-normal', cell: (i) => <abbr title={i.name}>{i.acronym}</abbr> },
                { key: 'total', header: t('pilots.summary.total'), numeric: true, cell: (i) => i.total },
                { key: 'onTime', header: t('pilots.schedule.onTime'), numeric: true, cell: (i) => i.onTime },
                { key: 'late', header: t('pilots.schedule.late'), numeric: true, cell: (i) => i.late },
              ]}
            />
          </div>
        </div>
      </section>

      <section aria-labelledby="list-title" className="space-y-4">
        <h2 id="list-title" className="text-xl font-semibold">
          {t('pilots.list.listTitle')}
        </h2>
        <Form method="get" action="/pilotos" role="search" aria-label={t('pilots.list.filters')} className="grid items-end gap-4 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
          <SelectField label={t('pilots.list.status')} name="status" defaultValue={query.status ?? ''}>
            <option value="">{t('pilots.list.all')}</option>
            {pilotStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`pilots.statuses.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('pilots.list.institution')} name="institution" defaultValue={query.institution ?? ''}>
            <option value="">{t('pilots.list.all')}</option>
            {institutions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.acronym} — {i.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('pilots.list.department')} name="department" defaultValue={query.department ?? ''}>
            <option value="">{t('pilots.list.all')}</option>
            {departmentNames.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </SelectField>
          <div className="flex gap-3">
            <Button type="submit">{t('pilots.list.apply')}</Button>
            <Link to="/pilotos" className="self-center">
              {t('pilots.list.clear')}
            </Link>
          </div>
        </Form>
        <p aria-live="polite">{t('pilots.list.results', { count: total })}</p>
        {items.length === 0 ? (
          <p>{t('pilots.list.empty')}</p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {items.map((p) => (
              <li key={p.id} className="space-y-3 rounded-lg bg-white p-5 shadow-sm" data-testid="pilot-card">
                <div className="flex flex-wrap gap-2">
                  <PilotStatusBadge status={p.status} />
                  <ScheduleBadge schedule={p.schedule} />
                </div>
                <h3 className="text-lg font-semibold">
                  <Link to={`/pilotos/${p.slug}`}>{p.title}</Link>
                </h3>
                <ProgressBar progress={p.progress} />
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  <dt className="font-medium">{t('pilots.list.institution')}</dt>
                  <dd>{p.institution.name}</dd>
                  <dt className="font-medium">{t('pilots.list.territory')}</dt>
                  <dd>{[p.territory.municipality, p.territory.department].filter(Boolean).join(', ') || t('pilots.wholeCountry')}</dd>
                </dl>
                {p.stale ? <p className="text-sm font-medium text-amber-900">{t('pilots.list.stale', { days: p.daysSinceUpdate })}</p> : null}
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label={t('pilots.list.pagination')} className="flex items-center justify-between">
            {page > 1 ? <Link to={pageLink(page - 1)}>{t('pilots.list.previous')}</Link> : <span />}
            <span className="text-sm">{t('pilots.list.pageOf', { page, pages })}</span>
            {page < pages ? <Link to={pageLink(page + 1)}>{t('pilots.list.next')}</Link> : <span />}
          </nav>
        ) : null}
      </section>
    </div>
  )
}
