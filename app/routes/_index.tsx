import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { homeStats } from '#app/services/platform/stats.server.ts'
import { formatNumber } from '#app/utils/format.ts'

export async function loader({ context }: LoaderFunctionArgs) {
  return { user: context.auth?.user ? { name: context.auth.user.name } : null, stats: await homeStats(), lang: context.lang }
}

const steps = ['challenge', 'ideas', 'cocreate', 'vote', 'evaluate', 'pilot'] as const
const values = ['participation', 'accountability', 'transparency'] as const

export default function Home() {
  const { user, stats, lang } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-12">
      <section className="rounded-lg bg-white p-6 shadow-sm sm:p-10" aria-labelledby="home-title">
        <h1 id="home-title" className="text-3xl font-bold text-brand-900 sm:text-4xl">
          {t('home.title')}
        </h1>
        <p className="mt-4 max-w-3xl text-lg text-slate-700">{t('home.lead')}</p>
        {user ? (
          <p className="mt-6 text-lg font-medium text-brand-800">{t('home.welcome', { name: user.name })}</p>
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
        <p className="mt-6 text-sm text-slate-600">
          {t('home.stats', { people: formatNumber(stats.people, lang), institutions: formatNumber(stats.institutions, lang) })}
        </p>
      </section>

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

      <section aria-labelledby="values-title">
        <h2 id="values-title" className="text-2xl font-bold text-brand-900">
          {t('home.valuesTitle')}
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-3">
          {values.map((v) => (
            <li key={v} className="rounded-r-lg border-l-4 border-amber-500 bg-white p-5">
              <h3 className="font-semibold">{t(`home.values.${v}.title`)}</h3>
              <p className="mt-2 text-slate-700">{t(`home.values.${v}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
