import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { ChallengeCover } from '#app/components/challenges/challenge-cover.tsx'
import { ChallengePhaseBadge } from '#app/components/challenges/challenge-phase-badge.tsx'
import { PersonName } from '#app/components/ui/person-name.tsx'
import { homeFeed } from '#app/services/platform/home.server.ts'
import { formatDate, formatNumber } from '#app/utils/format.ts'

export async function loader({ context }: LoaderFunctionArgs) {
  return { user: context.auth?.user ? { name: context.auth.user.name } : null, feed: await homeFeed(), lang: context.lang }
}

const steps = ['challenge', 'ideas', 'cocreate', 'vote', 'evaluate', 'pilot'] as const
const figureKeys = ['openChallenges', 'ideas', 'votes', 'pilots', 'people', 'institutions'] as const

/** A section of the home: its heading, the link to the full list, and what is true when it is empty. */
function Section({ id, title, all, empty, children }: { id: string; title: string; all: { to: string; label: string }; empty: string | null; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`home-${id}`} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={`${id}-title`} className="text-2xl font-bold text-brand-900">
          {title}
        </h2>
        <Link to={all.to} className="font-semibold">
          {all.label} <span aria-hidden="true">→</span>
        </Link>
      </div>
      {empty ? <p className="rounded-lg bg-white p-5 text-slate-700 shadow-sm">{empty}</p> : children}
    </section>
  )
}

