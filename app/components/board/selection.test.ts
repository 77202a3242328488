import { describe, expect, test } from 'vitest'
import { marqueeHits, marqueeRect, present, toggled, withContents } from './selection.ts'
import { testFrame as frame, testNote as note } from './test-elements.ts'

describe('selection maths', () => {
  test('the selection drops elements that are gone, and is the same set when none is', () => {
    const byId = new Map([note('a', 0, 0), note('b', 0, 0)].map((e) => [e.id, e]))
    const all = new Set(['a', 'b'])
    expect(present(all, byId)).toBe(all)
    expect([...present(new Set(['a', 'gone', 'b']), byId)]).toEqual(['a', 'b'])
  })

  test('Shift+click adds an element or takes it out, without changing the old selection', () => {
    const before = new Set(['a'])
    expect([...toggled(before, 'b')]).toEqual(['a', 'b'])
    expect([...toggled(before, 'a')]).toEqual([])
    expect([...before]).toEqual(['a'])
  })

  test('a frame carries its own notes, not those of other frames', () => {
    const elements = [frame('f', 0, 0), frame('g', 500, 0), note('in-f', 10, 50, 'f'), note('in-g', 510, 50, 'g'), note('loose', 900, 0)]
    expect([...withContents(elements, ['f'])].sort()).toEqual(['f', 'in-f'])
    expect([...withContents(elements, ['loose', 'in-g'])].sort()).toEqual(['in-g', 'loose'])
  })

  test('the selection rectangle is the same whichever way it is dragged', () => {
    const rect = { x: 10, y: 20, w: 100, h: 50 }
    expect(marqueeRect({ x: 10, y: 20 }, { x: 110, y: 70 })).toEqual(rect)
    expect(marqueeRect({ x: 110, y: 70 }, { x: 10, y: 20 })).toEqual(rect)
    expect(marqueeRect({ x: 110, y: 20 }, { x: 10, y: 70 })).toEqual(rect)
  })

  test('the rectangle takes the notes it touches and only the frames it wholly contains', () => {
    const elements = [note('touched', 90, 90), note('outside', 300, 300), frame('inside', 10, 10, 50, 50), frame('crossed', 0, 150, 400, 300)]
    const hits = marqueeHits(elements, { x: 0, y: 0, w: 100, h: 200 })
    expect(hits.map((e) => e.id)).toEqual(['touched', 'inside'])
    // Touching a note's edge is not touching it.
    expect(marqueeHits([note('edge', 100, 0)], { x: 0, y: 0, w: 100, h: 100 })).toEqual([])
  })
})
