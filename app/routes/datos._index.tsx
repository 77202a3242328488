import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { getT } from '#app/i18n/i18n.ts'
import { evaluatedChallenges } from '#app/services/pilots/pilot-open-data.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ context }: LoaderFunctionArgs) {
  return { title: `${getT(context.lang)('openData.title')} · Cocrea`, evaluated: await evaluatedChallenges() }
}

const csvFiles = [
  { href: '/datos/retos.csv', key: 'challenges' },
  { href: '/datos/ideas.csv', key: 'ideas' },
  { href: '/datos/pilotos.csv', key: 'pilots' },
  { href: '/datos/hitos.csv', key: 'milestones' },
  { href: '/datos/indicadores.csv', key: 'kpis' },
  { href: '/datos/avances.csv', key: 'updates' },
] as const

const apiLinks = [
  { href: '/api/v1/openapi.json', key: 'openapi' },
  { href: '/api/v1/challenges', key: 'challenges' },
  { href: '/api/v1/pilots', key: 'pilots' },
] as const

export default function OpenData() {
  const { t } = useT()
  const { evaluated } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-brand-900">{t('openData.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t('openData.lead')}</p>
        <p className="mt-2 text-sm text-slate-600">{t('openData.license')}</p>
      </div>

      <section aria-labelledby="csv-title" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="csv-title" className="text-xl font-semibold">
          {t('openData.csv.title')}
        </h2>
        <p className="text-sm text-slate-700">{t('openData.csv.lead')}</p>
        <ul className="space-y-2" data-testid="csv-links">
          {csvFiles.map((f) => (
            <li key={f.href}>
              <a href={f.href} className="font-mono font-semibold">
                {f.href}
              </a>{' '}
              — {t(`openData.csv.${f.key}`)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="api-title" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="api-title" className="text-xl font-semibold">
          {t('openData.api.title')}
        </h2>
        <p className="text-sm text-slate-700">{t('openData.api.lead')}</p>
        <ul className="space-y-2" data-testid="api-links">
          {apiLinks.map((f) => (
            <li key={f.href}>
              <a href={f.href} className="font-mono font-semibold">
                {f.href}
              </a>{' '}
              — {t(`openData.api.${f.key}`)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="evaluation-title" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="evaluation-title" className="text-xl font-semibold">
          {t('openData.evaluation.title')}
        </h2>
        <p className="text-sm text-slate-700">{t('openData.evaluation.lead')}</p>
        {evaluated.length === 0 ? (
          <p>{t('openData.evaluation.none')}</p>
        ) : (
          <ul className="space-y-3" data-testid="evaluation-links">
            {evaluated.map((c) => (
              <li key={c.id}>
                <p className="font-semibold">{c.title}</p>
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <li>
                    <a href={`/datos/retos/${c.slug}/criterios.csv`}>{t('openData.evaluation.criteria')}</a>
                  </li>
                  <li>
                    <a href={`/datos/retos/${c.slug}/puntajes.csv`}>{t('openData.evaluation.scores')}</a>
                  </li>
                  <li>
                    <a href={`/datos/retos/${c.slug}/ranking.csv`}>{t('openData.evaluation.ranking')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/challenges/${c.slug}/evaluation`}>{t('openData.evaluation.evaluationJson')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/challenges/${c.slug}/scores`}>{t('openData.evaluation.scoresJson')}</a>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
