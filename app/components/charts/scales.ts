/*
 * The arithmetic behind the charts: scales, "nice" axis ticks, stacked segments and line paths.
 * Pure functions, so the charts are drawn on the server as plain SVG and the maths has unit tests.
 */

export type Scale = (value: number) => number

/** Maps [d0, d1] onto [r0, r1] linearly; a zero-width domain maps everything to the range's middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0
  if (span === 0) return () => (r0 + r1) / 2
  return (value) => r0 + ((value - d0) / span) * (r1 - r0)
}

/** A step of 1, 2 or 5 × 10^k that splits `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1
  const raw = span / Math.max(1, count)
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const residual = raw / magnitude
  const factor = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1
  return factor * magnitude
}

/** Rounds the step's floating-point noise away (0.30000000000000004 → 0.3). */
const clean = (value: number, step: number) => {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1)
  return Number(value.toFixed(Math.min(decimals, 12)))
}

/**
 * A domain widened outwards to whole steps, and the ticks on it. `integers` keeps steps ≥ 1
 * (counts of things). An empty or flat input still gets a usable axis.
 */
export function niceAxis(min: number, max: number, { count = 5, integers = false }: { count?: number; integers?: boolean } = {}) {
  let lo = Math.min(min, max)
  let hi = Math.max(min, max)
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1]
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1
    lo -= lo === 0 ? 0 : pad
    hi += pad
  }
  let step = niceStep(hi - lo, count)
  if (integers) step = Math.max(1, Math.round(step))
  const start = Math.floor(lo / step) * step
  const end = Math.ceil(hi / step) * step
  const ticks: number[] = []
  for (let i = 0; start + i * step <= end + step / 1e6; i++) ticks.push(clean(start + i * step, step))
  return { domain: [clean(start, step), clean(end, step)] as [number, number], ticks, step }
}

/** Consecutive [start, end] spans for values stacked one after the other from zero (negatives count as zero). */
export function stack(values: readonly number[]): [number, number][] {
  let at = 0
  return values.map((v) => {
    const start = at
    at += Math.max(0, v)
    return [start, at]
  })
}

/** An SVG path through the points, in order ("M x y L x y …"), rounded to tenths of a unit. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  const r = (n: number) => Math.round(n * 10) / 10
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r(x)} ${r(y)}`).join(' ')
}

/** Days since the epoch of a calendar day (YYYY-MM-DD), so dates can sit on a linear scale. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 86_400_000
}

/** A label cut to `max` characters with an ellipsis (SVG text does not wrap). */
export function truncate(label: string, max: number): string {
  const chars = [...label]
  return chars.length <= max ? label : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`
}

/**
 * Up to `count` indexes spread evenly over `length` items, always the first and the last:
 * which dates get a label on a narrow time axis.
 */
export function spreadIndexes(length: number, count: number): number[] {
  if (length <= 0) return []
  if (length <= count) return Array.from({ length }, (_, i) => i)
  if (count <= 1) return [0]
  const picked = new Set<number>()
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (length - 1)) / (count - 1)))
  return [...picked]
}
