import * as Y from 'yjs'
import { type BoardTemplate } from '#app/domain/vocabulary.ts'

/**
 * The shape of a board's Yjs document, shared by the canvas, the list view, the server
 * (templates, promotion, summary, exports) and the tests.
 *
 *   doc.getMap('elements'): id → Y.Map with
 *     type 'note' | 'frame', x, y, w, h (numbers, canvas units), z (stacking order),
 *     color (a key of noteColors), text (Y.Text: a note's body or a frame's title),
 *     authorKey ('user:<uuid>' | 'guest:<participantId>'), authorName,
 *     frameId (notes: the frame grouping them, or null),
 *     writers (Y.Map authorKey → name: who typed in it, as clients say — shown, never credited;
 *       promotion credits the server's own record, ADR 022),
 *     ideaId (set by the server when promoted to an idea), createdAt (ms).
 */
export type ElementType = 'note' | 'frame'

export const noteColors = {
  yellow: { fill: '#fef08a', border: '#a16207' },
  pink: { fill: '#fbcfe8', border: '#be185d' },
  green: { fill: '#bbf7d0', border: '#15803d' },
  blue: { fill: '#bfdbfe', border: '#1d4ed8' },
  orange: { fill: '#fed7aa', border: '#c2410c' },
  purple: { fill: '#e9d5ff', border: '#7e22ce' },
  gray: { fill: '#f1f5f9', border: '#475569' },
} as const
export type NoteColor = keyof typeof noteColors
export const isNoteColor = (value: unknown): value is NoteColor => typeof value === 'string' && value in noteColors

export const NOTE_SIZE = { w: 180, h: 140 }

/**
 * The canvas is finite, whatever a client wrote: positions are read within ±CANVAS_LIMIT and
 * sizes between MIN_ELEMENT_SIZE and MAX_ELEMENT_SIZE (canvas units), so a note at x = 3e21,
 * NaN or Infinity cannot make an export (or a screen) of astronomical size.
 */
export const CANVAS_LIMIT = 1_000_000
export const MIN_ELEMENT_SIZE = 40
export const MAX_ELEMENT_SIZE = 20_000

export type Author = { key: string; name: string }

/** A plain snapshot of one element, for rendering and exports. */
export type BoardElement = {
  id: string
  type: ElementType
  x: number
  y: number
  w: number
  h: number
  z: number
  color: NoteColor
  text: string
  authorKey: string
  authorName: string
  frameId: string | null
  writers: Author[]
  ideaId: string | null
  createdAt: number
}

export const elementsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('elements')

function newId() {
  return globalThis.crypto.randomUUID()
}

function num(value: unknown, fallback = 0) {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
const coordinate = (value: unknown) => clamp(num(value), -CANVAS_LIMIT, CANVAS_LIMIT)
const size = (value: unknown, fallback: number) => clamp(num(value, fallback), MIN_ELEMENT_SIZE, MAX_ELEMENT_SIZE)

/** Reads one element defensively: any client may write anything into the document. */
export function readElement(id: string, map: Y.Map<unknown>): BoardElement | null {
  const type = map.get('type')
  if (type !== 'note' && type !== 'frame') return null
  const text = map.get('text')
  const writers = map.get('writers')
  const color = map.get('color')
  const frameId = map.get('frameId')
  const ideaId = map.get('ideaId')
  return {
    id,
    type,
    x: coordinate(map.get('x')),
    y: coordinate(map.get('y')),
    w: size(map.get('w'), type === 'note' ? NOTE_SIZE.w : 400),
    h: size(map.get('h'), type === 'note' ? NOTE_SIZE.h : 300),
    z: num(map.get('z')),
    color: isNoteColor(color) ? color : 'yellow',
    text: text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '',
    authorKey: String(map.get('authorKey') ?? ''),
    authorName: String(map.get('authorName') ?? ''),
    frameId: typeof frameId === 'string' && frameId ? frameId : null,
    writers: writers instanceof Y.Map ? [...writers.entries()].map(([key, name]) => ({ key, name: String(name) })) : [],
    ideaId: typeof ideaId === 'string' && ideaId ? ideaId : null,
    createdAt: num(map.get('createdAt')),
  }
}

/** Every element, frames first then notes, each in stacking order. */
export function readElements(doc: Y.Doc): BoardElement[] {
  const list: BoardElement[] = []
  elementsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const element = readElement(id, map)
    if (element) list.push(element)
  })
  return list.sort((a, b) => (a.type === b.type ? a.z - b.z || a.createdAt - b.createdAt : a.type === 'frame' ? -1 : 1))
}

function nextZ(doc: Y.Doc) {
  let max = 0
  elementsOf(doc).forEach((map) => {
    if (map instanceof Y.Map) max = Math.max(max, num(map.get('z')))
  })
  return max + 1
}

type NewElement = { x: number; y: number; w?: number; h?: number; color?: NoteColor; text?: string; author: Author; frameId?: string | null; id?: string }

