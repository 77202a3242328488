import { describe, expect, test } from 'vitest'
import { BAR, barChartLayout } from './bar-layout.ts'
import { LINE, lineChartLayout } from './line-layout.ts'

describe('bar chart layout', () => {
  const rows = [
    { key: 'a', label: 'Pago en línea', bars: [[{ series: 'jury', value: 61.5 }, { series: 'votes', value: 25 }]] },
    { key: 'b', label: 'Recibo por SMS con una explicación muy larga que no cabe en una pantalla de teléfono', bars: [[{ series: 'jury', value: 40 }, { series: 'votes', value: 10 }]] },
  ]

  test('stacked parts sit end to end on a fixed 0–100 axis, inside the drawing', () => {
    const layout = barChartLayout(rows, { domain: [0, 100] })
    const [jury, votes] = layout.rows[0].bars[0].segments
    const unit = (layout.plot.x1 - layout.plot.x0) / 100
    expect(jury.x).toBe(layout.plot.x0)
    expect(jury.width).toBeCloseTo(61.5 * unit)
    expect(votes.x).toBeCloseTo(jury.x + jury.width)
    expect(layout.rows[0].bars[0].total).toBe(86.5)
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 20, 40, 60, 80, 100])
    expect(layout.ticks.at(-1)?.x).toBe(layout.plot.x1)
    // The total's label has room at the right edge.
    for (const row of layout.rows) for (const bar of row.bars) expect(bar.totalX).toBeLessThan(BAR.width - 20)
  })

  test('rows stack downwards without overlapping, and long labels are cut to the width', () => {
    const layout = barChartLayout(rows, { domain: [0, 100] })
    const [a, b] = layout.rows
    expect(b.labelY).toBeGreaterThan(a.bars[0].y + a.bars[0].height)
    expect(a.bars[0].y).toBeGreaterThan(a.labelY)
    expect(b.label.endsWith('…')).toBe(true)
    expect(b.label.length * BAR.charWidth).toBeLessThanOrEqual(BAR.width)
    expect(b.fullLabel).toBe(rows[1].label)
    expect(layout.height).toBeGreaterThan(b.bars[0].y + b.bars[0].height)
  })

  test('without a domain the axis runs from zero to a round number above the longest bar; grouped bars each get a line', () => {
    const layout = barChartLayout(
      [{ key: 'minfin', label: 'MINFIN', bars: [[{ series: 'impact', value: 4.5 }], [{ series: 'cost', value: 3 }]] }],
      { integers: false },
    )
    expect(layout.ticks[0].value).toBe(0)
    expect(layout.ticks.at(-1)!.value).toBeGreaterThanOrEqual(4.5)
    const [first, second] = layout.rows[0].bars
    expect(second.y).toBe(first.y + BAR.bar + BAR.barGap)
  })

  test('no rows: an empty drawing with an axis, not an error', () => {
    const layout = barChartLayout([], { integers: true })
    expect(layout.rows).toEqual([])
    expect(layout.height).toBeGreaterThan(0)
  })
})

describe('line chart layout', () => {
  const format = (v: number) => v.toLocaleString('es-GT')

  test('dates on a time axis: spacing follows the days between measurements, in date order', () => {
    const layout = lineChartLayout(
      [
        { day: '2026-03-31', value: 30 },
        { day: '2026-03-01', value: 45 },
        { day: '2026-03-11', value: 38 },
      ],
      [{ key: 'target', label: 'Meta', value: 15 }],
      format,
    )
    const [a, b, c] = layout.dots
    expect([a.day, b.day, c.day]).toEqual(['2026-03-01', '2026-03-11', '2026-03-31'])
    expect((c.x - b.x) / (b.x - a.x)).toBeCloseTo(2)
    // Higher values are higher up.
    expect(a.y).toBeLessThan(c.y)
    expect(layout.path.startsWith('M')).toBe(true)
    // The target is inside the axis, below every measurement.
    expect(layout.references[0].y).toBeGreaterThan(a.y)
    expect(layout.references[0].y).toBeLessThanOrEqual(layout.plot.y0)
    expect(layout.xTicks.map((t) => [t.day, t.anchor])).toEqual([
      ['2026-03-01', 'start'],
      ['2026-03-11', 'middle'],
      ['2026-03-31', 'end'],
    ])
    expect(layout.plot.x1).toBe(LINE.width - LINE.right)
  })

  test('one measurement sits in the middle; the left margin fits the longest tick label', () => {
    const layout = lineChartLayout([{ day: '2026-05-05', value: 1200 }], [{ key: 'target', label: 'Meta', value: 2000 }], format)
    expect(layout.dots[0].x).toBeCloseTo((layout.plot.x0 + layout.plot.x1) / 2)
    expect(layout.xTicks).toEqual([{ day: '2026-05-05', x: layout.dots[0].x, anchor: 'middle' }])
    const longest = Math.max(...layout.yTicks.map((t) => format(t.value).length))
    expect(layout.plot.x0).toBeGreaterThanOrEqual(longest * LINE.charWidth)
  })
})
