import { type BoardElement } from '#app/board/model.ts'
import { frameAt } from './layout.ts'

export type ElementPatch = Partial<Pick<BoardElement, 'x' | 'y' | 'w' | 'h' | 'z' | 'frameId'>>

/** The smallest size resizing leaves an element. */
export const MIN_W = 80
export const MIN_H = 60
/** A press moves nothing until the pointer has gone this far (screen pixels): a click stays a click. */
export const DRAG_THRESHOLD = 3

/** A size asked for by a resize, never below the minimum. */
export function clampSize(w: number, h: number) {
  return { w: Math.max(MIN_W, w), h: Math.max(MIN_H, h) }
}

/** Whether a press moved (dx, dy) board units at `zoom` has become a drag. */
export function isDrag(dx: number, dy: number, zoom: number) {
  return Math.hypot(dx, dy) * zoom >= DRAG_THRESHOLD
}

/**
 * The writes that move `ids` by (dx, dy): positions rounded; notes dropped in (or out of) a
 * frame take its frameId and come to the front, notes carried by their moving frame keep theirs.
 */
export function movePatches(elements: BoardElement[], ids: Set<string>, dx: number, dy: number): { id: string; patch: ElementPatch }[] {
  const movedFrames = new Set(elements.filter((e) => ids.has(e.id) && e.type === 'frame').map((e) => e.id))
  let top = Math.max(0, ...elements.map((e) => e.z))
  // Every element in its new place first, so that notes find the frames where those are going.
  const after = elements.map((e) => (ids.has(e.id) ? { ...e, x: Math.round(e.x + dx), y: Math.round(e.y + dy) } : e))
  const patches: { id: string; patch: ElementPatch }[] = []
  for (const e of after) {
    if (!ids.has(e.id)) continue
    if (e.type === 'frame') {
      patches.push({ id: e.id, patch: { x: e.x, y: e.y } })
      continue
    }
    const carried = e.frameId !== null && movedFrames.has(e.frameId)
    patches.push({ id: e.id, patch: carried ? { x: e.x, y: e.y } : { x: e.x, y: e.y, frameId: frameAt(after, e), z: ++top } })
  }
  return patches
}
