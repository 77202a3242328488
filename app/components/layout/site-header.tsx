import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { can } from '#app/services/platform/permissions.ts'
import { type Role } from '#app/domain/vocabulary.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import { LanguageSwitcher } from './language-switcher.tsx'
import { NotificationBell } from './notification-bell.tsx'

type HeaderUser = { name: string; role: Role } | null

const navLink = ({ isActive }: { isActive: boolean }) =>
  `rounded px-3 py-2 text-white no-underline hover:bg-brand-700 ${isActive ? 'bg-brand-800 font-semibold' : ''}`

/** The site's links (and sign-out) for this person; rendered in the bar on wide screens and in the menu on phones. */
function NavItems({ user, stacked }: { user: HeaderUser; stacked: boolean }) {
  const { t } = useT()
  return (
    <ul className={stacked ? 'flex flex-col gap-1' : 'flex flex-wrap items-center gap-1'}>
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
          <li>
            <NavLink to="/mi-actividad" className={navLink}>
              {t('people.activity.nav')}
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
              <button type="submit" className={`rounded px-3 py-2 text-white hover:bg-brand-700 ${stacked ? 'w-full text-left' : ''}`}>
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
  )
}

/**
 * Below `lg` the links fold into a menu: a <details> disclosure, so it opens without JavaScript and by
 * keyboard (Enter or Space on its summary). Once hydrated it also says aria-expanded, closes on Escape
 * (focus back on the button) and after each client-side navigation.
 */
function PhoneMenu({ user }: { user: HeaderUser }) {
  const { t } = useT()
  const hydrated = useHydrated()
  const location = useLocation()
  const details = useRef<HTMLDetailsElement>(null)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    if (details.current) details.current.open = false
  }, [location.key])
  return (
    <details
      ref={details}
      className="lg:hidden"
      data-testid="phone-menu"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !details.current?.open) return
        details.current.open = false
        details.current.querySelector('summary')?.focus()
      }}
    >
      <summary
        aria-expanded={hydrated ? open : undefined}
        className="flex cursor-pointer list-none items-center gap-2 rounded px-3 py-2 font-medium text-white hover:bg-brand-700 [&::-webkit-details-marker]:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 6h16M4 12h16M4 18h16" />}
        </svg>
        {t('nav.menu')}
      </summary>
      <div className="absolute inset-x-0 top-full z-40 space-y-3 border-t border-brand-800 bg-brand-900 px-4 pt-2 pb-4 shadow-lg">
        {user ? (
          <p className="px-3 text-sm text-brand-100" data-testid="menu-signed-in-as">
            {t('nav.signedInAs', { name: user.name })}
          </p>
        ) : null}
        <nav aria-label={t('nav.main')}>
          <NavItems user={user} stacked />
        </nav>
        <LanguageSwitcher />
      </div>
    </details>
  )
}

export function SiteHeader({ user, unreadCount = 0 }: { user: HeaderUser; unreadCount?: number }) {
  const { t } = useT()
  return (
    <header className="relative bg-brand-900 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-brand-900">
        {t('nav.skip')}
      </a>
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3 lg:flex-wrap">
        <Link to="/" className="flex shrink-0 items-center gap-2 text-xl font-bold text-white no-underline">
          <span aria-hidden="true" className="inline-block h-7 w-7 rounded-full bg-amber-400" />
          Cocrea
        </Link>
        <nav aria-label={t('nav.main')} className="hidden lg:block">
          <NavItems user={user} stacked={false} />
        </nav>
        <div className="flex items-center gap-2 lg:gap-3">
          {user ? (
            <span className="hidden text-sm text-brand-100 lg:inline" data-testid="signed-in-as">
              {t('nav.signedInAs', { name: user.name })}
            </span>
          ) : null}
          {user ? <NotificationBell unread={unreadCount} /> : null}
          <div className="hidden lg:block">
            <LanguageSwitcher />
          </div>
          <PhoneMenu user={user} />
        </div>
      </div>
    </header>
  )
}
