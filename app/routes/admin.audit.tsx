import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
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
      {entries.length === 0 ? (
        <p className="text-slate-700">{t('admin.auditEmpty')}</p>
      ) : (
        <>
          <p className="text-slate-700">{t('admin.auditLatest', { count: entries.length })}</p>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <caption className="caption-top px-4 pt-3 text-left text-slate-600">{t('admin.auditTableCaption')}</caption>
              <thead className="border-b border-slate-300 bg-slate-100">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    {t('admin.auditWhen')}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t('admin.auditWho')}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t('admin.auditWhat')}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t('admin.auditEntity')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className="border-b border-slate-200 align-top last:border-0">
                    <td className="px-4 py-2 whitespace-nowrap">
                      <time dateTime={e.whenIso}>{e.when}</time>
                    </td>
                    <td className="px-4 py-2">{e.actorName ?? t('admin.auditNoActor')}</td>
                    <td className="px-4 py-2">
                      <code>{e.action}</code>
                    </td>
                    <td className="px-4 py-2">
                      <code>{e.entityType}</code> <code className="break-all text-slate-600">{e.entityId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
