import { describe, expect, test } from 'vitest'
import { clampZoom, COMFORTABLE_ZOOM, fitViewport, initialViewport, MAX_ZOOM, MIN_ZOOM, panned, pinched, pinchOf, READABLE_ZOOM, sameViewport, screenToBoard, shifted, showing, visibleRect, wheelZoomFactor, zoomAround } from './viewport.ts'

describe('viewport maths', () => {
  test('a screen point maps to the board through the pan and the zoom', () => {
    expect(screenToBoard({ x: 40, y: 40, zoom: 0.8 }, { x: 120, y: 200 })).toEqual({ x: 100, y: 200 })
    expect(screenToBoard({ x: -100, y: 50, zoom: 2 }, { x: 0, y: 0 })).toEqual({ x: 50, y: -25 })
  })

  test('zoom stays between 20 % and 300 %', () => {
    expect(clampZoom(0.01)).toBe(MIN_ZOOM)
    expect(clampZoom(10)).toBe(MAX_ZOOM)
    expect(clampZoom(1.5)).toBe(1.5)
    expect(zoomAround({ x: 0, y: 0, zoom: 2.8 }, 2, { x: 0, y: 0 }).zoom).toBe(3)
    expect(zoomAround({ x: 0, y: 0, zoom: 0.25 }, 0.5, { x: 0, y: 0 }).zoom).toBe(0.2)
  })

  test('zooming keeps the board point under the pointer where it is', () => {
    expect(zoomAround({ x: 0, y: 0, zoom: 1 }, 2, { x: 100, y: 50 })).toEqual({ x: -100, y: -50, zoom: 2 })
    const before = { x: 37, y: -12, zoom: 0.8 }
    const at = { x: 310, y: 145 }
    for (const factor of [1.2, 1 / 1.2, 3, 0.1]) {
      const after = zoomAround(before, factor, at)
      const [p, q] = [screenToBoard(before, at), screenToBoard(after, at)]
      expect(q.x).toBeCloseTo(p.x, 9)
      expect(q.y).toBeCloseTo(p.y, 9)
    }
  })

  test('the wheel zooms out when scrolled down and in when scrolled up; a trackpad pinch (Ctrl) counts more per pixel', () => {
    expect(wheelZoomFactor(100, false)).toBeCloseTo(Math.exp(-0.15), 12)
    expect(wheelZoomFactor(-100, false)).toBeGreaterThan(1)
    expect(wheelZoomFactor(10, true)).toBeCloseTo(Math.exp(-0.1), 12)
    expect(wheelZoomFactor(0, true)).toBe(1)
  })

  test('fit shows everything centred, at most at 100 %, never nearer the top than 24 px; an empty board shows the origin', () => {
    expect(fitViewport(null, { width: 880, height: 680 })).toEqual({ x: 40, y: 40, zoom: 1 })
    // Small contents: 100 %, centred both ways.
    expect(fitViewport({ x: 100, y: 200, w: 400, h: 300 }, { width: 880, height: 680 })).toEqual({ x: 140, y: -10, zoom: 1 })
    // Wide contents: scaled to the width less the 80 px margin.
    expect(fitViewport({ x: 0, y: 0, w: 1600, h: 600 }, { width: 880, height: 680 })).toEqual({ x: 40, y: 190, zoom: 0.5 })
    // Very tall contents: the zoom stops at 20 % and the top stays 24 px down.
    expect(fitViewport({ x: 0, y: 100, w: 100, h: 10_000 }, { width: 880, height: 680 })).toEqual({ x: 430, y: 4, zoom: 0.2 })
  })

  test('dragging the background moves the board with the pointer', () => {
    expect(panned({ x: 10, y: 20, zoom: 1.5 }, { x: 100, y: 100 }, { x: 130, y: 90 })).toEqual({ x: 40, y: 10, zoom: 1.5 })
    expect(shifted({ x: 10, y: 20, zoom: 1.5 }, -80, 0)).toEqual({ x: -70, y: 20, zoom: 1.5 })
  })

  test('two fingers: the zoom follows their distance and the board point between them stays between them', () => {
    expect(pinchOf({ x: 10, y: 20 }, { x: 40, y: 60 }, { x: 5, y: 5 })).toEqual({ mid: { x: 20, y: 35 }, distance: 50 })
    const origin = { x: 0, y: 0, zoom: 1 }
    const start = { mid: { x: 100, y: 100 }, distance: 100 }
    const now = { mid: { x: 150, y: 100 }, distance: 200 }
    const after = pinched(origin, start, now)
    expect(after).toEqual({ x: -50, y: -100, zoom: 2 })
    expect(screenToBoard(after, now.mid)).toEqual(screenToBoard(origin, start.mid))
    expect(pinched(origin, start, { ...now, distance: 1_000 }).zoom).toBe(MAX_ZOOM)
  })
})

