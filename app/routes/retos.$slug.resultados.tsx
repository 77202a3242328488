import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CriteriaMeansChart, FinalScoreChart } from '#app/components/evaluation/evaluation-charts.tsx'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { getEvaluation, listPublicScores } from '#app/services/evaluation/evaluation.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { formatDate, formatNumber } from '#app/utils/format.ts'
import { CriteriaList } from '#app/components/evaluation/criteria-list.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ params, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const slug = params.slug ?? ''
  const [view, scores] = await Promise.all([orErrorPage(getEvaluation(user, slug)), orErrorPage(listPublicScores(user, slug))])
  const t = getT(context.lang)
  const { challenge, ...evaluation } = view
  return {
    title: `${t('evaluation.results.title')} · ${challenge.title} · Cocrea`,
    challenge: { id: challenge.id, slug: challenge.slug, title: challenge.title, phase: challenge.phase },
    evaluation,
    scores: scores.items,
    lang: context.lang,
  }
}

export default function ResultsPage() {
  const { t } = useTranslation()
  const { challenge, evaluation, scores, lang } = useLoaderData<typeof loader>()
  const n = (v: number) => formatNumber(v, lang, { maximumFractionDigits: 2 })
  const share = evaluation.voteShare
  const juryShare = 100 - share
  const ranking = evaluation.ranking
  const criterionKeys = evaluation.criteria.map((c, i) => ({ key: `c${i}`, name: c.name, id: c.id }))
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-slate-700">
          <Link to={`/retos/${challenge.slug}`}>{challenge.title}</Link>
        </p>
        <h1 className="text-3xl font-bold text-brand-900">{t('evaluation.results.title')}</h1>
        <p className="text-slate-700">{t('evaluation.results.lead')}</p>
        {evaluation.selectedAt ? <p className="text-sm text-slate-700">{t('evaluation.status.selected', { date: formatDate(evaluation.selectedAt, lang) })}</p> : null}
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="criteria-title" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="criteria-title" className="text-xl font-semibold">
            {t('evaluation.criteria.title')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {evaluation.publishedAt ? t('evaluation.status.published', { date: formatDate(evaluation.publishedAt, lang) }) : t('evaluation.status.draft')}
          </p>
          {evaluation.criteria.length === 0 ? (
            <p className="mt-3">{t('evaluation.criteria.none')}</p>
          ) : (
            <CriteriaList criteria={evaluation.criteria} className="mt-3" />
          )}
          <p className="mt-3 text-sm">{t('evaluation.criteria.voteShareValue', { share, jury: juryShare })}</p>
        </section>

        <section aria-labelledby="jury-title" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="jury-title" className="text-xl font-semibold">
            {t('evaluation.jury.title')}
          </h2>
          {evaluation.jury.length === 0 ? (
            <p className="mt-3">{t('evaluation.jury.none')}</p>
          ) : (
            <ul className="mt-3 space-y-1" data-testid="jury">
              {evaluation.jury.map((j) => (
                <li key={j.id}>
                  <span className="font-semibold">{j.name}</span> — {j.affiliation || t(`evaluation.roles.${j.role}`)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {ranking === null ? (
        <p className="rounded border border-slate-300 bg-white p-4" data-testid="results-pending">
          {t(evaluation.scoreFirst ? 'evaluation.results.scoreFirst' : 'evaluation.results.notYet')}
        </p>
      ) : (
        <>
          {!evaluation.resultsPublic ? (
            <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-900" role="note">
              {t('evaluation.results.provisional')}
            </p>
          ) : null}
          <section aria-labelledby="rule-title" className="rounded-lg bg-white p-6 shadow-sm">
            <h2 id="rule-title" className="text-xl font-semibold">
              {t('evaluation.results.rule')}
            </h2>
            <ol className="mt-3 list-decimal space-y-1 pl-6">
              <li>{t('evaluation.results.ruleMean')}</li>
              <li>{t('evaluation.results.ruleJury')}</li>
              <li>{t('evaluation.results.ruleVote')}</li>
              <li>{t('evaluation.results.ruleFinal', { jury: juryShare, share })}</li>
              <li>{t('evaluation.results.ruleTies')}</li>
            </ol>
          </section>

          <section aria-labelledby="ranking-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
            <h2 id="ranking-title" className="text-xl font-semibold">
              {t('evaluation.results.table')}
            </h2>
            <p className="text-sm text-slate-700">{t('evaluation.results.chart')}</p>
            <FinalScoreChart
              data={ranking.map((r) => ({ name: r.title, jury: (juryShare / 100) * r.juryScore, votes: (share / 100) * r.voteScore }))}
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
                { key: 'jury', header: t('evaluation.results.jury'), numeric: true, cell: (r) => n(r.juryScore) },
                { key: 'votes', header: t('evaluation.results.votes'), numeric: true, cell: (r) => r.votes },
                { key: 'voteScore', header: t('evaluation.results.voteScore'), numeric: true, cell: (r) => n(r.voteScore) },
                { key: 'final', header: t('evaluation.results.final'), numeric: true, className: 'font-semibold', cell: (r) => n(r.finalScore) },
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
                  criteria={criterionKeys}
                  data={ranking.map((r) => ({
                    name: r.title.length > 28 ? `${r.title.slice(0, 27)}…` : r.title,
                    ...Object.fromEntries(criterionKeys.map((k) => [k.key, r.criteria.find((c) => c.criterionId === k.id)?.mean ?? 0])),
                  }))}
                />
              </>
            ) : null}
          </section>

          <section aria-labelledby="arithmetic-title" className="space-y-4">
            <h2 id="arithmetic-title" className="text-xl font-semibold">
              {t('evaluation.results.arithmetic')}
            </h2>
            {ranking.map((r) => (
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
                    { key: 'mean', header: t('evaluation.results.mean'), numeric: true, cell: (c) => (c.mean === null ? '—' : n(c.mean)) },
                    {
                      key: 'points',
                      header: t('evaluation.results.points'),
                      numeric: true,
                      cell: (c) => (
                        <>
                          {c.weight} × {c.mean === null ? '0' : n(c.mean)} ÷ 5 = {n(c.points)}
                        </>
                      ),
                    },
                  ]}
                />
                <ul className="space-y-1 font-mono text-sm">
                  <li>{t('evaluation.results.juryLine', { terms: r.criteria.map((c) => n(c.points)).join(' + ') || '0', total: n(r.juryScore) })}</li>
                  <li>{r.maxVotes > 0 ? t('evaluation.results.voteLine', { votes: r.votes, max: r.maxVotes, score: n(r.voteScore) }) : t('evaluation.results.voteLineNone')}</li>
                  <li>{t('evaluation.results.finalLine', { juryShare, jury: n(r.juryScore), share, vote: n(r.voteScore), final: n(r.finalScore) })}</li>
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
        </>
      )}

      {scores.length ? (
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
      ) : null}

      <section aria-labelledby="downloads-title" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="downloads-title" className="text-xl font-semibold">
          {t('evaluation.results.downloads')}
        </h2>
        <ul className="mt-3 flex flex-wrap gap-4">
          <li>
            <a href={`/datos/retos/${challenge.slug}/criterios.csv`} download>
              {t('evaluation.results.csvCriteria')}
            </a>
          </li>
          <li>
            <a href={`/datos/retos/${challenge.slug}/puntajes.csv`} download>
              {t('evaluation.results.csvScores')}
            </a>
          </li>
          <li>
            <a href={`/datos/retos/${challenge.slug}/ranking.csv`} download>
              {t('evaluation.results.csvRanking')}
            </a>
          </li>
          <li>
            <a href={`/api/v1/challenges/${challenge.slug}/evaluation`}>{t('evaluation.results.json')}</a>
          </li>
        </ul>
      </section>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
