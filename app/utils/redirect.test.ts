import { describe, expect, test } from 'vitest'
import { safeRedirect } from './redirect.ts'

describe('safeRedirect', () => {
  test.each([
    '/',
    '/retos',
    '/retos/agua-potable?fase=abierta#ideas',
    '/ideas/3f0c2b8e-1d2a-4c55-9e8f-0a1b2c3d4e5f',
    '/buscar?q=agua%20potable',
    '/retos/caf%C3%A9',
  ])('keeps the same-site path %j', (path) => {
    expect(safeRedirect(path)).toBe(path)
  })

  test.each([
    // Other hosts, plainly or through browsers' URL clean-up (tabs and newlines are dropped, `\` is `/`).
    '//example.org',
    '///example.org',
    '/\\example.org',
    '/\\/example.org',
    '\\\\example.org',
    '/\t/example.org',
    '/\n/example.org',
    '/\r\n/example.org',
    '/\u0000/example.org',
    '/\u007f/example.org',
    '/ok\t',
    // Encoded, once or twice.
    '/%2F/example.org',
    '/%2f%2fexample.org',
    '%2F%2Fexample.org',
    '/%5C/example.org',
    '/%5cexample.org',
    '/%09/example.org',
    '/%0A/example.org',
    '/%0d%0a/example.org',
    '/%00',
    '/%252F/example.org',
    '/%25252F%25252Fexample.org',
    // Not paths at all.
    'https://example.org',
    'http:example.org',
    'javascript:alert(1)',
    'example.org',
    ' /retos',
    '',
    // Undecodable.
    '/%E0%A4%A',
    '/%',
  ])('refuses %j', (hostile) => {
    expect(safeRedirect(hostile)).toBe('/')
    expect(safeRedirect(hostile, '/retos')).toBe('/retos')
  })

  test('refuses what is not a string, and absurd lengths', () => {
    expect(safeRedirect(null)).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(new File(['x'], '/retos'))).toBe('/')
    expect(safeRedirect(`/${'a'.repeat(5000)}`)).toBe('/')
  })
})
