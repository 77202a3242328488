import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { IdeaArithmetic, PublicScores, RankingSection } from './results-sections.tsx'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { getEvaluation, listPublicScores } from '#app/services/evaluation/evaluation.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { formatDate } from '#app/utils/format.ts'
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
  const { t } = useT()
  const { challenge, evaluation, scores, lang } = useLoaderData<typeof loader>()
  const share = evaluation.voteShare
  const juryShare = 100 - share
  const ranking = evaluation.ranking
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

          <RankingSection ranking={ranking} criteria={evaluation.criteria} share={share} lang={lang} />

          <IdeaArithmetic ranking={ranking} share={share} lang={lang} />
        </>
      )}

      {scores.length ? <PublicScores scores={scores} /> : null}

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
