import { type BoardElement } from '#app/board/model.ts'
import { intersects, type Point, type Rect } from './layout.ts'

/** The chosen ids still on the board (someone else may have deleted some); the same set when none is gone. */
export function present(chosen: Set<string>, byId: Map<string, BoardElement>): Set<string> {
  const kept = [...chosen].filter((id) => byId.has(id))
  return kept.length === chosen.size ? chosen : new Set(kept)
}

/** The selection with `id` added, or taken out if it was in (Shift+click). */
export function toggled(selection: Set<string>, id: string): Set<string> {
  const next = new Set(selection)
  if (next.has(id)) next.delete(id)
  else next.add(id)
  return next
}

/** The ids that move with `ids`: a frame carries its notes. */
export function withContents(elements: BoardElement[], ids: Iterable<string>): Set<string> {
  const set = new Set(ids)
  for (const e of elements) if (e.type === 'note' && e.frameId && set.has(e.frameId)) set.add(e.id)
  return set
}

/** The rectangle dragged from `start` to `end`, whichever way. */
export function marqueeRect(start: Point, end: Point): Rect {
  return { x: Math.min(start.x, end.x), y: Math.min(start.y, end.y), w: Math.abs(end.x - start.x), h: Math.abs(end.y - start.y) }
}

/** What a selection rectangle takes: notes it touches, frames it wholly contains (a frame is large; touching it is not choosing it). */
export function marqueeHits(elements: BoardElement[], marquee: Rect): BoardElement[] {
  return elements.filter((e) =>
    e.type === 'note' ? intersects(marquee, e) : marquee.x <= e.x && marquee.y <= e.y && marquee.x + marquee.w >= e.x + e.w && marquee.y + marquee.h >= e.y + e.h,
  )
}
