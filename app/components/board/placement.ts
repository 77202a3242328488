// Plain shapes (the same as layout.ts's), so layout.ts may use this module without a cycle.
type Point = { x: number; y: number }
type Rect = { x: number; y: number; w: number; h: number }
export type Size = { w: number; h: number }

/** The space kept between a new note and the notes around it, so each one's edges and buttons stay visible. */
export const PLACEMENT_GAP = 12
/** How many rings of candidate places are tried around the wanted spot before giving up on the neighbourhood. */
const MAX_RINGS = 60

/** How many of the nearest notes lend their edges as candidate places. */
const EDGE_NOTES = 40

const distance = (o: Rect, p: Point) => Math.hypot(o.x + o.w / 2 - p.x, o.y + o.h / 2 - p.y)

function overlapsAny(rect: Rect, obstacles: Rect[], gap: number) {
  return obstacles.some((o) => rect.x < o.x + o.w + gap && rect.x + rect.w + gap > o.x && rect.y < o.y + o.h + gap && rect.y + rect.h + gap > o.y)
}

/**
 * Where a new note of `size` goes when it is wanted centred on `at` (the middle of the view,
 * or the pointer): there if that place is free, otherwise the nearest free place beside one of
 * the nearest notes (a gap away from its edge), then ring by ring outwards on a grid of half a
 * note. Free means at least `gap` away from every rectangle in `obstacles`.
 * Returns the note's top-left corner, in whole board units.
 */
export function placeNote(obstacles: Rect[], at: Point, size: Size, gap = PLACEMENT_GAP): Point {
  const origin = { x: Math.round(at.x - size.w / 2), y: Math.round(at.y - size.h / 2) }
  const rectAt = (p: Point): Rect => ({ x: p.x, y: p.y, w: size.w, h: size.h })
  // Only what is near can be in the way: a far note never decides a place.
  const reach = MAX_RINGS * Math.max(size.w, size.h)
  const near = obstacles.filter((o) => Math.abs(o.x + o.w / 2 - at.x) < reach + o.w && Math.abs(o.y + o.h / 2 - at.y) < reach + o.h)
  if (!overlapsAny(rectAt(origin), near, gap)) return origin
  // The nearest free place touches a note's edge (or keeps the wanted x or y): try those first, nearest first.
  const closest = [...near].sort((a, b) => distance(a, at) - distance(b, at)).slice(0, EDGE_NOTES)
  const xs = [origin.x, ...closest.flatMap((o) => [o.x - gap - size.w, o.x + o.w + gap])]
  const ys = [origin.y, ...closest.flatMap((o) => [o.y - gap - size.h, o.y + o.h + gap])]
  const edges = xs.flatMap((x) => ys.map((y) => ({ x, y })))
  edges.sort((a, b) => Math.hypot(a.x - origin.x, a.y - origin.y) - Math.hypot(b.x - origin.x, b.y - origin.y) || Math.abs(a.y - origin.y) - Math.abs(b.y - origin.y) || b.x - a.x || b.y - a.y)
  const limit = (MAX_RINGS * Math.min(size.w, size.h)) / 2
  for (const spot of edges) {
    if (Math.hypot(spot.x - origin.x, spot.y - origin.y) > limit) break
    if (!overlapsAny(rectAt(spot), near, gap)) return spot
  }
  // Otherwise a grid of half a note, ring by ring outwards.
  const stepX = Math.round((size.w + gap) / 2)
  const stepY = Math.round((size.h + gap) / 2)
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const candidates: Point[] = []
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: i, y: -ring }, { x: i, y: ring })
      if (i !== -ring && i !== ring) candidates.push({ x: -ring, y: i }, { x: ring, y: i })
    }
    // Nearest first (in board units); on a tie, right before left and below before above, so a row grows in reading order.
    candidates.sort((a, b) => Math.hypot(a.x * stepX, a.y * stepY) - Math.hypot(b.x * stepX, b.y * stepY) || Math.abs(a.y) - Math.abs(b.y) || b.x - a.x || b.y - a.y)
    for (const c of candidates) {
      const spot = { x: origin.x + c.x * stepX, y: origin.y + c.y * stepY }
      if (!overlapsAny(rectAt(spot), near, gap)) return spot
    }
  }
  // A neighbourhood packed full: beside everything there is.
  const right = Math.max(...obstacles.map((o) => o.x + o.w))
  return { x: Math.round(right + gap), y: origin.y }
}
