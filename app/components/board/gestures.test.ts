import { describe, expect, test } from 'vitest'
import { finishGesture, followPointer, type Gesture } from './gestures.ts'
import { testFrame, testNote } from './test-elements.ts'

const elements = [testFrame('f', 0, 0), testNote('in-f', 20, 60, 'f'), testNote('loose', 600, 20)]
const pointer = (at: { x: number; y: number }, zoom = 1) => ({ at, page: at, pinch: () => null, zoom, elements })

describe('pointer gestures', () => {
  test('panning follows the pointer on the page', () => {
    const g: Gesture = { kind: 'pan', start: { x: 100, y: 100 }, origin: { x: 0, y: 0, zoom: 2 } }
    expect(followPointer(g, { ...pointer({ x: 0, y: 0 }), page: { x: 150, y: 80 } })).toEqual({ viewport: { x: 50, y: -20, zoom: 2 } })
  })

  test('a pinch with one finger lifted does nothing; with two it zooms', () => {
    const g: Gesture = { kind: 'pinch', start: { mid: { x: 100, y: 100 }, distance: 100 }, origin: { x: 0, y: 0, zoom: 1 } }
    expect(followPointer(g, pointer({ x: 0, y: 0 }))).toBeNull()
    expect(followPointer(g, { ...pointer({ x: 0, y: 0 }), pinch: () => ({ mid: { x: 100, y: 100 }, distance: 150 }) })).toEqual({ viewport: { x: -50, y: -50, zoom: 1.5 } })
  })

  test('a move shows nothing until it passes the drag threshold, then previews the selection with the frames’ notes', () => {
    const g: Gesture = { kind: 'move', start: { x: 10, y: 10 }, ids: ['f'], moved: false }
    expect(followPointer(g, pointer({ x: 11, y: 11 }, 1))).toBeNull()
    expect(finishGesture(g, null, null, elements)).toBeNull()
    const shown = followPointer(g, pointer({ x: 40, y: 5 }, 1))
    expect(shown).toEqual({ preview: { ids: new Set(['f', 'in-f']), preview: { dx: 30, dy: -5 } } })
    // Once begun, even a step back under the threshold still moves.
    expect(followPointer(g, pointer({ x: 11, y: 10 }, 1))).toEqual({ preview: { ids: new Set(['f', 'in-f']), preview: { dx: 1, dy: 0 } } })
    expect(finishGesture(g, { ids: new Set(['f', 'in-f']), preview: { dx: 30, dy: -5 } }, null, elements)).toEqual({ kind: 'move', ids: new Set(['f', 'in-f']), dx: 30, dy: -5 })
  })

  test('resizing rounds the size and keeps it at least 80 × 60', () => {
    const g: Gesture = { kind: 'resize', start: { x: 200, y: 200 }, id: 'loose', w: 180, h: 140 }
    const shown = followPointer(g, pointer({ x: 250.4, y: 0 }))
    expect(shown).toEqual({ preview: { ids: new Set(['loose']), preview: { dx: 0, dy: 0, w: 230, h: 60 } } })
    expect(finishGesture(g, shown && 'preview' in shown ? shown.preview : null, null, elements)).toEqual({ kind: 'resize', id: 'loose', w: 230, h: 60 })
  })

  test('a selection rectangle adds what it takes to what was selected before', () => {
    const g: Gesture = { kind: 'rect', start: { x: 700, y: 0 }, additive: new Set(['f']) }
    const shown = followPointer(g, pointer({ x: 500, y: 100 }))
    expect(shown).toEqual({ marquee: { x: 500, y: 0, w: 200, h: 100 } })
    const outcome = finishGesture(g, null, shown && 'marquee' in shown ? shown.marquee : null, elements)
    expect(outcome).toEqual({ kind: 'select', ids: new Set(['f', 'loose']) })
  })

  test('releasing a pan writes nothing', () => {
    const g: Gesture = { kind: 'pan', start: { x: 0, y: 0 }, origin: { x: 0, y: 0, zoom: 1 } }
    expect(finishGesture(g, null, null, elements)).toBeNull()
  })
})
