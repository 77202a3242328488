import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addFrame, addNote, readElements, updateElement } from '#app/board/model.ts'
import { clampSize, isDrag, movePatches } from './moves.ts'

const author = { key: 'guest:1', name: 'Ana' }

/** A frame at (0,0) 400×300 with one note in it, and a loose note to its right. */
function board() {
  const doc = new Y.Doc()
  const frame = addFrame(doc, { x: 0, y: 0, author })
  const inside = addNote(doc, { x: 20, y: 60, author, frameId: frame })
  const loose = addNote(doc, { x: 600, y: 20, author })
  return { doc, frame, inside, loose }
}

/** Moves `ids` as the canvas does on drop, and returns the board afterwards by id. */
function move(doc: Y.Doc, ids: string[], dx: number, dy: number) {
  for (const { id, patch } of movePatches(readElements(doc), new Set(ids), dx, dy)) updateElement(doc, id, patch)
  return new Map(readElements(doc).map((e) => [e.id, e]))
}

describe('moving elements', () => {
  test('a note dropped into a frame joins it and comes to the front; positions are rounded', () => {
    const { doc, frame, loose } = board()
    const top = Math.max(...readElements(doc).map((e) => e.z))
    const after = move(doc, [loose], -399.6, 80.4)
    expect(after.get(loose)).toMatchObject({ x: 200, y: 100, frameId: frame, z: top + 1 })
  })

  test('a note dragged out of its frame leaves it', () => {
    const { doc, inside } = board()
    expect(move(doc, [inside], 700, 0).get(inside)).toMatchObject({ x: 720, y: 60, frameId: null })
  })

  test('a moved frame carries its notes, which keep their frame and their stacking', () => {
    const { doc, frame, inside } = board()
    const before = new Map(readElements(doc).map((e) => [e.id, e]))
    const after = move(doc, [frame, inside], 0, 500)
    expect(after.get(frame)).toMatchObject({ x: 0, y: 500, z: before.get(frame)!.z })
    expect(after.get(inside)).toMatchObject({ x: 20, y: 560, frameId: frame, z: before.get(inside)!.z })
  })

  test('a loose note moved together with a frame finds the frame in its new place', () => {
    const { doc, frame } = board()
    // Over the frame but not in it (as the list view leaves a note moved out).
    const over = addNote(doc, { x: 200, y: 100, author })
    const after = move(doc, [frame, over], 0, 500)
    expect(after.get(over)).toMatchObject({ x: 200, y: 600, frameId: frame })
  })

  test('only the given elements are written', () => {
    const { doc, inside } = board()
    expect(movePatches(readElements(doc), new Set([inside]), 5, 5).map((p) => p.id)).toEqual([inside])
  })
})

describe('sizes and drags', () => {
  test('resizing stops at 80 × 60', () => {
    expect(clampSize(20, 500)).toEqual({ w: 80, h: 500 })
    expect(clampSize(300, -10)).toEqual({ w: 300, h: 60 })
  })

  test('a press becomes a drag after 3 screen pixels, whatever the zoom', () => {
    expect(isDrag(2, 2, 1)).toBe(false)
    expect(isDrag(3, 0, 1)).toBe(true)
    expect(isDrag(4, 0, 0.5)).toBe(false)
    expect(isDrag(6, 0, 0.5)).toBe(true)
    expect(isDrag(0, 1.5, 2)).toBe(true)
  })
})
