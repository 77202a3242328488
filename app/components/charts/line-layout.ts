import { dayNumber, linePath, linearScale, niceAxis, spreadIndexes } from './scales.ts'

export type LinePoint = { day: string; value: number }
export type ReferenceLine = { key: string; label: string; value: number }

export const LINE = { width: 360, height: 210, font: 12, charWidth: 6.6, top: 18, right: 12, bottom: 26 }

/**
 * A dated series on a time axis (days) against reference values (target, baseline). The y axis
 * takes in the points and the references; `format` writes the tick labels, which sets the left margin.
 */
export function lineChartLayout(points: readonly LinePoint[], references: readonly ReferenceLine[], format: (value: number) => string, { width = LINE.width, height = LINE.height, dateLabels = 3 }: { width?: number; height?: number; dateLabels?: number } = {}) {
  const sorted = [...points].sort((a, b) => dayNumber(a.day) - dayNumber(b.day))
  const values = [...sorted.map((p) => p.value), ...references.map((r) => r.value)]
  const axis = niceAxis(Math.min(...values), Math.max(...values), { count: 4 })
  const left = Math.max(...axis.ticks.map((t) => format(t).length)) * LINE.charWidth + 8
  const plot = { x0: left, x1: width - LINE.right, y0: height - LINE.bottom, y1: LINE.top }
  const days = sorted.map((p) => dayNumber(p.day))
  const x = linearScale([days[0] ?? 0, days.at(-1) ?? 0], [plot.x0 + 6, plot.x1 - 6])
  const y = linearScale(axis.domain, [plot.y0, plot.y1])
  const dots = sorted.map((p, i) => ({ ...p, x: x(days[i]), y: y(p.value) }))
  const uniqueDays = [...new Set(sorted.map((p) => p.day))]
  const labelled = spreadIndexes(uniqueDays.length, dateLabels)
  return {
    width,
    height,
    plot,
    yTicks: axis.ticks.map((value) => ({ value, y: y(value) })),
    xTicks: labelled.map((i, n) => ({
      day: uniqueDays[i],
      x: x(dayNumber(uniqueDays[i])),
      anchor: (labelled.length === 1 ? 'middle' : n === 0 ? 'start' : n === labelled.length - 1 ? 'end' : 'middle') as 'start' | 'middle' | 'end',
    })),
    path: linePath(dots.map((d) => [d.x, d.y])),
    dots,
    references: references.map((r) => ({ ...r, y: y(r.value) })),
  }
}
