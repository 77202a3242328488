import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useT } from '#app/i18n/use-t.ts'
import { getT } from '#app/i18n/i18n.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export function loader({ context }: LoaderFunctionArgs) {
  return { title: `${getT(context.lang)('account.privacy.title')} · Cocrea` }
}

const sections = ['data', 'purpose', 'public', 'rights', 'terms'] as const

/** The privacy notice and terms people accept at sign-up (ADR 035): consent, access, rectification, deletion. */
export default function Privacy() {
  const { t } = useT()
  return (
    <article className="mx-auto max-w-2xl space-y-6 rounded-lg bg-white p-6 shadow-sm" aria-labelledby="privacy-title">
      <h1 id="privacy-title" className="text-2xl font-bold text-brand-900">
        {t('account.privacy.title')}
      </h1>
      <p>{t('account.privacy.lead')}</p>
      {sections.map((s) => (
        <section key={s} aria-labelledby={`privacy-${s}`}>
          <h2 id={`privacy-${s}`} className="text-lg font-semibold">
            {t(`account.privacy.${s}Title`)}
          </h2>
          <p className="mt-1">{t(`account.privacy.${s}`)}</p>
        </section>
      ))}
      <p className="text-sm text-slate-700">{t('account.privacy.contact')}</p>
    </article>
  )
}
