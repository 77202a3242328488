import { Fragment } from 'react'
import { Link, useRevalidator } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { type VotingState } from '#app/services/votes/votes.server.ts'
import { useLiveTallies } from '#app/utils/use-live-tallies.ts'
import { showsVoteControl, useTallyAnnouncer, VoteControl, VotingSummary } from './vote-control.tsx'
import { Avatar } from '../ui/avatar.tsx'
import { PersonName } from '../ui/person-name.tsx'

export type IdeaListItem = { id: string; title: string; status: string; votes: number; authors: { id: string; name: string; deleted?: boolean }[]; comments?: number }

/**
 * The ideas of a challenge with their tallies, kept live over `/live` (tally:update), and —
 * while voting is open and the person is signed in — a vote control on each idea. The
 * challenge page only passes data.
 */
export function IdeaList({ challenge, ideas, voting }: { challenge: { id: string; slug: string; phase: string }; ideas: IdeaListItem[]; voting: VotingState | null }) {
  const { t } = useT()
  const revalidator = useRevalidator()
  const { message, announce } = useTallyAnnouncer()
  const titles = new Map(ideas.map((i) => [i.id, i.title]))
  const tallies = useLiveTallies(
    challenge.id,
    Object.fromEntries(ideas.map((i) => [i.id, i.votes])),
    {
      onUpdate: (u) => {
        const title = titles.get(u.ideaId)
        if (title) announce(t('votes.liveUpdate', { title, count: u.votes }))
      },
      // Updates may have been missed while the connection was down: reload the page's data.
      onReconnect: () => {
        if (revalidator.state === 'idle') revalidator.revalidate()
      },
    },
  )
  if (ideas.length === 0) return <p className="text-slate-700">{t('ideas.none')}</p>
  return (
    <div className="space-y-3">
      {voting ? <VotingSummary voting={voting} /> : null}
      <p className="sr-only" aria-live="polite" data-tally-announcer="">
        {message}
      </p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {ideas.map((idea) => {
          const mine = voting?.mine[idea.id] ?? 0
          return (
            <li key={idea.id} id={`idea-${idea.id}`} className="flex flex-wrap items-start justify-between gap-3 p-4">
              <div>
                <Link to={`/ideas/${idea.id}`} className="font-semibold">
                  {idea.title}
                </Link>
                <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
                  <span className="flex -space-x-1.5">
                    {idea.authors.slice(0, 3).map((a) => (
                      <Avatar key={a.id} name={a.name} size="sm" />
                    ))}
                  </span>
                  <span>
                    {idea.authors.map((a, i) => (
                      <Fragment key={a.id}>
                        {i > 0 ? ', ' : null}
                        <PersonName person={a} />
                      </Fragment>
                    ))}
                  </span>
                </p>
                {idea.comments ? <p className="text-sm text-slate-600">{t('ideas.commentsCount', { count: idea.comments })}</p> : null}
              </div>
              <div className="flex flex-col items-end gap-2">
                <p className="text-sm font-medium text-slate-800">
                  <span data-idea-tally={idea.id}>{t('votes.tally', { count: tallies[idea.id] ?? idea.votes })}</span>
                  {mine ? <span data-idea-mine={idea.id}>{` · ${t('votes.mine', { count: mine })}`}</span> : null}
                </p>
                {showsVoteControl(voting, idea.status) ? <VoteControl idea={idea} voting={voting} /> : null}
              </div>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
