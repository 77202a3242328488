import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '#app/i18n/i18n.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** Every admin page sits under this one: anonymous people go to sign in, everyone else without the permission gets 403. */
export function loader({ request, context }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, 'read:admin')
  return { title: `${getT(context.lang)('admin.title')} · Cocrea` }
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `inline-block rounded-t px-4 py-2 font-medium no-underline ${isActive ? 'border-b-4 border-brand-700 bg-white text-brand-900' : 'text-brand-700 hover:bg-brand-50'}`

export default function AdminLayout() {
  const { t } = useTranslation()
  const sections = [
    { to: '/admin', label: t('admin.usersTitle'), end: true },
    { to: '/admin/institutions', label: t('admin.institutionsTitle'), end: false },
    { to: '/admin/audit', label: t('admin.auditTitle'), end: false },
  ]
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">{t('admin.title')}</h1>
      <nav aria-label={t('admin.sectionsNav')} className="border-b border-slate-300">
        <ul className="flex flex-wrap gap-1">
          {sections.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end} className={tabClass}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  )
}
