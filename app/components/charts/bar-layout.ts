import { linearScale, niceAxis, stack, truncate } from './scales.ts'

/** One colour in the chart: a part of a stacked bar, or one of a group's bars. */
export type BarSeries = { key: string; label: string; color: string }
/** One thing being compared (an idea, a status, an institution): one or more bars, each stacked from parts. */
export type BarRow = { key: string; label: string; bars: { series: string; value: number }[][] }

// Sizes in SVG units; the drawing scales to its box's width (viewBox), so these are proportions.
export const BAR = {
  width: 360,
  font: 12,
  charWidth: 6.6,
  top: 4,
  left: 2,
  right: 52,
  label: 17,
  bar: 14,
  barGap: 3,
  rowGap: 12,
  axis: 22,
}

/**
 * Horizontal bars: each row's label sits above its bars, so long names never squeeze the bars and
 * the drawing stays readable at a phone's width. The value axis runs along the bottom.
 */
export function barChartLayout(rows: readonly BarRow[], { width = BAR.width, domain, integers = false, tickCount = 5 }: { width?: number; domain?: [number, number]; integers?: boolean; tickCount?: number } = {}) {
  const totals = rows.flatMap((r) => r.bars.map((b) => b.reduce((sum, s) => sum + Math.max(0, s.value), 0)))
  const axis = domain ? { domain, ticks: niceAxis(domain[0], domain[1], { count: tickCount, integers }).ticks.filter((t) => t >= domain[0] && t <= domain[1]) } : niceAxis(0, Math.max(0, ...totals), { count: tickCount, integers })
  const x0 = BAR.left
  const x1 = width - BAR.right
  const x = linearScale(axis.domain, [x0, x1])
  const maxChars = Math.floor((width - BAR.left) / BAR.charWidth)
  let y = BAR.top
  const laidOut = rows.map((row) => {
    const labelY = y + BAR.font
    y += BAR.label
    const bars = row.bars.map((parts) => {
      const spans = stack(parts.map((p) => p.value))
      const total = spans.at(-1)?.[1] ?? 0
      const bar = {
        y,
        height: BAR.bar,
        total,
        totalX: x(Math.min(total, axis.domain[1])) + 4,
        segments: parts.map((p, i) => ({ series: p.series, value: p.value, x: x(spans[i][0]), width: Math.max(0, x(Math.min(spans[i][1], axis.domain[1])) - x(spans[i][0])) })),
      }
      y += BAR.bar + BAR.barGap
      return bar
    })
    y += BAR.rowGap - BAR.barGap
    return { key: row.key, label: truncate(row.label, maxChars), fullLabel: row.label, labelY, bars }
  })
  const plotBottom = Math.max(y - BAR.rowGap + 4, BAR.top + 4)
  return {
    width,
    height: plotBottom + BAR.axis,
    plot: { x0, x1, top: BAR.top, bottom: plotBottom },
    ticks: axis.ticks.map((value) => ({ value, x: x(value) })),
    rows: laidOut,
  }
}

export type BarLayout = ReturnType<typeof barChartLayout>
