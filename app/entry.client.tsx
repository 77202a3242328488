import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { createI18n, defaultLanguage, isLanguage } from './i18n/i18n.ts'

// The server chose the language and wrote it in <html lang>: hydrate in the same one.
const lang = document.documentElement.lang
const i18n = createI18n(isLanguage(lang) ? lang : defaultLanguage)

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  )
})
