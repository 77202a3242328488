import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { CriteriaMeansChart, FinalScoreChart } from '#app/components/evaluation/evaluation-charts.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { type Language } from '#app/domain/vocabulary.ts'
import type { EvaluationView, listPublicScores } from '#app/services/evaluation/evaluation.server.ts'
import { exactArithmetic, writeExact, writeRounded, writeTerm } from '#app/services/evaluation/ranking-exact.ts'
import { formatNumber } from '#app/utils/format.ts'

type Evaluation = SerializeFrom<EvaluationView>
type Ranking = NonNullable<Evaluation['ranking']>
type Scores = SerializeFrom<Awaited<ReturnType<typeof listPublicScores>>>['items']
type Props = { ranking: Ranking; share: number; lang: Language }

/** A number in the reader's language with at most `decimals` decimals (the ranking's figures use 6, as the CSV). */
const numberIn = (lang: Language) => (v: number, decimals: number) => formatNumber(v, lang, { maximumFractionDigits: decimals })

/** The ranking: the chart of each idea's jury and vote parts, the table, and the mean of each criterion. */
export function RankingSection({ ranking, criteria, share, lang }: Props & { criteria: Evaluation['criteria'] }) {
  const { t } = useT()
  const n = numberIn(lang)
  // Figures to 6 decimals as in the CSV, «≈» when rounded; the exact arithmetic is written out below.
  const exact = new Map(ranking.map((r) => [r.ideaId, exactArithmetic(r)]))
  const figure = (id: string, key: 'jury' | 'vote' | 'final') => writeRounded(exact.get(id)![key], n)
  const juryShare = 100 - share
  const criterionKeys = criteria.map((c, i) => ({ key: `c${i}`, name: c.name, id: c.id }))
  return (
    <section aria-labelledby="ranking-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
      <h2 id="ranking-title" className="text-xl font-semibold">
        {t('evaluation.results.table')}
      </h2>
      <p className="text-sm text-slate-700">{t('evaluation.results.chart')}</p>
      <FinalScoreChart
        title={t('evaluation.results.chart')}
        data={ranking.map((r) => ({ id: r.ideaId, name: r.title, jury: (juryShare / 100) * r.juryScore, votes: (share / 100) * r.voteScore }))}
        juryLabel={t('evaluation.results.chartJury', { share: juryShare })}
        votesLabel={t('evaluation.results.chartVotes', { share })}
      />
      <DataTable
        testId="ranking"
        caption={t('evaluation.results.table')}
        rows={ranking}
        rowKey={(r) => r.ideaId}
        columns={[
          {
            key: 'rank',
            header: t('evaluation.results.rank'),
            className: 'tabular-nums',
            cell: (r) => (
              <>
                {r.rank} {r.tied ? t('evaluation.results.tie') : null}
              </>
            ),
          },
          { key: 'idea', header: t('evaluation.results.idea'), rowHeader: true, className: 'font-medium', cell: (r) => <Link to={`/ideas/${r.ideaId}`}>{r.title}</Link> },
          { key: 'jury', header: t('evaluation.results.jury'), numeric: true, cell: (r) => figure(r.ideaId, 'jury') },
          { key: 'votes', header: t('evaluation.results.votes'), numeric: true, cell: (r) => r.votes },
          { key: 'voteScore', header: t('evaluation.results.voteScore'), numeric: true, cell: (r) => figure(r.ideaId, 'vote') },
          { key: 'final', header: t('evaluation.results.final'), numeric: true, className: 'font-semibold', cell: (r) => figure(r.ideaId, 'final') },
          {
            key: 'decision',
            header: t('evaluation.results.decision'),
            cell: (r) =>
              r.decision ? (r.decision.selected ? t('evaluation.results.decisionSelected') : t('evaluation.results.decisionNotSelected')) : t('evaluation.results.pending'),
          },
        ]}
      />
      {criterionKeys.length ? (
        <>
          <h3 className="text-lg font-semibold">{t('evaluation.results.criteriaChart')}</h3>
          <CriteriaMeansChart
            title={t('evaluation.results.criteriaChart')}
            criteria={criterionKeys}
            data={ranking.map((r) => ({
              id: r.ideaId,
              name: r.title,
              means: Object.fromEntries(criterionKeys.map((k) => [k.key, r.criteria.find((c) => c.criterionId === k.id)?.mean ?? 0])),
            }))}
          />
        </>
      ) : null}
    </section>
  )
}