describe('first view and following someone else', () => {
  const empathy = { x: 0, y: 0, w: 900, h: 700 }

  test('a wide screen sees the whole board when it is readable there', () => {
    const v = initialViewport(empathy, { width: 1280, height: 700 })
    expect(v).toEqual(fitViewport(empathy, { width: 1280, height: 700 }))
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM)
  })

  test('a phone starts at a comfortable zoom at the top-left of the contents, not at a miniature', () => {
    const phone = { width: 390, height: 640 }
    expect(fitViewport(empathy, phone).zoom).toBeLessThan(0.4)
    const v = initialViewport({ x: 100, y: -50, w: 900, h: 700 }, phone)
    expect(v.zoom).toBe(COMFORTABLE_ZOOM)
    // The contents' corner is 16 px from the canvas's corner.
    expect(v.x + 100 * v.zoom).toBeCloseTo(16)
    expect(v.y - 50 * v.zoom).toBeCloseTo(16)
    expect(initialViewport(null, phone)).toEqual(fitViewport(null, phone))
    // A laptop shows a board as wide as the journey map whole, as long as that stays readable.
    const hmw = { x: 0, y: 0, w: 900, h: 780 }
    expect(initialViewport(hmw, { width: 1280, height: 633 })).toEqual(fitViewport(hmw, { width: 1280, height: 633 }))
  })

  test('what a viewport shows, shown again on a screen of the same size, is the same viewport', () => {
    const size = { width: 1280, height: 700 }
    const v = { x: -120, y: 35, zoom: 1.2 }
    const rect = visibleRect(v, size)
    expect(rect.x).toBeCloseTo(100)
    expect(rect.w).toBeCloseTo(1280 / 1.2)
    const again = showing(rect, size)
    expect(sameViewport(again, v)).toBe(true)
  })

  test('a narrower screen shows all of what the facilitator sees, centred', () => {
    const rect = { x: 0, y: 0, w: 1000, h: 500 }
    const v = showing(rect, { width: 500, height: 800 })
    expect(v.zoom).toBeCloseTo(0.5)
    // The rectangle's centre is the screen's centre.
    expect(v.x + 500 * v.zoom).toBeCloseTo(250)
    expect(v.y + 250 * v.zoom).toBeCloseTo(400)
    // Never beyond the zoom limits.
    expect(showing({ x: 0, y: 0, w: 10, h: 10 }, { width: 500, height: 500 }).zoom).toBe(MAX_ZOOM)
  })

  test('fitting keeps the contents clear of the tools floating over the canvas', () => {
    const size = { width: 1280, height: 700 }
    const v = fitViewport(empathy, size, { top: 56, bottom: 0 })
    expect(v.y).toBeGreaterThanOrEqual(56 + 24)
    expect(v.y + 700 * v.zoom).toBeLessThanOrEqual(700)
    const phone = initialViewport(empathy, { width: 390, height: 640 }, { top: 0, bottom: 56 })
    expect(phone.y).toBe(16)
  })

  test('viewports a fraction of a pixel apart are the same', () => {
    expect(sameViewport({ x: 1, y: 1, zoom: 1 }, { x: 1.2, y: 0.9, zoom: 1.0004 })).toBe(true)
    expect(sameViewport({ x: 1, y: 1, zoom: 1 }, { x: 3, y: 1, zoom: 1 })).toBe(false)
  })
})
