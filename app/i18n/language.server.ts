import { match } from '@formatjs/intl-localematcher'
import Negotiator from 'negotiator'
import { type Language } from '#app/domain/vocabulary.ts'
import { defaultLanguage, isLanguage, supportedLanguages } from './i18n.ts'

export const LANGUAGE_COOKIE = 'cocrea_lang'

/** The person's choice (profile, then the switcher's cookie), then Accept-Language, then Spanish. */
export function resolveLanguage({
  userLanguage,
  cookieLanguage,
  acceptLanguage,
}: {
  userLanguage?: string | null
  cookieLanguage?: string | null
  acceptLanguage?: string | null
}): Language {
  if (isLanguage(userLanguage)) return userLanguage
  if (isLanguage(cookieLanguage)) return cookieLanguage
  if (!acceptLanguage) return defaultLanguage
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages()
  try {
    const found = match(requested, [...supportedLanguages], defaultLanguage)
    return isLanguage(found) ? found : defaultLanguage
  } catch {
    return defaultLanguage
  }
}
