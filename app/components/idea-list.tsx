import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { type VotingState } from '#app/services/votes.server.ts'

export type IdeaListItem = { id: string; title: string; status: string; votes: number; authors: { id: string; name: string }[] }

/**
 * The ideas of a challenge with their tallies. The voting area (issue 3, voting) adds the
 * vote controls and live tallies here, so the challenge page only passes data.
 */
export function IdeaList({ ideas, voting }: { challenge: { id: string; slug: string; phase: string }; ideas: IdeaListItem[]; voting: VotingState | null }) {
  const { t } = useTranslation()
  if (ideas.length === 0) return <p className="text-slate-700">{t('ideas.none')}</p>
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {ideas.map((idea) => (
        <li key={idea.id} className="flex flex-wrap items-start justify-between gap-3 p-4">
          <div>
            <Link to={`/ideas/${idea.id}`} className="font-semibold">
              {idea.title}
            </Link>
            <p className="text-sm text-slate-600">{idea.authors.map((a) => a.name).join(', ')}</p>
          </div>
          <p className="text-sm font-medium text-slate-800" data-idea-tally={idea.id}>
            {t('votes.tally', { count: idea.votes })}
            {voting?.mine[idea.id] ? ` · ${t('votes.mine', { count: voting.mine[idea.id] })}` : ''}
          </p>
        </li>
      ))}
    </ul>
  )
}