export default function Home() {
  const { user, feed, lang } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <div className="space-y-12">
      <section className="rounded-lg bg-white p-6 shadow-sm sm:p-10" aria-labelledby="home-title">
        <h1 id="home-title" className="text-3xl font-bold text-brand-900 sm:text-4xl">
          {t('home.title')}
        </h1>
        <p className="mt-4 max-w-3xl text-lg text-slate-700">{t('home.lead')}</p>
        {user ? (
          <div className="mt-6 flex flex-wrap items-center gap-x-6 gap-y-3">
            <p className="text-lg font-medium text-brand-800">{t('home.welcome', { name: user.name })}</p>
            <Link to="/mi-actividad" className="font-semibold">
              {t('live.myActivity')}
            </Link>
          </div>
        ) : (
          <div className="mt-6 flex flex-wrap gap-3">
            <Link to="/signup" className="rounded bg-brand-700 px-5 py-3 font-semibold text-white no-underline hover:bg-brand-800">
              {t('home.ctaSignUp')}
            </Link>
            <Link to="/login" className="rounded border border-brand-700 bg-white px-5 py-3 font-semibold text-brand-800 no-underline hover:bg-brand-50">
              {t('home.ctaSignIn')}
            </Link>
          </div>
        )}
        <h2 className="sr-only">{t('live.figuresTitle')}</h2>
        <dl className="mt-8 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="home-figures">
          {figureKeys.map((key) => (
            <div key={key} className="flex flex-col-reverse border-l-4 border-amber-400 pl-3">
              <dt className="text-sm text-slate-600">{t(`live.figures.${key}`)}</dt>
              <dd className="text-2xl font-bold tabular-nums text-brand-900">{formatNumber(feed.figures[key], lang)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <Section
        id="challenges"
        title={t('live.challenges.title')}
        all={{ to: '/retos', label: t('live.challenges.all') }}
        empty={feed.openChallenges.length === 0 ? t('live.challenges.none') : null}
      >
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {feed.openChallenges.map((c) => (
            <li key={c.id} className="flex flex-col overflow-hidden rounded-lg bg-white shadow-sm" data-challenge={c.slug}>
              <ChallengeCover src={c.cover} acronym={c.institution.acronym} />
              <article className="flex flex-1 flex-col gap-2 p-4">
                <div>
                  <ChallengePhaseBadge phase={c.phase} />
                </div>
                <h3 className="text-lg font-semibold">
                  <Link to={`/retos/${c.slug}`}>{c.title}</Link>
                </h3>
                <p className="text-sm text-slate-700">{c.institution.name}</p>
                <p className="line-clamp-2 text-slate-700">{c.summary}</p>
                <p className="mt-auto flex flex-wrap gap-x-3 text-sm font-medium text-slate-800">
                  <span data-testid="challenge-deadline">
                    {c.phaseEndsAt ? (
                      <>
                        {t('live.challenges.until', { phase: t(`challenges.phases.${c.phase}`) })}{' '}
                        <time dateTime={c.phaseEndsAt}>{formatDate(c.phaseEndsAt, lang)}</time>
                      </>
                    ) : (
                      t('live.challenges.noDate', { phase: t(`challenges.phases.${c.phase}`) })
                    )}
                  </span>
                  <span className="text-slate-600">{t('live.challenges.ideas', { count: c.ideaCount })}</span>
                </p>
              </article>
            </li>
          ))}
        </ul>
      </Section>

      <div className="grid gap-12 lg:grid-cols-2">
        <Section
          id="sessions"
          title={t('live.sessions.title')}
          all={{ to: '/retos?phase=cocreation', label: t('live.sessions.all') }}
          empty={feed.sessions.length === 0 ? t('live.sessions.none') : null}
        >
          <ul className="space-y-3">
            {feed.sessions.map((s) => (
              <li key={s.id} className={`rounded-lg bg-white p-4 shadow-sm ${s.status === 'live' ? 'border-l-4 border-red-600' : ''}`} data-session={s.id} data-status={s.status}>
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  {s.status === 'live' ? (
                    <span className="inline-flex items-center gap-1.5 rounded-full bg-red-100 px-2.5 py-0.5 font-semibold text-red-800" data-testid="session-live">
                      <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-red-600 motion-reduce:animate-none" />
                      {t('live.sessions.live')}
                    </span>
                  ) : (
                    <span className="rounded-full bg-sky-100 px-2.5 py-0.5 font-semibold text-sky-900">{t('live.sessions.upcoming')}</span>
                  )}
                  <span className="text-slate-700">
                    {s.status === 'live' ? (
                      t('live.sessions.liveUntil', { time: formatDate(s.endsAt, lang, 'datetime') })
                    ) : (
                      <time dateTime={s.startsAt}>{formatDate(s.startsAt, lang, 'datetime')}</time>
                    )}
                  </span>
                </p>
                <h3 className="mt-2 font-semibold">
                  <Link to={`/sesiones/${s.id}`}>{s.title}</Link>
                </h3>
                <p className="text-sm text-slate-700">
                  <Link to={`/retos/${s.challengeSlug}`} className="text-slate-700">
                    {t('live.sessions.of', { challenge: s.challengeTitle })}
                  </Link>
                </p>
                {s.status === 'live' ? (
                  <p className="mt-3">
                    <Link to={`/sesiones/${s.id}`} className="inline-block rounded bg-red-700 px-4 py-2 font-semibold text-white no-underline hover:bg-red-800" data-testid="session-join">
                      {t('live.sessions.join')}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>

        <Section
          id="selected"
          title={t('live.selected.title')}
          all={{ to: '/retos?phase=piloting', label: t('live.selected.all') }}
          empty={feed.selectedIdeas.length === 0 ? t('live.selected.none') : null}
        >
          <ul className="space-y-3">
            {feed.selectedIdeas.map((i) => (
              <li key={i.id} className="rounded-lg border-l-4 border-emerald-600 bg-white p-4 shadow-sm" data-idea={i.id}>
                <h3 className="font-semibold">
                  <Link to={`/ideas/${i.id}`}>{i.title}</Link>
                </h3>
                <p className="text-sm text-slate-700">
                  <Link to={`/retos/${i.challengeSlug}`} className="text-slate-700">
                    {i.challengeTitle}
                  </Link>
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  <time dateTime={i.selectedAt}>{t('live.selected.on', { date: formatDate(i.selectedAt, lang) })}</time> · {t('live.selected.votes', { count: i.voteTotal })}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      </div>

      <Section id="updates" title={t('live.updates.title')} all={{ to: '/pilotos', label: t('live.updates.all') }} empty={feed.pilotUpdates.length === 0 ? t('live.updates.none') : null}>
        <ul className="grid gap-4 md:grid-cols-3">
          {feed.pilotUpdates.map((u) => (
            <li key={u.id} className="flex flex-col gap-2 rounded-lg bg-white p-4 shadow-sm" data-update={u.id}>
              <h3 className="font-semibold">
                <Link to={`/pilotos/${u.pilot.slug}#update-${u.id}`}>{u.pilot.title}</Link>
              </h3>
              <p className="line-clamp-4 text-slate-800">{u.excerpt}</p>
              {u.progress !== null ? <p className="text-sm font-medium">{t('live.updates.progress', { progress: u.progress })}</p> : null}
              <p className="mt-auto flex flex-wrap items-center gap-x-2 text-sm text-slate-700">
                <span>{t('live.updates.by')}</span>
                <PersonName person={u.author} />
                <span aria-hidden="true">·</span>
                <time dateTime={u.createdAt}>{formatDate(u.createdAt, lang)}</time>
              </p>
            </li>
          ))}
        </ul>
      </Section>

      <section aria-labelledby="steps-title">
        <h2 id="steps-title" className="text-2xl font-bold text-brand-900">
          {t('home.stepsTitle')}
        </h2>
        <ol className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {steps.map((step, i) => (
            <li key={step} className="rounded-lg border border-slate-200 bg-white p-5">
              <h3 className="font-semibold text-brand-800">
                <span aria-hidden="true" className="mr-2 inline-flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 text-sm">
                  {i + 1}
                </span>
                {t(`home.steps.${step}.title`)}
              </h3>
              <p className="mt-2 text-slate-700">{t(`home.steps.${step}.body`)}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}
