import { describe, expect, test } from 'vitest'
import { slugify } from './institutions.server.ts'

describe('slugify', () => {
  test('lower-case ASCII words joined by dashes', () => {
    expect(slugify('¿Cómo reducir la espera del DPI?')).toBe('como-reducir-la-espera-del-dpi')
  })

  test('a long title is cut between words, never mid-word, within 60 characters', () => {
    const slug = slugify('Reducir el tiempo de espera para la renovación del documento personal de identificación en las sedes')
    expect(slug).toBe('reducir-el-tiempo-de-espera-para-la-renovacion-del-documento')
    expect(slug.length).toBeLessThanOrEqual(60)
    // A cut exactly at a word's end keeps that word.
    expect(slugify(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59))
    expect(slugify(`${'abcd '.repeat(12)}efgh`)).toBe('abcd-'.repeat(11) + 'abcd')
  })

  test('a single word longer than the limit is cut at the limit', () => {
    expect(slugify('x'.repeat(80))).toBe('x'.repeat(60))
  })
})
