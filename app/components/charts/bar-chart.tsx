import { useId } from 'react'
import { barChartLayout, BAR, type BarRow, type BarSeries } from './bar-layout.ts'
import { ChartLegend } from './chart-legend.tsx'

type Props = {
  /** The chart's name (the SVG's <title>). */
  title: string
  rows: BarRow[]
  series: BarSeries[]
  format: (value: number) => string
  /** Fixed value axis (e.g. 0–100); otherwise from zero to a round number above the largest bar. */
  domain?: [number, number]
  integers?: boolean
  testId?: string
}

/** What the chart shows, in words: the <desc> a screen reader announces with the title. */
export function describeBars(rows: readonly BarRow[], series: readonly BarSeries[], format: (value: number) => string) {
  const name = new Map(series.map((s) => [s.key, s.label]))
  return rows
    .map((r) => `${r.label}: ${r.bars.map((bar) => bar.map((p) => (series.length > 1 ? `${name.get(p.series) ?? p.series} ${format(p.value)}` : format(p.value))).join(', ')).join('; ')}`)
    .join('. ')
}

/**
 * Horizontal bar chart drawn on the server as SVG: labels above the bars, stacked parts or grouped
 * bars in the series' colours, the total at the end of each bar. It scales to its box (viewBox).
 */
export function BarChart({ title, rows, series, format, domain, integers, testId }: Props) {
  const id = useId()
  const layout = barChartLayout(rows, { domain, integers })
  const colour = new Map(series.map((s) => [s.key, s]))
  const { plot } = layout
  return (
    <figure className="max-w-lg space-y-2" data-testid={testId}>
      {series.length > 1 ? <ChartLegend series={series} /> : null}
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" className="block h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-desc`} fontSize={BAR.font}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{describeBars(rows, series, format)}</desc>
        {layout.ticks.map((t) => (
          <line key={t.value} x1={t.x} x2={t.x} y1={plot.top} y2={plot.bottom} stroke="#e2e8f0" strokeDasharray={t.x === plot.x0 ? undefined : '3 3'} />
        ))}
        {layout.rows.map((row) => (
          <g key={row.key}>
            <text x={plot.x0} y={row.labelY} fill="#0f172a">
              {row.label !== row.fullLabel ? <title>{row.fullLabel}</title> : null}
              {row.label}
            </text>
            {row.bars.map((bar, i) => (
              <g key={i}>
                {bar.segments.map((s) => (
                  <rect key={s.series} x={s.x} y={bar.y} width={s.width} height={bar.height} fill={colour.get(s.series)?.color ?? '#1e3a8a'}>
                    <title>{`${colour.get(s.series)?.label ?? ''} ${format(s.value)}`.trim()}</title>
                  </rect>
                ))}
                <text x={bar.totalX} y={bar.y + bar.height - 3} fill="#334155" fontSize={BAR.font - 1} className="tabular-nums">
                  {format(bar.total)}
                </text>
              </g>
            ))}
          </g>
        ))}
        <line x1={plot.x0} x2={plot.x1} y1={plot.bottom} y2={plot.bottom} stroke="#94a3b8" />
        {layout.ticks.map((t, i) => (
          <text key={t.value} x={t.x} y={plot.bottom + 15} fill="#475569" fontSize={BAR.font - 1} textAnchor={i === 0 ? 'start' : 'middle'} className="tabular-nums">
            {format(t.value)}
          </text>
        ))}
      </svg>
    </figure>
  )
}
