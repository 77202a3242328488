import { Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { type SessionStatus } from '#app/domain/vocabulary.ts'

type Item = { id: string; title: string; status: SessionStatus; startsAt: string; when: string }

/** The co-creation sessions of a challenge, on the challenge page; facilitators get the link to schedule one. */
export function ChallengeSessions({ slug, sessions, canSchedule }: { slug: string; sessions: Item[]; canSchedule: boolean }) {
  const { t } = useT()
  if (sessions.length === 0 && !canSchedule) return null
  return (
    <section aria-labelledby="sessions-title" className="rounded-lg bg-white p-6 shadow-sm" data-testid="challenge-sessions">
      <h2 id="sessions-title" className="text-xl font-semibold">
        {t('sessions.list.title')}
      </h2>
      {sessions.length === 0 ? (
        <p className="mt-2 text-slate-700">{t('sessions.list.none')}</p>
      ) : (
        <ul className="mt-4 space-y-3">
          {sessions.map((s) => (
            <li key={s.id}>
              <Link to={`/sesiones/${s.id}`} className="font-semibold">
                {s.title}
              </Link>
              <span className="block text-sm text-slate-700">
                <time dateTime={s.startsAt}>{s.when}</time> · {t(`sessions.status.${s.status}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canSchedule ? (
        <p className="mt-4">
          <Link to={`/retos/${slug}/sesiones/nueva`} className="font-semibold">
            {t('sessions.list.schedule')}
          </Link>
        </p>
      ) : null}
    </section>
  )
}
