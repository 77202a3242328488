import { useT } from '#app/i18n/use-t.ts'
import { type UseFollow } from './use-follow.ts'

/** The participant's switch for "follow the facilitator", floating over the canvas's top-right corner. */
export function FollowToggle({ follow }: { follow: UseFollow }) {
  const { t } = useT()
  if (!follow.shown) return null
  const { following, leaderPresent } = follow
  return (
    <div className="absolute top-2 right-2 z-30 flex max-w-[calc(100%-1rem)] items-center gap-2 rounded-lg border border-slate-300 bg-white/95 p-1 text-sm shadow-md sm:pl-3" data-testid="follow">
      <span className="sr-only text-slate-700 sm:not-sr-only" aria-live="polite">
        {following ? (leaderPresent ? t('boards.workspace.followingOn') : t('boards.workspace.followingWaiting')) : t('boards.workspace.followingOff')}
      </span>
      <button
        type="button"
        aria-pressed={following}
        onClick={() => follow.setFollowing(!following)}
        className={`rounded-md px-3 py-1.5 font-semibold whitespace-nowrap ${following ? 'bg-brand-700 text-white hover:bg-brand-800' : 'border border-brand-700 text-brand-800 hover:bg-brand-50'}`}
      >
        {t('boards.workspace.follow')}
      </button>
    </div>
  )
}
