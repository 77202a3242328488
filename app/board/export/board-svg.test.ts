import { Resvg } from '@resvg/resvg-js'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { boardToSvg, escapeXml, wrapText } from './board-svg.ts'
import { addFrame, addNote, readElements, updateElement } from '../model.ts'

const author = { key: 'user:00000000-0000-4000-8000-000000000001', name: 'Ana' }

function board() {
  const doc = new Y.Doc()
  const frame = addFrame(doc, { x: 0, y: 0, w: 500, h: 400, text: 'Causas & efectos', author })
  const note = addNote(doc, { x: 20, y: 40, text: '<script>alert("x")</script> filas largas', author, frameId: frame, color: 'pink' })
  const other = addNote(doc, { x: 250, y: 40, text: 'Citas en línea', author: { key: 'guest:1', name: 'Invitada "Luz"' } })
  return { doc, frame, note, other }
}

describe('board SVG export', () => {
  test('escapes every piece of text, so a note cannot inject markup', () => {
    const { doc } = board()
    const svg = boardToSvg(readElements(doc), { title: 'Sesión <1>' })
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)')
    expect(svg).toContain('&lt;/script&gt;')
    expect(svg).toContain('Causas &amp; efectos')
    expect(svg).toContain('Invitada &quot;Luz&quot;')
    expect(svg).toContain('<title>Sesión &lt;1&gt;</title>')
  })

  test('draws frames as labelled areas and notes as rectangles in their colour, with dots and ideas', () => {
    const { doc, note, frame } = board()
    updateElement(doc, frame, { ideaId: 'idea-1' })
    const svg = boardToSvg(readElements(doc), { dots: { [note]: 3 }, ideaTitles: { 'idea-1': 'Turnos en línea' } })
    expect(svg.match(/class="frame"/g)).toHaveLength(1)
    expect(svg.match(/class="note"/g)).toHaveLength(2)
    expect(svg).toContain('fill="#fbcfe8"') // pink note
    expect(svg).toMatch(/font-weight="bold">3<\/text>/)
    expect(svg).toContain('→ Turnos en línea')
  })

  test('is well-formed enough for a renderer, and an empty board is a small blank image', () => {
    const { doc } = board()
    const png = new Resvg(boardToSvg(readElements(doc))).render().asPng()
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const empty = boardToSvg([])
    expect(empty).toContain('<svg')
    expect(new Resvg(empty).render().width).toBeGreaterThan(0)
  })

  test('wraps text by words within the width and breaks words that are too long', () => {
    expect(wrapText('uno dos tres cuatro', 8)).toEqual(['uno dos', 'tres', 'cuatro'])
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
    expect(wrapText('a\nb', 10)).toEqual(['a', 'b'])
    expect(escapeXml('a\u0001b')).toBe('ab')
  })
})