function addElement(doc: Y.Doc, type: ElementType, input: NewElement) {
  const id = input.id ?? newId()
  const map = new Y.Map<unknown>()
  const text = new Y.Text()
  if (input.text) text.insert(0, input.text)
  const writers = new Y.Map<string>()
  if (input.text) writers.set(input.author.key, input.author.name)
  map.set('type', type)
  map.set('x', Math.round(input.x))
  map.set('y', Math.round(input.y))
  map.set('w', input.w ?? (type === 'note' ? NOTE_SIZE.w : 400))
  map.set('h', input.h ?? (type === 'note' ? NOTE_SIZE.h : 300))
  map.set('z', nextZ(doc))
  map.set('color', input.color ?? (type === 'note' ? 'yellow' : 'gray'))
  map.set('text', text)
  map.set('authorKey', input.author.key)
  map.set('authorName', input.author.name)
  map.set('frameId', input.frameId ?? null)
  map.set('writers', writers)
  map.set('createdAt', Date.now())
  elementsOf(doc).set(id, map)
  return id
}

export function addNote(doc: Y.Doc, input: NewElement) {
  let id = ''
  doc.transact(() => (id = addElement(doc, 'note', input)))
  return id
}

export function addFrame(doc: Y.Doc, input: NewElement) {
  let id = ''
  doc.transact(() => (id = addElement(doc, 'frame', input)))
  return id
}

/** Replaces a note's or frame's text and records the writer (used by the list view and tests; the canvas edits the Y.Text in place). */
export function setText(doc: Y.Doc, id: string, value: string, writer: Author) {
  const map = elementsOf(doc).get(id)
  const text = map?.get('text')
  if (!(text instanceof Y.Text)) return
  doc.transact(() => {
    text.delete(0, text.length)
    text.insert(0, value)
    recordWriter(map!, writer)
  })
}

export function recordWriter(map: Y.Map<unknown>, writer: Author) {
  const writers = map.get('writers')
  if (writers instanceof Y.Map && writers.get(writer.key) !== writer.name) writers.set(writer.key, writer.name)
}

export function updateElement(doc: Y.Doc, id: string, values: Partial<Pick<BoardElement, 'x' | 'y' | 'w' | 'h' | 'z' | 'color' | 'frameId' | 'ideaId'>>) {
  const map = elementsOf(doc).get(id)
  if (!map) return
  doc.transact(() => {
    for (const [key, value] of Object.entries(values)) map.set(key, value)
  })
}

/** Deletes elements; notes of a deleted frame stay on the board, ungrouped. */
export function deleteElements(doc: Y.Doc, ids: string[]) {
  const elements = elementsOf(doc)
  doc.transact(() => {
    const gone = new Set(ids)
    elements.forEach((map) => {
      if (map instanceof Y.Map && gone.has(map.get('frameId') as string)) map.set('frameId', null)
    })
    for (const id of ids) elements.delete(id)
  })
}

/** Labels of template frames, in the language of the person who creates the board. */
export type TemplateLabels = Record<string, string>

type TemplateFrame = { label: string; x: number; y: number; w: number; h: number; color?: NoteColor }

/** Where each template puts its frames; the labels are i18n keys under `boards.templates.<template>.frames`. */
export const templateLayouts: Record<BoardTemplate, TemplateFrame[]> = {
  blank: [],
  hmw: [
    { label: 'question', x: 0, y: 0, w: 900, h: 220, color: 'blue' },
    { label: 'ideas', x: 0, y: 260, w: 900, h: 520 },
  ],
  empathy: [
    { label: 'says', x: 0, y: 0, w: 440, h: 340 },
    { label: 'thinks', x: 460, y: 0, w: 440, h: 340 },
    { label: 'does', x: 0, y: 360, w: 440, h: 340 },
    { label: 'feels', x: 460, y: 360, w: 440, h: 340 },
  ],
  problemTree: [
    { label: 'effects', x: 0, y: 0, w: 900, h: 260, color: 'orange' },
    { label: 'problem', x: 200, y: 280, w: 500, h: 200, color: 'pink' },
    { label: 'causes', x: 0, y: 500, w: 900, h: 260, color: 'blue' },
  ],
  impactEffort: [
    { label: 'quickWins', x: 0, y: 0, w: 440, h: 340, color: 'green' },
    { label: 'bigBets', x: 460, y: 0, w: 440, h: 340, color: 'blue' },
    { label: 'fillIns', x: 0, y: 360, w: 440, h: 340 },
    { label: 'moneyPits', x: 460, y: 360, w: 440, h: 340, color: 'orange' },
  ],
  journey: [
    { label: 'discover', x: 0, y: 0, w: 300, h: 600 },
    { label: 'start', x: 320, y: 0, w: 300, h: 600 },
    { label: 'wait', x: 640, y: 0, w: 300, h: 600 },
    { label: 'receive', x: 960, y: 0, w: 300, h: 600 },
    { label: 'after', x: 1280, y: 0, w: 300, h: 600 },
  ],
}

/** The first state of a new board: the template's frames, as one Yjs update. */
export function templateUpdate(template: BoardTemplate, labels: TemplateLabels, author: Author): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const frame of templateLayouts[template]) {
      addElement(doc, 'frame', { ...frame, text: labels[frame.label] ?? frame.label, author })
    }
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
