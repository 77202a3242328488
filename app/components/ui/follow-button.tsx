import { Form, useLocation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'

type Props = {
  targetType: 'challenge' | 'idea' | 'pilot'
  targetId: string
  /** Whether the signed-in person already follows it (false when signed out: the form then leads to sign in). */
  following: boolean
  className?: string
}

/**
 * Follow / unfollow a challenge, idea or pilot: a plain document form to /seguir (a resource route)
 * that redirects back here with a message; the same with or without JavaScript.
 */
export function FollowButton({ targetType, targetId, following, className = '' }: Props) {
  const { t } = useT()
  const location = useLocation()
  return (
    <Form method="post" action="/seguir" reloadDocument className={className}>
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="intent" value={following ? 'unfollow' : 'follow'} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        title={following ? t('notifications.follow.unfollowLabel') : t('notifications.follow.followLabel')}
        className={`inline-flex items-center gap-2 rounded border border-brand-700 px-3 py-1.5 text-sm font-semibold ${following ? 'bg-brand-700 text-white hover:bg-brand-800' : 'bg-white text-brand-800 hover:bg-brand-50'}`}
        data-testid="follow-button"
      >
        <span aria-hidden="true">{following ? '★' : '☆'}</span>
        {following ? t('notifications.follow.unfollow') : t('notifications.follow.follow')}
      </button>
    </Form>
  )
}
