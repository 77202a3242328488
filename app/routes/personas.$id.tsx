import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { PilotStatusBadge } from '#app/components/pilots/pilot-ui.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { getPublicProfile } from '#app/services/accounts/profiles.server.ts'
import { formatDate } from '#app/utils/format.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

/** A person's public profile: what they did in public, never their e-mail. A deleted account has none (410). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const t = getT(context.lang)
  const profile = await getPublicProfile(params.id ?? '')
  if (profile.kind === 'not_found') throw new Response('Not found', { status: 404 })
  if (profile.kind === 'gone') return data({ title: `${t('people.deleted')} · Cocrea`, lang: context.lang, profile: null }, { status: 410 })
  return { title: `${t('people.profile.title', { name: profile.person.name })} · Cocrea`, lang: context.lang, profile }
}

export default function PersonProfile() {
  const { t } = useT()
  const { profile, lang } = useLoaderData<typeof loader>()
  if (!profile) {
    return (
      <section className="mx-auto max-w-2xl space-y-4 rounded-lg bg-white p-6 shadow-sm" data-testid="profile-gone">
        <h1 className="text-2xl font-bold text-brand-900">{t('people.deleted')}</h1>
        <p className="text-slate-700">{t('people.profile.gone')}</p>
      </section>
    )
  }
  const { person, ideas, comments, pilots, sessions } = profile
  return (
    <div className="space-y-8" data-testid="profile">
      <header className="flex flex-wrap items-center gap-4 rounded-lg bg-white p-6 shadow-sm">
        <Avatar name={person.name} size="lg" />
        <div className="min-w-0 space-y-1">
          <h1 className="text-3xl font-bold text-brand-900">{person.name}</h1>
          {person.role || person.institution ? (
            <p className="font-medium text-slate-800" data-testid="profile-role">
              {[person.role ? t(`roles.${person.role}`) : null, person.institution ? `${person.institution.name} (${person.institution.acronym})` : null].filter(Boolean).join(' · ')}
            </p>
          ) : null}
          {person.bio ? (
            <p className="max-w-prose whitespace-pre-line wrap-anywhere text-slate-800" data-testid="profile-bio">
              {person.bio}
            </p>
          ) : null}
          <p className="text-sm text-slate-600">
            <time dateTime={person.memberSince}>{t('people.profile.memberSince', { date: formatDate(person.memberSince, lang) })}</time>
          </p>
        </div>
        <dl className="flex w-full flex-wrap gap-x-6 gap-y-2 border-t border-slate-200 pt-4 text-sm sm:ml-auto sm:w-auto sm:border-0 sm:pt-0">
          <div>
            <dt className="sr-only">{t('people.profile.ideas')}</dt>
            <dd className="font-semibold">{t('people.profile.ideasCount', { count: ideas.total })}</dd>
          </div>
          <div>
            <dt className="sr-only">{t('people.profile.comments')}</dt>
            <dd className="font-semibold">{t('people.profile.commentsCount', { count: comments.total })}</dd>
          </div>
          <div>
            <dt className="sr-only">{t('people.profile.pilots')}</dt>
            <dd className="font-semibold">{t('people.profile.pilotsCount', { count: pilots.length })}</dd>
          </div>
        </dl>
      </header>
      <p className="text-sm text-slate-600">{t('people.profile.publicNote')}</p>

      <section aria-labelledby="profile-ideas" className="space-y-3" data-testid="profile-ideas">
        <h2 id="profile-ideas" className="text-2xl font-bold text-brand-900">
          {t('people.profile.ideas')}
        </h2>
        {ideas.items.length === 0 ? (
          <p className="text-slate-700">{t('people.profile.noIdeas')}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {ideas.items.map((i) => (
              <li key={i.id} className="rounded-lg bg-white p-4 shadow-sm">
                <p className="text-sm font-semibold text-slate-700">{t(`ideas.status.${i.status}`)}</p>
                <h3 className="font-semibold">
                  <Link to={`/ideas/${i.id}`}>{i.title}</Link>
                </h3>
                <p className="text-sm text-slate-700">
                  <Link to={`/retos/${i.challengeSlug}`} className="text-slate-700">
                    {i.challengeTitle}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {pilots.length ? (
        <section aria-labelledby="profile-pilots" className="space-y-3" data-testid="profile-pilots">
          <h2 id="profile-pilots" className="text-2xl font-bold text-brand-900">
            {t('people.profile.pilots')}
          </h2>
          <ul className="space-y-2">
            {pilots.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2 rounded-lg bg-white p-4 shadow-sm">
                <PilotStatusBadge status={p.status} />
                <Link to={`/pilotos/${p.slug}`} className="font-semibold">
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {sessions?.length ? (
        <section aria-labelledby="profile-sessions" className="space-y-3" data-testid="profile-sessions">
          <h2 id="profile-sessions" className="text-2xl font-bold text-brand-900">
            {t('people.profile.sessions')}
          </h2>
          <ul className="space-y-2">
            {sessions.map((s) => (
              <li key={s.id} className="rounded-lg bg-white p-4 shadow-sm">
                <Link to={`/sesiones/${s.id}`} className="font-semibold">
                  {s.title}
                </Link>
                <p className="text-sm text-slate-700">
                  <time dateTime={s.startsAt}>{formatDate(s.startsAt, lang)}</time> · {s.challengeTitle}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="profile-comments" className="space-y-3" data-testid="profile-comments">
        <h2 id="profile-comments" className="text-2xl font-bold text-brand-900">
          {t('people.profile.comments')}
        </h2>
        {comments.items.length === 0 ? (
          <p className="text-slate-700">{t('people.profile.noComments')}</p>
        ) : (
          <ul className="space-y-3">
            {comments.items.map((c) => (
              <li key={c.id} className="rounded-lg bg-white p-4 shadow-sm">
                <p className="text-sm text-slate-700">
                  <Link to={c.target.href}>{t('people.profile.commentOn', { title: c.target.title })}</Link> · <time dateTime={c.createdAt}>{formatDate(c.createdAt, lang)}</time>
                </p>
                <p className="mt-1 line-clamp-4 whitespace-pre-line wrap-anywhere">{c.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
