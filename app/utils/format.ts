import { type Language } from '#app/domain/vocabulary.ts'

// Guatemalan conventions for Spanish; the lab's time zone for everyone.
const locales: Record<Language, string> = { es: 'es-GT', en: 'en-US' }
const timeZone = 'America/Guatemala'

// Intl formatters are costly to build and safe to share: one per language and style.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined
  if (!formatter) cache.set(key, (formatter = make()))
  return formatter
}

export function formatDate(value: Date | string, lng: Language, style: 'date' | 'datetime' = 'date') {
  const date = typeof value === 'string' ? new Date(value) : value
  return cached(`d|${lng}|${style}`, () =>
    new Intl.DateTimeFormat(locales[lng], { dateStyle: 'medium', ...(style === 'datetime' ? { timeStyle: 'short' } : {}), timeZone }),
  ).format(date)
}

export function formatNumber(value: number, lng: Language, options?: Intl.NumberFormatOptions) {
  return cached(`n|${lng}|${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(locales[lng], options)).format(value)
}

export function formatCurrencyGTQ(value: number, lng: Language) {
  return formatNumber(value, lng, { style: 'currency', currency: 'GTQ' })
}
