import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { profilePath } from '#app/components/ui/person-name.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { myActivity } from '#app/services/accounts/my-activity.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDate } from '#app/utils/format.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** "Mi actividad": what the signed-in person did and what changed on it (issue 11 §3). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  return { title: `${getT(context.lang)('people.activity.title')} · Cocrea`, lang: context.lang, me: { id: user.id }, activity: await myActivity(user, context.lang) }
}

function Card({ id, title, children, className = '' }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={`${id}-title`} className={`min-w-0 space-y-3 rounded-lg bg-white p-5 shadow-sm ${className}`} data-testid={`activity-${id}`}>
      <h2 id={`${id}-title`} className="text-xl font-bold text-brand-900">
        {title}
      </h2>
      {children}
    </section>
  )
}

export default function MyActivityPage() {
  const { t } = useT()
  const { activity: a, lang, me } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold text-brand-900">{t('people.activity.title')}</h1>
          <p className="mt-2 text-slate-700">{t('people.activity.lead')}</p>
        </div>
        <Link to={profilePath(me.id)} className="font-semibold">
          {t('people.activity.publicProfile')}
        </Link>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="changes" title={t('people.activity.changes')} className="lg:col-span-2">
          {a.changes.items.length === 0 ? (
            <p className="text-slate-700">{t('people.activity.noChanges')}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {a.changes.items.map((n) => (
                <li key={n.id} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2">
                  <Link to={n.link} className={n.read ? 'font-normal' : 'font-semibold'}>
                    {n.text}
                  </Link>
                  <time dateTime={n.createdAt} className="text-sm text-slate-600">
                    {formatDate(n.createdAt, lang, 'datetime')}
                  </time>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/notificaciones" className="text-sm font-semibold">
              {t('people.activity.allNotifications')}
            </Link>
          </p>
        </Card>

        <Card id="ideas" title={t('people.activity.ideas')}>
          {a.ideas.length === 0 ? (
            <p className="text-slate-700">
              {t('people.activity.noIdeas')}{' '}
              <Link to="/retos" className="font-semibold">
                {t('people.activity.browse')}
              </Link>
            </p>
          ) : (
            <ul className="space-y-3">
              {a.ideas.map((i) => (
                <li key={i.id} data-idea={i.id}>
                  <Link to={`/ideas/${i.id}`} className="font-semibold">
                    {i.title}
                  </Link>
                  <p className="text-sm text-slate-700">
                    <span className="font-medium" data-testid="idea-status">
                      {t(`ideas.status.${i.status}`)}
                    </span>{' '}
                    · {t('votes.tally', { count: i.votes })} · {i.challengeTitle}
                  </p>
                  {i.statusReason ? <p className="text-sm text-slate-600 italic">{i.statusReason}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card id="votes" title={t('people.activity.votes')}>
          {a.votes.length === 0 ? (
            <p className="text-slate-700">{t('people.activity.noVotes')}</p>
          ) : (
            <ul className="space-y-4">
              {a.votes.map((v) => (
                <li key={v.challenge.slug}>
                  <Link to={`/retos/${v.challenge.slug}`} className="font-semibold">
                    {v.challenge.title}
                  </Link>
                  {v.ideas.length === 0 ? (
                    <p className="text-sm font-medium text-slate-800" data-testid="vote-budget">
                      {v.budget ? t('people.activity.canVoteDots', { count: v.budget.budget }) : t('people.activity.canVoteSupport')}
                    </p>
                  ) : v.budget ? (
                    <p className="text-sm font-medium text-slate-800" data-testid="vote-budget">
                      {t('people.activity.budget', { used: v.budget.used, budget: v.budget.budget, left: v.budget.left })}
                    </p>
                  ) : null}
                  <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                    {v.ideas.map((i) => (
                      <li key={i.ideaId}>
                        <Link to={`/ideas/${i.ideaId}`} className="text-slate-700">
                          {t('people.activity.voteOn', { count: i.count, title: i.ideaTitle })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card id="sessions" title={t('people.activity.sessions')}>
          {a.sessions.length === 0 ? (
            <p className="text-slate-700">{t('people.activity.noSessions')}</p>
          ) : (
            <ul className="space-y-3">
              {a.sessions.map((s) => (
                <li key={s.id}>
                  <Link to={`/sesiones/${s.id}`} className="font-semibold">
                    {s.title}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {t(`sessions.status.${s.status}`)} · <time dateTime={s.startsAt}>{formatDate(s.startsAt, lang, 'datetime')}</time> · {s.challengeTitle}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card id="follows" title={t('people.activity.follows')}>
          {a.follows.length === 0 ? (
            <p className="text-slate-700">{t('people.activity.noFollows')}</p>
          ) : (
            <ul className="space-y-2">
              {a.follows.map((f) => (
                <li key={`${f.targetType}:${f.targetId}`} className="text-sm">
                  <span className="mr-2 rounded bg-slate-100 px-2 py-0.5 font-medium text-slate-800">{t(`people.activity.followKinds.${f.targetType}`)}</span>
                  {f.link && f.title ? (
                    <Link to={f.link} className="font-semibold">
                      {f.title}
                    </Link>
                  ) : (
                    <span className="text-slate-600 italic">{t('people.activity.unavailable')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card id="comments" title={t('people.activity.comments')} className="lg:col-span-2">
          {a.comments.length === 0 ? (
            <p className="text-slate-700">{t('people.activity.noComments')}</p>
          ) : (
            <ul className="space-y-3">
              {a.comments.map((c) => (
                <li key={c.id}>
                  <p className="text-sm text-slate-700">
                    {c.target ? <Link to={c.target.href}>{t('people.profile.commentOn', { title: c.target.title })}</Link> : t('people.activity.unavailable')} ·{' '}
                    <time dateTime={c.createdAt}>{formatDate(c.createdAt, lang)}</time>
                  </p>
                  <p className="line-clamp-3 whitespace-pre-line wrap-anywhere">{c.body}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  )
}
