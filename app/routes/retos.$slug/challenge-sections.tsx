import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { sdgLabel } from '#app/data/sdg.ts'
import { type Phase, type Language } from '#app/domain/vocabulary.ts'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { FactBox, FactList, KeyFacts } from '#app/components/ui/fact-box.tsx'
import type { ChallengeJson } from '#app/services/challenges/challenges.server.ts'

/** Previous and next pages of the challenge's ideas, when there is more than one. */
export function IdeasPager(ideasPage: { page: number; pages: number; total: number }) {
  const { t } = useT()
  if (ideasPage.pages <= 1) return null
  return (
    <nav aria-label={t('challenges.page.ideasPages')} className="flex flex-wrap items-center justify-between gap-3">
        {ideasPage.page > 1 ? (
          <Link to={`?pagina=${ideasPage.page - 1}#ideas-title`} rel="prev">
            {t('challenges.page.previousIdeas')}
          </Link>
        ) : (
          <span />
        )}
        <span className="text-sm text-slate-700">{t('challenges.page.ideasPageOf', { page: ideasPage.page, pages: ideasPage.pages, total: ideasPage.total })}</span>
        {ideasPage.page < ideasPage.pages ? (
          <Link to={`?pagina=${ideasPage.page + 1}#ideas-title`} rel="next">
            {t('challenges.page.nextIdeas')}
          </Link>
        ) : (
          <span />
        )}
      </nav>
  )
}

/** The ten ideas with most votes, once voting has opened. */
export function VoteResults({ ranked }: { ranked: { id: string; title: string; votes: number }[] }) {
  const { t } = useT()
  return (
    <section aria-labelledby="results-title" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="results-title" className="text-xl font-semibold">
          {t('challenges.page.results')}
        </h2>
        <p className="text-sm text-slate-600">{t('challenges.page.resultsLead')}</p>
        {ranked.length === 0 ? (
          <p>{t('challenges.page.noResults')}</p>
        ) : (
          <DataTable
            label={t('challenges.page.results')}
            rows={ranked}
            rowKey={(idea) => idea.id}
            columns={[
              { key: 'rank', header: t('challenges.page.rank'), cell: (_, i) => i + 1 },
              { key: 'idea', header: t('challenges.page.idea'), rowHeader: true, className: 'font-medium', cell: (idea) => <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> },
              { key: 'votes', header: t('challenges.page.votes'), numeric: true, cell: (idea) => idea.votes },
            ]}
          />
        )}
      </section>
  )
}

/** The phases with their dates; the current one marked. */
export function ChallengeTimeline({ timeline, phase }: { timeline: { phase: Phase; at: string | null; atIso: string | null }[]; phase: Phase }) {
  const { t } = useT()
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg bg-white p-6 shadow-sm">
      <h2 id="timeline-title" className="text-xl font-semibold">
        {t('challenges.page.timeline')}
      </h2>
      <ol className="mt-4 space-y-3" data-testid="timeline">
        {timeline.map((step) => {
          const current = step.phase === phase
          return (
            <li
              key={step.phase}
              aria-current={current ? 'step' : undefined}
              className={`border-l-4 pl-3 ${current ? 'border-brand-700 font-semibold text-brand-900' : 'border-slate-300 text-slate-700'}`}
            >
              <span className="block">
                {t(`challenges.phases.${step.phase}`)}
                {current ? <span className="ml-2 text-sm font-normal">({t('challenges.page.current')})</span> : null}
              </span>
              <span className="block text-sm font-normal">{step.atIso ? <time dateTime={step.atIso}>{step.at}</time> : t('challenges.page.notScheduled')}</span>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** Institution and the voting rule written large; service area, territory and SDG targets below (issue 11 §8). */
export function ChallengeFacts({ challenge, lang }: { challenge: SerializeFrom<ChallengeJson>; lang: Language }) {
  const { t } = useT()
  const territory = [challenge.territory.municipality, challenge.territory.department].filter(Boolean).join(', ')
  return (
    <FactBox id="details-title" title={t('challenges.page.details')}>
      <KeyFacts
        facts={[
          { label: t('challenges.page.institution'), value: challenge.institution.acronym, detail: challenge.institution.name },
          {
            label: t('challenges.form.voting'),
            value: challenge.voting.method === 'dots' ? t('challenges.page.votingDots', { budget: challenge.voting.budget, max: challenge.voting.maxPerIdea }) : t('challenges.page.votingSupport'),
          },
        ]}
      />
      <FactList
        facts={[
          { label: t('challenges.page.serviceArea'), value: t(`challenges.serviceAreas.${challenge.serviceArea}`, { defaultValue: challenge.serviceArea }) },
          { label: t('challenges.page.territory'), value: territory || t('challenges.page.wholeCountry') },
          {
            label: t('challenges.page.sdgTargets'),
            value: challenge.sdgTargets.length ? (
              <ul className="list-disc pl-5">
                {challenge.sdgTargets.map((code) => (
                  <li key={code}>
                    {code} — {sdgLabel(code, lang)}
                  </li>
                ))}
              </ul>
            ) : (
              t('challenges.page.none')
            ),
          },
        ]}
      />
    </FactBox>
  )
}
