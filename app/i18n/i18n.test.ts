import { describe, expect, test } from 'vitest'
import { formatDate, formatNumber, formatCurrencyGTQ } from '#app/utils/format.ts'
import { getT } from './i18n.ts'
import { resolveLanguage } from './language.server.ts'

describe('language resolution', () => {
  test.each([
    [{}, 'es'],
    [{ acceptLanguage: 'en-US,en;q=0.9' }, 'en'],
    [{ acceptLanguage: 'fr-FR,fr;q=0.9' }, 'es'],
    [{ acceptLanguage: 'fr,en;q=0.5' }, 'en'],
    [{ acceptLanguage: 'es-GT,es;q=0.9,en;q=0.8' }, 'es'],
    [{ acceptLanguage: 'en', cookieLanguage: 'es' }, 'es'],
    [{ acceptLanguage: 'es', cookieLanguage: 'en', userLanguage: 'es' }, 'es'],
    [{ cookieLanguage: 'xx', acceptLanguage: 'en' }, 'en'],
    [{ acceptLanguage: ';;;garbage' }, 'es'],
  ])('%j → %s', (input, lang) => {
    expect(resolveLanguage(input)).toBe(lang)
  })
})

describe('formatting for Guatemala', () => {
  test('dates in es-GT and in the lab time zone', () => {
    // 03:00 UTC on 1 March is still 28 February in Guatemala (UTC−6).
    expect(formatDate(new Date('2026-03-01T03:00:00Z'), 'es')).toBe('28/02/2026')
    expect(formatDate(new Date('2026-03-01T03:00:00Z'), 'en')).toBe('Feb 28, 2026')
  })
  test('numbers and quetzales', () => {
    expect(formatNumber(1234567.5, 'es')).toBe('1,234,567.5')
    expect(formatCurrencyGTQ(1500, 'es')).toMatch(/^Q\s1,500\.00$/u)
  })
  test('plurals and interpolation come from the translation files', () => {
    expect(getT('es')('admin.usersCount', { count: 1 })).toBe('1 persona')
    expect(getT('es')('admin.usersCount', { count: 3 })).toBe('3 personas')
    expect(getT('en')('errors.rate_limited', { seconds: 30 })).toBe('Too many attempts. Try again in 30 seconds.')
  })
})
