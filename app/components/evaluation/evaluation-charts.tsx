import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import { isLanguage } from '#app/i18n/i18n.ts'
import { formatNumber } from '#app/utils/format.ts'

/** Tooltip values as the reader writes numbers (es-GT or en), two decimals. */
function useScoreFormat() {
  const { i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'es'
  return (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v))
}

export type FinalScoreBar = { name: string; jury: number; votes: number }

/**
 * Each idea's final score as two stacked parts (the jury's and the votes'). Fixed size, so it needs
 * no measuring; the chart is drawn in the browser and the page's table says the same for everyone else.
 */
export function FinalScoreChart({ data, juryLabel, votesLabel }: { data: FinalScoreBar[]; juryLabel: string; votesLabel: string }) {
  const height = Math.max(160, 60 + data.length * 44)
  const format = useScoreFormat()
  return (
    <figure className="overflow-x-auto" aria-hidden="true">
      <BarChart width={720} height={height} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} />
        <YAxis type="category" dataKey="name" width={240} tick={{ fontSize: 12 }} />
        <Tooltip formatter={format} />
        <Legend />
        <Bar dataKey="jury" name={juryLabel} stackId="final" fill="#1e40af" isAnimationActive={false} />
        <Bar dataKey="votes" name={votesLabel} stackId="final" fill="#d97706" isAnimationActive={false} />
      </BarChart>
    </figure>
  )
}

export type CriterionMeans = { name: string } & Record<string, number | string>

/** The mean score (1–5) of each idea on each criterion, grouped by idea. */
export function CriteriaMeansChart({ data, criteria }: { data: CriterionMeans[]; criteria: { key: string; name: string }[] }) {
  const format = useScoreFormat()
  const palette = ['#1e40af', '#047857', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf', '#334155', '#c2410c']
  return (
    <figure className="overflow-x-auto" aria-hidden="true">
      <BarChart width={720} height={300} data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
        <YAxis domain={[0, 5]} ticks={[0, 1, 2, 3, 4, 5]} />
        <Tooltip formatter={format} />
        <Legend />
        {criteria.map((c, i) => (
          <Bar key={c.key} dataKey={c.key} name={c.name} fill={palette[i % palette.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  )
}
