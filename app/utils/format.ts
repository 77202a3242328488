import { type Language } from '#db/enums.ts'

// Guatemalan conventions for Spanish; the lab's time zone for everyone.
const locales: Record<Language, string> = { es: 'es-GT', en: 'en-US' }
const timeZone = 'America/Guatemala'

export function formatDate(value: Date | string, lng: Language, style: 'date' | 'datetime' = 'date') {
  const date = typeof value === 'string' ? new Date(value) : value
  return new Intl.DateTimeFormat(locales[lng], {
    dateStyle: 'medium',
    ...(style === 'datetime' ? { timeStyle: 'short' } : {}),
    timeZone,
  }).format(date)
}

export function formatNumber(value: number, lng: Language, options?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(locales[lng], options).format(value)
}

export function formatCurrencyGTQ(value: number, lng: Language) {
  return formatNumber(value, lng, { style: 'currency', currency: 'GTQ' })
}
