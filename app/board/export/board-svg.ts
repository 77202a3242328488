import { noteColors, type BoardElement } from '../model.ts'

/**
 * A board as a standalone SVG document (pure: elements in, text out), for the session export and
 * its PNG rendering. Frames are labelled areas drawn first; notes are coloured rectangles with
 * their text wrapped to the note's width. Every piece of text is XML-escaped: notes are written by
 * anyone, and the SVG is served as a file people open.
 */
export type BoardSvgOptions = {
  /** The document's accessible title. */
  title?: string
  /** Dots per note id, drawn as a badge on the note. */
  dots?: Record<string, number>
  /** Titles of promoted ideas, by idea id, drawn under the note or frame. */
  ideaTitles?: Record<string, string>
  /** Empty space around the content, in canvas units. */
  margin?: number
}

const FONT = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
const NOTE_FONT_SIZE = 16
const LINE_HEIGHT = 20
const FRAME_LABEL_SIZE = 22
/** Average glyph width as a share of the font size: enough to wrap without measuring text. */
const CHAR_WIDTH = 0.55

export function escapeXml(text: string) {
  return (
    text
      // Characters XML 1.0 does not allow at all (control characters other than tab and newlines).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

/** Splits text into lines of at most `maxChars`, by words, breaking words longer than a line. */
export function wrapText(text: string, maxChars: number): string[] {
  const width = Math.max(1, Math.floor(maxChars))
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word
      while (rest.length > width) {
        if (line) {
          lines.push(line)
          line = ''
        }
        lines.push(rest.slice(0, width))
        rest = rest.slice(width)
      }
      if (!line) line = rest
      else if (line.length + 1 + rest.length <= width) line += ` ${rest}`
      else {
        lines.push(line)
        line = rest
      }
    }
    lines.push(line)
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

const fmt = (n: number) => String(Math.round(n * 100) / 100)

function textLines(lines: string[], x: number, y: number, size: number, extra = '') {
  return lines
    .map((line, i) => `<text x="${fmt(x)}" y="${fmt(y + i * LINE_HEIGHT)}" font-size="${size}"${extra}>${escapeXml(line)}</text>`)
    .join('')
}

/**
 * The area the SVG covers, in canvas units: every element plus the margin (a small blank area
 * for an empty board). Exports size their images from these numbers, never by reading the SVG.
 */
export function boardBounds(elements: BoardElement[], margin = 40) {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const e of elements) {
    minX = Math.min(minX, e.x)
    minY = Math.min(minY, e.y - (e.type === 'frame' ? FRAME_LABEL_SIZE + 12 : 0))
    maxX = Math.max(maxX, e.x + e.w)
    maxY = Math.max(maxY, e.y + e.h)
  }
  if (![minX, minY, maxX, maxY].every(Number.isFinite)) [minX, minY, maxX, maxY] = [0, 0, 400, 300]
  return { x0: minX - margin, y0: minY - margin, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin }
}

/** The whole board as an SVG string; an empty board is a small blank image. */
export function boardToSvg(elements: BoardElement[], options: BoardSvgOptions = {}): string {
  const margin = options.margin ?? 40
  const dots = options.dots ?? {}
  const ideaTitles = options.ideaTitles ?? {}
  const { x0, y0, width, height } = boardBounds(elements, margin)

  const frames = elements.filter((e) => e.type === 'frame').sort((a, b) => a.z - b.z)
  const notes = elements.filter((e) => e.type === 'note').sort((a, b) => a.z - b.z)
  const parts: string[] = []
  parts.push(`<rect x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(width)}" height="${fmt(height)}" fill="#ffffff"/>`)

  for (const f of frames) {
    const colour = noteColors[f.color]
    const idea = f.ideaId ? ideaTitles[f.ideaId] : undefined
    parts.push(
      `<g class="frame" data-id="${escapeXml(f.id)}">` +
        `<rect x="${fmt(f.x)}" y="${fmt(f.y)}" width="${fmt(f.w)}" height="${fmt(f.h)}" rx="8" fill="${colour.fill}" fill-opacity="0.35" stroke="${colour.border}" stroke-width="2"/>` +
        textLines([f.text || ' '], f.x + 4, f.y - 10, FRAME_LABEL_SIZE, ` font-weight="bold" fill="#0f172a"`) +
        (idea ? textLines([`→ ${idea}`], f.x + 12, f.y + f.h - 12, 14, ` fill="#1e3a8a"`) : '') +
        `</g>`,
    )
  }

  for (const n of notes) {
    const colour = noteColors[n.color]
    const padding = 10
    const maxChars = (n.w - 2 * padding) / (NOTE_FONT_SIZE * CHAR_WIDTH)
    const footer = n.authorName ? 1 : 0
    const room = Math.max(1, Math.floor((n.h - 2 * padding - footer * LINE_HEIGHT) / LINE_HEIGHT))
    let lines = wrapText(n.text, maxChars)
    if (lines.length > room) lines = [...lines.slice(0, room - 1), `${lines[room - 1].slice(0, Math.max(0, Math.floor(maxChars) - 1))}…`]
    const count = dots[n.id] ?? 0
    const idea = n.ideaId ? ideaTitles[n.ideaId] : undefined
    parts.push(
      `<g class="note" data-id="${escapeXml(n.id)}">` +
        `<rect x="${fmt(n.x)}" y="${fmt(n.y)}" width="${fmt(n.w)}" height="${fmt(n.h)}" rx="4" fill="${colour.fill}" stroke="${colour.border}" stroke-width="1.5"/>` +
        textLines(lines, n.x + padding, n.y + padding + NOTE_FONT_SIZE, NOTE_FONT_SIZE, ` fill="#0f172a"`) +
        (n.authorName ? textLines([n.authorName], n.x + padding, n.y + n.h - padding, 12, ` fill="#334155"`) : '') +
        (count > 0
          ? `<circle cx="${fmt(n.x + n.w - 14)}" cy="${fmt(n.y + 14)}" r="12" fill="#1d4ed8"/>` +
            `<text x="${fmt(n.x + n.w - 14)}" y="${fmt(n.y + 19)}" font-size="13" fill="#ffffff" text-anchor="middle" font-weight="bold">${count}</text>`
          : '') +
        (idea ? textLines([`→ ${idea}`], n.x, n.y + n.h + 16, 12, ` fill="#1e3a8a"`) : '') +
        `</g>`,
    )
  }

  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : ''
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="${fmt(x0)} ${fmt(y0)} ${fmt(width)} ${fmt(height)}" font-family="${escapeXml(FONT)}" role="img">` +
    title +
    parts.join('') +
    `</svg>\n`
  )
}