/** Each idea's arithmetic, criterion by criterion, so anyone can check the final score. */
export function IdeaArithmetic({ ranking, share, lang }: Props) {
  const { t } = useT()
  const n = numberIn(lang)
  const juryShare = 100 - share
  return (
    <section aria-labelledby="arithmetic-title" className="space-y-4">
      <h2 id="arithmetic-title" className="text-xl font-semibold">
        {t('evaluation.results.arithmetic')}
      </h2>
      <p className="text-sm text-slate-700">{t('evaluation.results.exactNote')}</p>
      {ranking.map((r) => ({ r, x: exactArithmetic(r) })).map(({ r, x }) => (
        <section key={r.ideaId} aria-labelledby={`idea-${r.ideaId}`} className="space-y-3 rounded-lg bg-white p-6 shadow-sm" data-testid="idea-arithmetic">
          <h3 id={`idea-${r.ideaId}`} className="text-lg font-semibold">
            {r.rank}. {r.title} {r.tied ? t('evaluation.results.tie') : null}
          </h3>
          <DataTable
            density="compact"
            label={r.title}
            rows={r.criteria}
            rowKey={(c) => c.criterionId}
            columns={[
              { key: 'criterion', header: t('evaluation.results.criterion'), rowHeader: true, className: 'font-medium', cell: (c) => c.name },
              { key: 'weight', header: t('evaluation.results.weight'), numeric: true, cell: (c) => c.weight },
              {
                key: 'scores',
                header: t('evaluation.results.scores'),
                className: 'tabular-nums',
                cell: (c) => (
                  <>
                    {c.scores.length ? c.scores.join(', ') : t('evaluation.results.noScores')}
                    {c.missing > 0 ? <span className="ml-2 text-amber-800">({t('evaluation.results.missing', { count: c.missing })})</span> : null}
                  </>
                ),
              },
              {
                key: 'mean',
                header: t('evaluation.results.mean'),
                numeric: true,
                cell: (c, i) => {
                  const e = x.criteria[i]
                  return e.mean === null ? '—' : `${e.sum} ÷ ${e.count} = ${writeExact(e.mean, n)}`
                },
              },
              {
                key: 'points',
                header: t('evaluation.results.points'),
                numeric: true,
                cell: (c, i) => {
                  const e = x.criteria[i]
                  return `${c.weight} × ${e.mean === null ? '0' : writeTerm(e.mean, n)} ÷ 5 = ${writeExact(e.points, n)}`
                },
              },
            ]}
          />
          <ul className="space-y-1 font-mono text-sm">
            <li>{t('evaluation.results.juryLine', { terms: x.criteria.map((c) => writeTerm(c.points, n)).join(' + ') || '0', total: writeExact(x.jury, n) })}</li>
            <li>{r.maxVotes > 0 ? t('evaluation.results.voteLine', { votes: r.votes, max: r.maxVotes, score: writeExact(x.vote, n) }) : t('evaluation.results.voteLineNone')}</li>
            <li>{t('evaluation.results.finalLine', { juryShare, jury: writeTerm(x.jury, n), share, vote: writeTerm(x.vote, n), final: writeExact(x.final, n) })}</li>
          </ul>
          {r.decision ? (
            <p className="rounded bg-slate-50 p-3">
              <strong>{r.decision.selected ? t('evaluation.results.decisionSelected') : t('evaluation.results.decisionNotSelected')}.</strong>{' '}
              <span className="whitespace-pre-wrap">{t('evaluation.results.rationale', { rationale: r.decision.rationale })}</span>
            </p>
          ) : null}
        </section>
      ))}
    </section>
  )
}

/** Every juror's score and rationale, once the results are public. */
export function PublicScores({ scores }: { scores: Scores }) {
  const { t } = useT()
  return (
    <section aria-labelledby="scores-title" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="scores-title" className="text-xl font-semibold">
          {t('evaluation.results.scoresTitle')}
        </h2>
        <p className="text-sm text-slate-700">{t('evaluation.results.scoresLead')}</p>
        <DataTable
          testId="scores"
          density="compact"
          label={t('evaluation.results.scoresTitle')}
          rows={scores}
          rowKey={(s) => `${s.idea.id}-${s.juror.id}-${s.criterion.id}`}
          rowClassName="align-top"
          columns={[
            { key: 'idea', header: t('evaluation.results.idea'), cell: (s) => s.idea.title },
            {
              key: 'juror',
              header: t('evaluation.juror.who'),
              cell: (s) => (
                <>
                  {s.juror.name}
                  <span className="block text-xs text-slate-600">{s.juror.affiliation || t(`evaluation.roles.${s.juror.role}`)}</span>
                </>
              ),
            },
            { key: 'criterion', header: t('evaluation.results.criterion'), cell: (s) => s.criterion.name },
            { key: 'score', header: t('evaluation.results.score'), numeric: true, cell: (s) => s.score },
            { key: 'rationale', header: t('evaluation.results.rationaleHeader'), className: 'whitespace-pre-wrap', cell: (s) => s.rationale },
          ]}
        />
      </section>
  )
}
