import { type BoardElement } from '#app/board/model.ts'
import { type Point, type Rect } from './layout.ts'
import { clampSize, isDrag } from './moves.ts'
import { marqueeHits, marqueeRect, withContents } from './selection.ts'
import { panned, pinched, type Viewport } from './viewport.ts'

/** Where an element is drawn while it is dragged or resized (not yet in the document). */
export type Preview = { dx: number; dy: number; w?: number; h?: number }
export type DragPreview = { ids: Set<string>; preview: Preview }
type Pinch = { mid: Point; distance: number }

/** What a pointer gesture is doing, from pointerdown to pointerup. */
export type Gesture =
  | { kind: 'pan'; start: Point; origin: Viewport }
  | { kind: 'pinch'; start: Pinch; origin: Viewport }
  | { kind: 'move'; start: Point; ids: string[]; moved: boolean }
  | { kind: 'resize'; start: Point; id: string; w: number; h: number }
  | { kind: 'rect'; start: Point; additive: Set<string> }

type Pointer = {
  /** The pointer on the board. */
  at: Point
  /** The pointer on the page (clientX/clientY). */
  page: Point
  /** Both fingers now, while two are down. */
  pinch: () => Pinch | null
  zoom: number
  elements: BoardElement[]
}

/** What moving the pointer shows while a gesture is under way (a move marks itself as begun once it passes the drag threshold). */
export function followPointer(g: Gesture, { at, page, pinch, zoom, elements }: Pointer): { viewport: Viewport } | { preview: DragPreview } | { marquee: Rect } | null {
  switch (g.kind) {
    case 'pan':
      return { viewport: panned(g.origin, g.start, page) }
    case 'pinch': {
      const now = pinch()
      return now ? { viewport: pinched(g.origin, g.start, now) } : null
    }
    case 'move': {
      const dx = at.x - g.start.x
      const dy = at.y - g.start.y
      if (!g.moved && !isDrag(dx, dy, zoom)) return null
      g.moved = true
      return { preview: { ids: withContents(elements, g.ids), preview: { dx, dy } } }
    }
    case 'resize':
      return { preview: { ids: new Set([g.id]), preview: { dx: 0, dy: 0, ...clampSize(Math.round(g.w + at.x - g.start.x), Math.round(g.h + at.y - g.start.y)) } } }
    case 'rect':
      return { marquee: marqueeRect(g.start, at) }
  }
}

export type GestureOutcome =
  | { kind: 'move'; ids: Set<string>; dx: number; dy: number }
  | { kind: 'resize'; id: string; w: number; h?: number }
  | { kind: 'select'; ids: Set<string> }
  | null

/** What a gesture writes when the pointer is released, from the last preview or rectangle shown. */
export function finishGesture(g: Gesture, preview: DragPreview | null, marquee: Rect | null, elements: BoardElement[]): GestureOutcome {
  if (g.kind === 'move' && g.moved && preview) return { kind: 'move', ids: preview.ids, dx: preview.preview.dx, dy: preview.preview.dy }
  if (g.kind === 'resize' && preview?.preview.w) return { kind: 'resize', id: g.id, w: preview.preview.w, h: preview.preview.h }
  if (g.kind === 'rect' && marquee) return { kind: 'select', ids: new Set([...g.additive, ...marqueeHits(elements, marquee).map((e) => e.id)]) }
  return null
}
