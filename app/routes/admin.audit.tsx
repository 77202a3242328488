import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { listAudit } from '#app/services/platform/audit.server.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { formatDate } from '#app/utils/format.ts'

const LATEST = 100

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, 'read:audit')
  const t = getT(context.lang)
  const entries = await listAudit({ limit: LATEST })
  return {
    title: `${t('admin.auditTitle')} · ${t('admin.title')} · Cocrea`,
    entries: entries.map((e) => ({
      id: e.id,
      when: formatDate(e.createdAt, context.lang, 'datetime'),
      whenIso: e.createdAt.toISOString(),
      actorName: e.actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
    })),
  }
}

export default function AdminAudit() {
  const { t } = useTranslation()
  const { entries } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="audit-title" className="space-y-3">
      <h2 id="audit-title" className="text-2xl font-semibold text-brand-900">
        {t('admin.auditTitle')}
      </h2>
      {entries.length > 0 ? <p className="text-slate-700">{t('admin.auditLatest', { count: entries.length })}</p> : null}
      <DataTable
        variant="card"
        density="compact"
        caption={t('admin.auditTableCaption')}
        empty={t('admin.auditEmpty')}
        rows={entries}
        rowKey={(e) => e.id}
        rowClassName="align-top"
        columns={[
          { key: 'when', header: t('admin.auditWhen'), className: 'whitespace-nowrap', cell: (e) => <time dateTime={e.whenIso}>{e.when}</time> },
          { key: 'who', header: t('admin.auditWho'), cell: (e) => e.actorName ?? t('admin.auditNoActor') },
          { key: 'what', header: t('admin.auditWhat'), cell: (e) => <code>{e.action}</code> },
          {
            key: 'entity',
            header: t('admin.auditEntity'),
            cell: (e) => (
              <>
                <code>{e.entityType}</code> <code className="break-all text-slate-600">{e.entityId}</code>
              </>
            ),
          },
        ]}
      />
    </section>
  )
}
