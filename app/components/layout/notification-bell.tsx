import { NavLink } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { useLiveNotifications } from '#app/utils/use-live-notifications.ts'

/** The header's link to /notificaciones with the unread count, which updates live. */
export function NotificationBell({ unread: initialUnread }: { unread: number }) {
  const { t } = useT()
  const { unread, arrived } = useLiveNotifications(initialUnread)
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')
  return (
    <>
      <NavLink
        to="/notificaciones"
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        className={({ isActive }) => `relative inline-flex items-center rounded p-2 text-white no-underline hover:bg-brand-700 ${isActive ? 'bg-brand-800' : ''}`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {unread > 0 ? (
          <span
            aria-hidden="true"
            data-testid="unread-count"
            className="absolute -top-1 -right-1 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-bold leading-5 text-brand-900"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </NavLink>
      {/* Announced to screen readers when something arrives while the page is open. */}
      <span aria-live="polite" className="sr-only">
        {arrived > 0 ? `${t('notifications.liveNew')} ${label}` : ''}
      </span>
    </>
  )
}
