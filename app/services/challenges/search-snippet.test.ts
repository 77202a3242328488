import { describe, expect, test } from 'vitest'
import { MATCH_START as S, MATCH_STOP as E, snippetParts, snippetText, stripMarkdown } from './search-snippet.ts'

describe('search snippets without Markdown, with the matches marked', () => {
  test('Markdown syntax goes, the words stay', () => {
    expect(stripMarkdown('## Lo que sabemos\n- En las sedes la espera supera las **tres horas** en días de _quincena_.\n- Una de cada cinco')).toBe(
      'Lo que sabemos En las sedes la espera supera las tres horas en días de quincena. Una de cada cinco',
    )
    expect(stripMarkdown('Ver [la guía del RENAP](https://renap.gob.gt/guia) y `código` > cita')).toBe('Ver la guía del RENAP y código > cita')
    expect(stripMarkdown('> Una cita\n1. primero\n2) segundo\n\n---\n~~tachado~~')).toBe('Una cita primero segundo tachado')
    // A fragment cut inside a link.
    expect(stripMarkdown('guía](https://renap.gob.gt) y más')).toBe('guía y más')
    expect(stripMarkdown('lea [la guía')).toBe('lea la guía')
    // snake_case and arithmetic survive.
    expect(stripMarkdown('el campo fecha_de_nacimiento y 2 * 3')).toBe('el campo fecha_de_nacimiento y 2 * 3')
  })

  test('the matches become parts, even inside emphasis or a link', () => {
    expect(snippetParts(`La espera para **${S}renovar${E}** el ${S}DPI${E} en [la ${S}sede${E}](https://x.gt).`)).toEqual([
      { text: 'La espera para ', match: false },
      { text: 'renovar', match: true },
      { text: ' el ', match: false },
      { text: 'DPI', match: true },
      { text: ' en la ', match: false },
      { text: 'sede', match: true },
      { text: '.', match: false },
    ])
  })

  test('HTML in content stays text: no part is markup, and « » are no longer match markers', () => {
    const parts = snippetParts(`<img src=x onerror=alert(1)> «cita» <b>${S}trámite${E}</b>`)
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> «cita» <b>', match: false },
      { text: 'trámite', match: true },
      { text: '</b>', match: false },
    ])
    expect(snippetText(parts)).toBe('<img src=x onerror=alert(1)> «cita» <b>trámite</b>')
  })
})
