import { useT } from '#app/i18n/use-t.ts'
import { BarChart } from '#app/components/charts/bar-chart.tsx'
import { isLanguage } from '#app/i18n/i18n.ts'
import { formatNumber } from '#app/utils/format.ts'

/** Scores as the reader writes numbers (es-GT or en), at most two decimals. */
function useScoreFormat() {
  const { i18n } = useT()
  const lang = isLanguage(i18n.language) ? i18n.language : 'es'
  return (v: number) => formatNumber(v, lang, { maximumFractionDigits: 2 })
}

export type FinalScoreBar = { id: string; name: string; jury: number; votes: number }

/** Each idea's final score (0–100) as two stacked parts: the jury's and the votes'. */
export function FinalScoreChart({ title, data, juryLabel, votesLabel }: { title: string; data: FinalScoreBar[]; juryLabel: string; votesLabel: string }) {
  const format = useScoreFormat()
  return (
    <BarChart
      testId="final-score-chart"
      title={title}
      format={format}
      domain={[0, 100]}
      series={[
        { key: 'jury', label: juryLabel, color: '#1e40af' },
        { key: 'votes', label: votesLabel, color: '#b45309' },
      ]}
      rows={data.map((d) => ({
        key: d.id,
        label: d.name,
        bars: [
          [
            { series: 'jury', value: d.jury },
            { series: 'votes', value: d.votes },
          ],
        ],
      }))}
    />
  )
}

export type CriterionMeans = { id: string; name: string; means: Record<string, number> }

const palette = ['#1e40af', '#047857', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf', '#334155', '#c2410c']

/** The mean score (1–5) of each idea on each criterion: one bar per criterion, grouped by idea. */
export function CriteriaMeansChart({ title, data, criteria }: { title: string; data: CriterionMeans[]; criteria: { key: string; name: string }[] }) {
  const format = useScoreFormat()
  return (
    <BarChart
      testId="criteria-chart"
      title={title}
      format={format}
      domain={[0, 5]}
      series={criteria.map((c, i) => ({ key: c.key, label: c.name, color: palette[i % palette.length] }))}
      rows={data.map((d) => ({ key: d.id, label: d.name, bars: criteria.map((c) => [{ series: c.key, value: d.means[c.key] ?? 0 }]) }))}
    />
  )
}
