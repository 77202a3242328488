import { useId } from 'react'
import { ChartLegend } from './chart-legend.tsx'
import { LINE, lineChartLayout, type LinePoint, type ReferenceLine } from './line-layout.ts'

type Props = {
  title: string
  /** The series' name in the legend. */
  seriesLabel: string
  points: LinePoint[]
  references: (ReferenceLine & { color: string })[]
  format: (value: number) => string
  /** Writes a calendar day (YYYY-MM-DD) as the tables do. */
  formatDay: (day: string) => string
  /** What the chart shows, in words (the SVG's <desc>). */
  description: string
  testId?: string
}

const SERIES_COLOUR = '#1e3a8a'

/** Measurements over time against reference lines (target, baseline), drawn on the server as SVG. */
export function LineChart({ title, seriesLabel, points, references, format, formatDay, description, testId }: Props) {
  const id = useId()
  const layout = lineChartLayout(points, references, format)
  const { plot } = layout
  return (
    <figure className="max-w-lg space-y-2" data-testid={testId}>
      <ChartLegend series={[{ key: 'series', label: seriesLabel, color: SERIES_COLOUR }, ...references.map((r) => ({ key: r.key, label: `${r.label}: ${format(r.value)}`, color: r.color, dashed: true }))]} />
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" className="block h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-desc`} fontSize={LINE.font}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {layout.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={plot.x0} x2={plot.x1} y1={t.y} y2={t.y} stroke="#e2e8f0" strokeDasharray="3 3" />
            <text x={plot.x0 - 6} y={t.y + 4} textAnchor="end" fill="#475569" fontSize={LINE.font - 1} className="tabular-nums">
              {format(t.value)}
            </text>
          </g>
        ))}
        <line x1={plot.x0} x2={plot.x1} y1={plot.y0} y2={plot.y0} stroke="#94a3b8" />
        {layout.references.map((r) => (
          <line key={r.key} x1={plot.x0} x2={plot.x1} y1={r.y} y2={r.y} stroke={references.find((x) => x.key === r.key)?.color} strokeWidth={1.5} strokeDasharray="6 3">
            <title>{`${r.label}: ${format(r.value)}`}</title>
          </line>
        ))}
        <path d={layout.path} fill="none" stroke={SERIES_COLOUR} strokeWidth={2} strokeLinejoin="round" />
        {layout.dots.map((d, i) => (
          <circle key={i} cx={d.x} cy={d.y} r={3.5} fill={SERIES_COLOUR}>
            <title>{`${formatDay(d.day)}: ${format(d.value)}`}</title>
          </circle>
        ))}
        {layout.xTicks.map((t) => (
          <text key={t.day} x={t.x} y={plot.y0 + 17} textAnchor={t.anchor} fill="#475569" fontSize={LINE.font - 1}>
            {formatDay(t.day)}
          </text>
        ))}
      </svg>
    </figure>
  )
}
