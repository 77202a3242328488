import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { getT } from '#app/i18n/i18n.ts'
import { boards as en } from '#app/i18n/locales/en/boards.ts'
import { boards as es } from '#app/i18n/locales/es/boards.ts'
import { BOARD_MESSAGE_CODES, boardErrorText } from './board-status.tsx'

const root = join(import.meta.dirname, '../../..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')

/**
 * Every error code the server can send on the board protocol, read from the code that sends
 * them: `refuse(…, 'code', …)` and `fail('code', …)` (frames and joins), `code: … 'code'`
 * (board:error on lost access), `new FrameError('code', …)`, and the handshake's `new Error('code')`.
 */
function codesTheServerSends(): Set<string> {
  const files = [
    'server/sockets/boards.ts',
    'server/sockets/auth.ts',
    'app/board/frames.ts',
    ...readdirSync(join(root, 'server/boards'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `server/boards/${f}`),
  ]
  const patterns = [/refuse\(\s*(?:[\w.]+,\s*)?'(\w+)'/g, /fail\(\s*'(\w+)'/g, /code:\s*[^,}]*?'(\w+)'(?:\s*:\s*'(\w+)')?/g, /new FrameError\(\s*'(\w+)'/g, /new Error\(\s*'(\w+)'\s*\)/g]
  const codes = new Set<string>()
  for (const file of files) {
    const source = read(file)
    for (const pattern of patterns) {
      for (const match of source.matchAll(pattern)) {
        for (const code of match.slice(1)) if (code) codes.add(code)
      }
    }
  }
  return codes
}

describe('board error messages', () => {
  test('the scan finds the codes we know the server sends (so an empty scan cannot pass)', () => {
    const sent = codesTheServerSends()
    for (const code of ['read_only', 'session_ended', 'rate_limited', 'board_full', 'not_found', 'unavailable', 'session_not_live', 'too_large', 'forbidden']) expect(sent).toContain(code)
  })

  test('every code the server sends on boards is one the page has a sentence for', () => {
    const missing = [...codesTheServerSends()].filter((code) => !BOARD_MESSAGE_CODES.has(code))
    expect(missing).toEqual([])
  })

  test('every code has its own sentence in Spanish and English, and none of them shows a code', () => {
    for (const code of BOARD_MESSAGE_CODES) {
      for (const [lang, locale] of [
        ['es', es],
        ['en', en],
      ] as const) {
        const text = (locale.errors as Record<string, string>)[code]
        expect(text, `${lang} boards.errors.${code}`).toBeTruthy()
        expect(text).not.toContain(code)
        expect(text).not.toMatch(/\{\{/)
      }
    }
  })

  test('a code the page does not know reads as a general message, never as the code', () => {
    const t = getT('es')
    expect(boardErrorText(t, 'session_ended')).toBe('La sesión terminó: el tablero ya no se puede cambiar.')
    const unknown = boardErrorText(t, 'flux_capacitor_overload')
    expect(unknown).toBe('Algo salió mal con el tablero. Vuelve a cargar la página.')
    expect(unknown).not.toContain('flux')
    expect(boardErrorText(getT('en'), 'rate_limited')).toBe('You are going very fast: wait a moment before going on.')
  })
})
