import { describe, expect, test } from 'vitest'
import { en } from '#app/i18n/locales/en.ts'
import { es } from '#app/i18n/locales/es.ts'
import { fieldErrors, institutionSchema, passwordChangeSchema, signUpSchema } from './schemas.ts'

const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree)

describe('form schemas', () => {
  test('normalise the e-mail and report every problem as a translatable key', () => {
    const ok = signUpSchema.safeParse({ email: '  Ana@Ejemplo.GT ', password: 'una-clave-larga', name: ' Ana ' })
    expect(ok.success && ok.data).toEqual({ email: 'ana@ejemplo.gt', password: 'una-clave-larga', name: 'Ana' })
    const bad = signUpSchema.safeParse({ email: 'ana', password: 'corta', name: 'A' })
    expect(bad.success).toBe(false)
    const errors = fieldErrors(bad.error!)
    expect(errors).toEqual({ email: ['validation.email'], password: ['validation.passwordTooShort'], name: ['validation.nameTooShort'] })
    for (const key of Object.values(errors).flat()) {
      expect(typeof lookup(es, key)).toBe('string')
      expect(typeof lookup(en, key)).toBe('string')
    }
  })

  test('password confirmation must match', () => {
    const r = passwordChangeSchema.safeParse({ currentPassword: 'x', newPassword: 'una-clave-larga', confirmPassword: 'otra-clave-larga' })
    expect(r.success).toBe(false)
    expect(fieldErrors(r.error!)).toEqual({ confirmPassword: ['validation.passwordsDiffer'] })
  })

  test('an institution website must be http(s): javascript: URLs are refused', () => {
    expect(institutionSchema.safeParse({ acronym: 'INAP', name: 'Instituto', website: 'javascript:alert(1)' }).success).toBe(false)
    const ok = institutionSchema.safeParse({ acronym: 'INAP', name: 'Instituto', website: 'https://www.inap.gob.gt' })
    expect(ok.success).toBe(true)
  })
})
