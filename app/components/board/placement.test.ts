import { describe, expect, test } from 'vitest'
import { freeSpot, type Rect } from './layout.ts'
import { PLACEMENT_GAP, placeNote } from './placement.ts'
import { testFrame, testNote } from './test-elements.ts'

const size = { w: 180, h: 140 }
const rect = (x: number, y: number, w = 180, h = 140): Rect => ({ x, y, w, h })
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y

describe('placeNote', () => {
  test('on an empty board the note is centred on the wanted spot', () => {
    expect(placeNote([], { x: 90, y: 70 }, size)).toEqual({ x: 0, y: 0 })
    expect(placeNote([], { x: 100.4, y: 50.6 }, size)).toEqual({ x: 10, y: -19 })
  })

  test('a free spot is kept even with notes elsewhere', () => {
    expect(placeNote([rect(1000, 1000), rect(-600, 0)], { x: 90, y: 70 }, size)).toEqual({ x: 0, y: 0 })
  })

  test('a taken spot gives the nearest free place beside the note there, not on it', () => {
    const taken = rect(0, 0)
    const spot = placeNote([taken], { x: 90, y: 70 }, size)
    expect(overlap({ ...spot, ...size }, taken)).toBe(false)
    // Beside it, at most one note and a gap away: not somewhere far off.
    expect(Math.abs(spot.x) + Math.abs(spot.y)).toBeLessThanOrEqual(size.w + PLACEMENT_GAP + 1)
    // The nearest such place: below it (a note is less tall than wide; below before above).
    expect(spot).toEqual({ x: 0, y: size.h + PLACEMENT_GAP })
  })

  test('a note barely covering the spot still moves the new one clear of it (with the gap)', () => {
    const spot = placeNote([rect(175, 0)], { x: 90, y: 70 }, size)
    const placed = { ...spot, ...size }
    expect(placed.x + placed.w + PLACEMENT_GAP <= 175 || placed.x >= 175 + 180 + PLACEMENT_GAP || placed.y + placed.h + PLACEMENT_GAP <= 0 || placed.y >= 140 + PLACEMENT_GAP).toBe(true)
  })

  test('thirty notes added at the same spot, one after another, never overlap and stay close to it', () => {
    const placed: Rect[] = []
    for (let i = 0; i < 30; i++) placed.push({ ...placeNote(placed, { x: 500, y: 400 }, size), ...size })
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i], placed[j]), `notes ${i} and ${j}`).toBe(false)
    }
    // Packed around the centre: thirty notes fit in a block of about six by five notes.
    for (const p of placed) {
      expect(Math.abs(p.x + p.w / 2 - 500)).toBeLessThan(4 * (size.w + PLACEMENT_GAP))
      expect(Math.abs(p.y + p.h / 2 - 400)).toBeLessThan(4 * (size.h + PLACEMENT_GAP))
    }
  })

  test('a pointer spot between notes nudges the note into the nearest gap', () => {
    // Two notes with a gap wide enough for one more between them.
    const left = rect(0, 0)
    const right = rect(180 + 12 + 180 + 12, 0)
    const spot = placeNote([left, right], { x: 300, y: 70 }, size)
    expect(spot).toEqual({ x: 192, y: 0 })
  })

  test('a neighbourhood packed full sends the note beside everything', () => {
    const wall: Rect[] = [rect(-20000, -20000, 40000, 40000)]
    const spot = placeNote(wall, { x: 0, y: 0 }, size)
    expect(overlap({ ...spot, ...size }, wall[0])).toBe(false)
  })

  test('other sizes are honoured; on a tie the same row wins, to the right', () => {
    const spot = placeNote([rect(0, 0, 100, 100)], { x: 50, y: 50 }, { w: 100, h: 100 }, 0)
    expect(overlap({ ...spot, w: 100, h: 100 }, rect(0, 0, 100, 100))).toBe(false)
    expect(spot).toEqual({ x: 100, y: 0 })
  })
})

describe('freeSpot (the list view adds and moves notes with it)', () => {
  test('an ungrouped note never lands on a note of a frame that sticks out of it', () => {
    const frame = testFrame('f', 0, 0, 400, 300)
    // Dragged half out of its frame, into the column where ungrouped notes go.
    const sticking = testNote('n', 420, 0, 'f')
    const spot = freeSpot([frame, sticking], null)
    expect(overlap({ ...spot, ...size }, sticking)).toBe(false)
    expect(overlap({ ...spot, ...size }, frame)).toBe(false)
  })

  test('a full frame sends its next note below it, clear of the notes already there', () => {
    const frame = testFrame('f', 0, 0, 200, 220)
    const inside = testNote('a', 10, 56, 'f')
    const below = testNote('b', 16, 236)
    const spot = freeSpot([frame, inside, below], 'f')
    for (const other of [inside, below]) expect(overlap({ ...spot, ...size }, other)).toBe(false)
  })
})
