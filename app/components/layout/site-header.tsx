import { Form, Link, NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { can } from '#app/services/platform/permissions.ts'
import { type Role } from '#app/domain/vocabulary.ts'
import { LanguageSwitcher } from './language-switcher.tsx'
import { NotificationBell } from './notification-bell.tsx'

type HeaderUser = { name: string; role: Role } | null

const navLink = ({ isActive }: { isActive: boolean }) =>
  `rounded px-3 py-2 text-white no-underline hover:bg-brand-700 ${isActive ? 'bg-brand-800 font-semibold' : ''}`

export function SiteHeader({ user, unreadCount = 0 }: { user: HeaderUser; unreadCount?: number }) {
  const { t } = useTranslation()
  return (
    <header className="bg-brand-900 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-brand-900">
        {t('nav.skip')}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to="/" className="flex items-center gap-2 text-xl font-bold text-white no-underline">
          <span aria-hidden="true" className="inline-block h-7 w-7 rounded-full bg-amber-400" />
          Cocrea
        </Link>
        <nav aria-label={t('nav.main')} className="order-3 w-full sm:order-2 sm:w-auto">
          <ul className="flex flex-wrap items-center gap-1">
            <li>
              <NavLink to="/" end className={navLink}>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/retos" className={navLink}>
                {t('nav.challenges')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/pilotos" className={navLink}>
                {t('pilots.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/datos" className={navLink}>
                {t('openData.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/buscar" className={navLink}>
                {t('nav.search')}
              </NavLink>
            </li>
            {user ? (
              <>
                <li>
                  <NavLink to="/settings" className={navLink}>
                    {t('nav.profile')}
                  </NavLink>
                </li>
                {can(user, 'read:dashboard:own') ? (
                  <li>
                    <NavLink to="/mi-panel" className={navLink}>
                      {t('pilots.dashboardNav')}
                    </NavLink>
                  </li>
                ) : null}
                {can(user, 'moderate') ? (
                  <li>
                    <NavLink to="/moderacion" className={navLink}>
                      {t('moderation.nav')}
                    </NavLink>
                  </li>
                ) : null}
                {can(user, 'read:admin') ? (
                  <li>
                    <NavLink to="/admin" className={navLink}>
                      {t('nav.admin')}
                    </NavLink>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="rounded px-3 py-2 text-white hover:bg-brand-700">
                      {t('nav.signOut')}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login" className={navLink}>
                    {t('nav.signIn')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/signup" className={navLink}>
                    {t('nav.signUp')}
                  </NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <div className="order-2 flex items-center gap-3 sm:order-3">
          {user ? (
            <span className="hidden text-sm text-brand-100 md:inline" data-testid="signed-in-as">
              {t('nav.signedInAs', { name: user.name })}
            </span>
          ) : null}
          {user ? <NotificationBell unread={unreadCount} /> : null}
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  )
}
