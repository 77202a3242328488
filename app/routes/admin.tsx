import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, Outlet, useLocation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
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
  const { t } = useT()
  const { pathname } = useLocation()
  const sections = [
    { to: '/admin', label: t('admin.usersTitle'), under: '/admin/usuarios' },
    { to: '/admin/institutions', label: t('admin.institutionsTitle'), under: '/admin/institutions' },
    { to: '/admin/audit', label: t('admin.auditTitle'), under: '/admin/audit' },
  ]
  // The people tab covers the list (/admin) and each person's pages (/admin/usuarios/…).
  const isActive = (s: (typeof sections)[number]) => pathname === s.to || pathname.startsWith(`${s.under}/`) || pathname === s.under
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">{t('admin.title')}</h1>
      <nav aria-label={t('admin.sectionsNav')} className="border-b border-slate-300">
        <ul className="flex flex-wrap gap-1">
          {sections.map((section) => (
            <li key={section.to}>
              <Link to={section.to} aria-current={isActive(section) ? 'page' : undefined} className={tabClass({ isActive: isActive(section) })}>
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  )
}
