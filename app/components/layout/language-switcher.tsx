import { Form, useLocation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { supportedLanguages } from '#app/i18n/i18n.ts'

/** A plain form: works without JavaScript, and reloads the document so every string changes at once. */
export function LanguageSwitcher() {
  const { t, i18n } = useT()
  const location = useLocation()
  return (
    <Form method="post" action="/language" reloadDocument className="flex items-center gap-1" aria-label={t('language.change')}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="sr-only">{t('language.label')}</span>
      {supportedLanguages.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="lng"
          value={lng}
          lang={lng}
          aria-pressed={i18n.language === lng}
          className="rounded px-2 py-1 text-sm font-medium text-white hover:bg-brand-700 aria-pressed:bg-white aria-pressed:text-brand-900"
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </Form>
  )
}
