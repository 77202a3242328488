import { type Point, type Rect } from './layout.ts'

/** Where the board sits on the screen: the screen position of the board's origin, and the scale. */
export type Viewport = { x: number; y: number; zoom: number }
export type Size = { width: number; height: number }

export const MIN_ZOOM = 0.2
export const MAX_ZOOM = 3
export const INITIAL_VIEWPORT: Viewport = { x: 40, y: 40, zoom: 0.8 }
/** One press of the zoom buttons or +/−. */
export const ZOOM_STEP = 1.2
/** How far an arrow key pans the board, in screen pixels. */
export const KEY_PAN = 80
/** Room left around the board's contents when fitting them. */
const FIT_MARGIN = 80

export const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom))

/** The board point under a screen point (relative to the canvas's top-left corner). */
export function screenToBoard(v: Viewport, screen: Point): Point {
  return { x: (screen.x - v.x) / v.zoom, y: (screen.y - v.y) / v.zoom }
}

/** Zooms by `factor` (clamped) keeping the board point under `screen` where it is. */
export function zoomAround(v: Viewport, factor: number, screen: Point): Viewport {
  const zoom = clampZoom(v.zoom * factor)
  return { zoom, x: screen.x - ((screen.x - v.x) * zoom) / v.zoom, y: screen.y - ((screen.y - v.y) * zoom) / v.zoom }
}

/** The zoom factor for one wheel event: a trackpad pinch (Ctrl+wheel) is finer-grained, so it counts more per pixel. */
export function wheelZoomFactor(deltaY: number, ctrlKey: boolean) {
  return Math.exp(-deltaY * (ctrlKey ? 0.01 : 0.0015))
}

/** Room over the canvas taken by floating tools (screen pixels): kept clear when fitting. */
export type Insets = { top: number; bottom: number }
const NO_INSETS: Insets = { top: 0, bottom: 0 }

/** Shows all of `contents` (at most at 100 %), centred across and not too close to the top (or the tools floating there); the origin when the board is empty. */
export function fitViewport(contents: Rect | null, size: Size, insets: Insets = NO_INSETS): Viewport {
  if (!contents) return { x: 40, y: 40 + insets.top, zoom: 1 }
  const height = size.height - insets.top - insets.bottom
  const zoom = clampZoom(Math.min(1, (size.width - FIT_MARGIN) / contents.w, (height - FIT_MARGIN) / contents.h))
  return { zoom, x: (size.width - contents.w * zoom) / 2 - contents.x * zoom, y: insets.top + Math.max(24, (height - contents.h * zoom) / 2) - contents.y * zoom }
}

/** The viewport moved by (dx, dy) screen pixels. */
export function shifted(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, x: v.x + dx, y: v.y + dy }
}

/** The viewport after dragging the background from `start` to `now` (screen points), starting from `origin`. */
export function panned(origin: Viewport, start: Point, now: Point): Viewport {
  return { ...origin, x: origin.x + now.x - start.x, y: origin.y + now.y - start.y }
}

/** Two fingers: the zoom follows their distance and the board point under their first midpoint stays under their midpoint. */
export function pinched(origin: Viewport, start: { mid: Point; distance: number }, now: { mid: Point; distance: number }): Viewport {
  const zoom = clampZoom((origin.zoom * now.distance) / start.distance)
  const anchor = screenToBoard(origin, start.mid)
  return { zoom, x: now.mid.x - anchor.x * zoom, y: now.mid.y - anchor.y * zoom }
}

/** The midpoint and distance of two pointers, relative to `origin` (the canvas's corner on the page). */
export function pinchOf(a: Point, b: Point, origin: Point) {
  return { mid: { x: (a.x + b.x) / 2 - origin.x, y: (a.y + b.y) / 2 - origin.y }, distance: Math.hypot(a.x - b.x, a.y - b.y) }
}

/**
 * The smallest zoom at which a note's text (14 px on the board) still reads (about 8–9 px on the
 * screen): a first view that shows the whole board at least this large shows all of it.
 */
export const READABLE_ZOOM = 0.6
/** Where a board too large to show readably starts instead: its text at about 11 px. */
export const COMFORTABLE_ZOOM = 0.8
/** Room left at the top-left corner when the first view starts at the contents' corner. */
const START_MARGIN = 16

/**
 * The first view of a board: all of it when that is readable (as `fitViewport`), otherwise a
 * comfortable zoom starting at the contents' top-left corner (a phone sees the first frame, not
 * a miniature of the whole board; "see everything" is a button away).
 */
export function initialViewport(contents: Rect | null, size: Size, insets: Insets = NO_INSETS): Viewport {
  const fit = fitViewport(contents, size, insets)
  if (!contents || fit.zoom >= READABLE_ZOOM) return fit
  const zoom = COMFORTABLE_ZOOM
  return { zoom, x: START_MARGIN - contents.x * zoom, y: insets.top + START_MARGIN - contents.y * zoom }
}

/** The part of the board a viewport shows on a canvas of `size` (board coordinates). */
export function visibleRect(v: Viewport, size: Size): Rect {
  const corner = screenToBoard(v, { x: 0, y: 0 })
  return { x: corner.x, y: corner.y, w: size.width / v.zoom, h: size.height / v.zoom }
}

/**
 * A viewport that shows `rect` (what someone else is looking at) on a canvas of `size`: the
 * whole of it, centred, whatever the two screens' shapes (follow the facilitator).
 */
export function showing(rect: Rect, size: Size): Viewport {
  const zoom = clampZoom(Math.min(size.width / rect.w, size.height / rect.h))
  const cx = rect.x + rect.w / 2
  const cy = rect.y + rect.h / 2
  return { zoom, x: size.width / 2 - cx * zoom, y: size.height / 2 - cy * zoom }
}

/** Whether two viewports are the same to the eye (a fraction of a pixel apart). */
export function sameViewport(a: Viewport, b: Viewport) {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 0.001
}
