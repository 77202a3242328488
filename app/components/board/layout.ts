import { NOTE_SIZE, type BoardElement } from '#app/board/model.ts'
import { placeNote } from './placement.ts'

export type Point = { x: number; y: number }
export type Rect = { x: number; y: number; w: number; h: number }

export const GAP = 16

export function contains(outer: Rect, point: Point) {
  return point.x >= outer.x && point.x <= outer.x + outer.w && point.y >= outer.y && point.y <= outer.y + outer.h
}

export function intersects(a: Rect, b: Rect) {
  return a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y
}

export function center(rect: Rect): Point {
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

/** The frame a note dropped at `rect` belongs to: the top-most frame containing its centre, or null. */
export function frameAt(elements: BoardElement[], rect: Rect): string | null {
  const point = center(rect)
  const frames = elements.filter((e) => e.type === 'frame' && contains(e, point))
  frames.sort((a, b) => b.z - a.z || b.createdAt - a.createdAt)
  return frames[0]?.id ?? null
}

/** The smallest rectangle around the elements (null when there are none). */
export function bounds(elements: Rect[]): Rect | null {
  if (!elements.length) return null
  const x = Math.min(...elements.map((e) => e.x))
  const y = Math.min(...elements.map((e) => e.y))
  const right = Math.max(...elements.map((e) => e.x + e.w))
  const bottom = Math.max(...elements.map((e) => e.y + e.h))
  return { x, y, w: right - x, h: bottom - y }
}

/**
 * A free place for a new note: inside `frameId`'s frame (a grid under its title, or below it
 * when full), or, without a frame, to the right of everything on the board; never over
 * another note (placeNote nudges a taken place to the nearest free one).
 */
export function freeSpot(elements: BoardElement[], frameId: string | null): Point {
  const spot = gridSpot(elements, frameId)
  const notes = elements.filter((e) => e.type === 'note')
  return placeNote(notes, { x: spot.x + NOTE_SIZE.w / 2, y: spot.y + NOTE_SIZE.h / 2 }, NOTE_SIZE)
}

function gridSpot(elements: BoardElement[], frameId: string | null): Point {
  const notes = elements.filter((e) => e.type === 'note')
  const frame = frameId ? elements.find((e) => e.id === frameId && e.type === 'frame') : undefined
  if (frame) {
    const top = frame.y + 56
    const columns = Math.max(1, Math.floor((frame.w - GAP) / (NOTE_SIZE.w + GAP)))
    for (let i = 0; i < 200; i++) {
      const spot = { x: frame.x + GAP + (i % columns) * (NOTE_SIZE.w + GAP), y: top + Math.floor(i / columns) * (NOTE_SIZE.h + GAP) }
      const rect = { ...spot, w: NOTE_SIZE.w, h: NOTE_SIZE.h }
      if (!notes.some((n) => intersects(n, rect))) return spot
    }
    return { x: frame.x + GAP, y: frame.y + frame.h + GAP }
  }
  const loose = notes.filter((n) => !n.frameId)
  const all = bounds(elements)
  if (!all) return { x: 0, y: 0 }
  // Ungrouped notes line up in a column to the right of the frames.
  const frames = bounds(elements.filter((e) => e.type === 'frame'))
  const left = frames ? frames.x + frames.w + GAP * 3 : all.x
  for (let i = 0; i < 400; i++) {
    const spot = { x: left + (i % 4) * (NOTE_SIZE.w + GAP), y: (frames?.y ?? all.y) + Math.floor(i / 4) * (NOTE_SIZE.h + GAP) }
    const rect = { ...spot, w: NOTE_SIZE.w, h: NOTE_SIZE.h }
    if (!loose.some((n) => intersects(n, rect)) && !elements.some((e) => e.type === 'frame' && intersects(e, rect))) return spot
  }
  return { x: all.x + all.w + GAP, y: all.y }
}
