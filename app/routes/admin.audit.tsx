import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Pager } from '#app/components/admin/pager.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { actionText, describeAuditEntries } from '#app/services/platform/audit-entries.server.ts'
import { auditEntityTypes, auditQuery, parseAuditFilter, type AuditFilter } from '#app/services/platform/audit-schemas.ts'
import { AUDIT_EXPORT_LIMIT, auditFilterChoices, searchAudit } from '#app/services/platform/audit.server.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const FILTER_KEYS = ['actor', 'action', 'entity', 'from', 'to'] as const

/** GET /admin/audit?actor=&action=&entity=&from=&to=&page= — the log in words, filtered and paged; a bad filter is a 400 with the form still there. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, 'read:audit')
  const t = getT(context.lang)
  const params = new URL(request.url).searchParams
  const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTER_KEYS)[number], string>
  const parsed = parseAuditFilter(params)
  const filter: Partial<AuditFilter> = parsed.success ? parsed.data : {}
  const [result, choices] = await Promise.all([parsed.success ? searchAudit(user, filter) : null, auditFilterChoices(user)])
  const entries = result ? await describeAuditEntries(result.entries, context.lang) : []
  const body = {
    title: `${t('admin.auditTitle')} · ${t('admin.title')} · Cocrea`,
    raw,
    filtered: FILTER_KEYS.some((k) => raw[k] !== ''),
    filterError: parsed.success ? null : (parsed.error.issues.find((i) => i.message.startsWith('admin.'))?.message ?? 'admin.audit.badFilter'),
    query: parsed.success ? auditQuery(filter, { page: 1 }) : '',
    people: choices.people,
    actions: choices.actions.map((a) => ({ action: a, text: actionText(context.lang, a) })).sort((a, b) => a.text.localeCompare(b.text, context.lang)),
    entityTypes: [...auditEntityTypes],
    entries,
    total: result?.total ?? 0,
    page: result?.page ?? 1,
    pages: result?.pages ?? 1,
    exportLimit: AUDIT_EXPORT_LIMIT,
  }
  return data(body, { status: parsed.success ? 200 : 400 })
}

export default function AdminAudit() {
  const { t } = useT()
  const { raw, filtered, filterError, query, people, actions, entityTypes, entries, total, page, pages, exportLimit } = useLoaderData<typeof loader>()
  const pageHref = (p: number) => `/admin/audit${auditQuery({ ...raw, page: p } as Partial<AuditFilter>)}`
  return (
    <section aria-labelledby="audit-title" className="space-y-4">
      <h2 id="audit-title" className="text-2xl font-semibold text-brand-900">
        {t('admin.auditTitle')}
      </h2>
      <p className="max-w-3xl text-slate-700">{t('admin.audit.lead')}</p>

      <Form method="get" action="/admin/audit" className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="audit-filters-title">
        <h3 id="audit-filters-title" className="font-semibold text-slate-900">
          {t('admin.audit.filters')}
        </h3>
        {filterError ? (
          <p role="alert" className="font-medium text-red-700">
            {t(filterError)}
          </p>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <SelectField label={t('admin.audit.who')} name="actor" defaultValue={raw.actor}>
            <option value="">{t('admin.audit.anyone')}</option>
            <option value="system">{t('admin.audit.system')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('admin.audit.what')} name="action" defaultValue={raw.action}>
            <option value="">{t('admin.audit.anyAction')}</option>
            {actions.map((a) => (
              <option key={a.action} value={a.action}>
                {a.text}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('admin.audit.about')} name="entity" defaultValue={raw.entity}>
            <option value="">{t('admin.audit.anyEntity')}</option>
            {entityTypes.map((e) => (
              <option key={e} value={e}>
                {t(`admin.audit.entities.${e}`)}
              </option>
            ))}
          </SelectField>
          <Field label={t('admin.audit.from')} name="from" type="date" defaultValue={raw.from} />
          <Field label={t('admin.audit.to')} name="to" type="date" defaultValue={raw.to} />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit">{t('admin.audit.apply')}</Button>
          {filtered ? <Link to="/admin/audit">{t('admin.audit.clear')}</Link> : null}
        </div>
      </Form>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-700" data-testid="audit-count">
          {t('admin.audit.count', { count: total })}
        </p>
        {total > 0 ? (
          <p className="text-sm text-slate-600">
            <a href={`/admin/audit.csv${query}`} download className="font-semibold">
              {t('admin.audit.download')}
            </a>{' '}
            {total > exportLimit ? t('admin.audit.downloadLimit', { limit: exportLimit, count: total }) : t('admin.audit.downloadHint', { count: total })}
          </p>
        ) : null}
      </div>

      <DataTable
        variant="card"
        density="compact"
        caption={t('admin.audit.caption')}
        empty={filtered ? t('admin.audit.empty') : t('admin.audit.emptyLog')}
        rows={entries}
        rowKey={(e) => e.id}
        rowClassName="align-top"
        testId="audit-table"
        columns={[
          { key: 'when', header: t('admin.audit.when'), className: 'whitespace-nowrap', cell: (e) => <time dateTime={e.whenIso}>{e.when}</time> },
          {
            key: 'who',
            header: t('admin.audit.actor'),
            cell: (e) => (e.actorId && e.actorName ? <Link to={`/admin/audit?actor=${e.actorId}`}>{e.actorName}</Link> : t('admin.audit.systemActor')),
          },
          {
            key: 'what',
            header: t('admin.audit.action'),
            className: 'min-w-[12rem]',
            cell: (e) => (
              <>
                <span className="block">{e.actionText}</span>
                <code className="text-xs text-slate-600">{e.action}</code>
              </>
            ),
          },
          {
            key: 'about',
            header: t('admin.audit.target'),
            className: 'min-w-[12rem] break-words',
            cell: (e) => (e.target.href ? <Link to={e.target.href}>{e.target.label}</Link> : <span className="break-all">{e.target.label}</span>),
          },
          {
            key: 'change',
            header: t('admin.audit.change'),
            className: 'min-w-[14rem]',
            cell: (e) =>
              e.changes.length || e.person ? (
                <ul className="space-y-1">
                  {e.person ? <li>{t('admin.audit.person', { name: e.person })}</li> : null}
                  {e.changes.map((c) => (
                    <li key={c.field}>
                      <span className="font-medium">{c.field}:</span> <del className="text-slate-600">{c.from}</del> <span aria-hidden="true">→</span>
                      <span className="sr-only">{t('admin.audit.changeTo')}</span> <ins className="no-underline">{c.to}</ins>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-500">—</span>
              ),
          },
        ]}
      />
      <Pager page={page} pages={pages} href={pageHref} />
    </section>
  )
}
