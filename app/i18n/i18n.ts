import i18next, { type i18n } from 'i18next'
import { languages, type Language } from '#app/domain/vocabulary.ts'
import { en } from './locales/en.ts'
import { es } from './locales/es.ts'

export const defaultLanguage: Language = 'es'
export const supportedLanguages = languages
export const resources = { es: { translation: es }, en: { translation: en } } as const

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

/** A ready i18next instance for one language; synchronous because the resources are bundled. */
export function createI18n(lng: Language): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng,
    fallbackLng: defaultLanguage,
    supportedLngs: [...supportedLanguages],
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

const fixed = new Map<Language, i18n>()
/**
 * One instance per language for the server: it never changes language after creation,
 * so requests can share it (creating one per request cost milliseconds).
 */
export function getI18n(lng: Language): i18n {
  let instance = fixed.get(lng)
  if (!instance) fixed.set(lng, (instance = createI18n(lng)))
  return instance
}

/** A translate function for server code outside React (API errors, e-mails, logs shown to people). */
export function getT(lng: Language) {
  return getI18n(lng).t
}
