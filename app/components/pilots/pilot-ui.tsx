import { useT } from '#app/i18n/use-t.ts'
import { BarChart } from '#app/components/charts/bar-chart.tsx'
import { LineChart as KpiLine } from '#app/components/charts/line-chart.tsx'
import { isLanguage } from '#app/i18n/i18n.ts'
import { formatDate, formatNumber } from '#app/utils/format.ts'
import { type PilotStatus } from '#app/domain/vocabulary.ts'

const statusClasses: Record<PilotStatus, string> = {
  planned: 'border-slate-500 bg-slate-50 text-slate-800',
  active: 'border-emerald-700 bg-emerald-50 text-emerald-900',
  paused: 'border-amber-700 bg-amber-50 text-amber-900',
  completed: 'border-brand-700 bg-brand-50 text-brand-900',
  cancelled: 'border-red-700 bg-red-50 text-red-900',
}
export const statusColors: Record<PilotStatus, string> = { planned: '#64748b', active: '#047857', paused: '#b45309', completed: '#1e3a8a', cancelled: '#b91c1c' }

export function PilotStatusBadge({ status }: { status: PilotStatus }) {
  const { t } = useT()
  return (
    <span className={`inline-block rounded-full border px-3 py-0.5 text-sm font-semibold ${statusClasses[status]}`} data-testid="pilot-status">
      {t(`pilots.statuses.${status}`)}
    </span>
  )
}

export function ScheduleBadge({ schedule }: { schedule: 'onTime' | 'late' | null }) {
  const { t } = useT()
  if (!schedule) return null
  return (
    <span className={`inline-block rounded-full px-3 py-0.5 text-sm font-semibold ${schedule === 'late' ? 'bg-red-100 text-red-900' : 'bg-emerald-100 text-emerald-900'}`} data-testid="pilot-schedule">
      {t(`pilots.schedule.${schedule}`)}
    </span>
  )
}

/** A labelled progress bar; the number is in the text, not only in the bar. */
export function ProgressBar({ progress }: { progress: number }) {
  const { t } = useT()
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium" data-testid="pilot-progress">
        {t('pilots.progress', { progress })}
      </p>
      <div role="progressbar" aria-label={t('pilots.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} className="h-3 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${progress}%` }} />
      </div>
    </div>
  )
}

/*
 * Charts are SVG drawn on the server (app/components/charts): they read before JavaScript loads, scale to
 * the screen and carry a <title> and a <desc>; each sits next to a table with the same numbers.
 */

function useLang() {
  const { i18n } = useT()
  return isLanguage(i18n.language) ? i18n.language : 'es'
}

export function StatusChart({ data }: { data: { status: PilotStatus; label: string; count: number }[] }) {
  const { t } = useT()
  const lang = useLang()
  return (
    <BarChart
      testId="status-chart"
      title={t('charts.statusTitle')}
      integers
      format={(v) => formatNumber(v, lang)}
      series={data.map((d) => ({ key: d.status, label: d.label, color: statusColors[d.status] }))}
      rows={data.map((d) => ({ key: d.status, label: d.label, bars: [[{ series: d.status, value: d.count }]] }))}
    />
  )
}

export function InstitutionChart({ data, onTimeLabel, lateLabel }: { data: { name: string; onTime: number; late: number }[]; onTimeLabel: string; lateLabel: string }) {
  const { t } = useT()
  const lang = useLang()
  return (
    <BarChart
      testId="institution-chart"
      title={t('charts.institutionTitle')}
      integers
      format={(v) => formatNumber(v, lang)}
      series={[
        { key: 'onTime', label: onTimeLabel, color: '#047857' },
        { key: 'late', label: lateLabel, color: '#b91c1c' },
      ]}
      rows={data.map((d) => ({
        key: d.name,
        label: d.name,
        bars: [
          [
            { series: 'onTime', value: d.onTime },
            { series: 'late', value: d.late },
          ],
        ],
      }))}
    />
  )
}

/** A KPI's dated measurements as a line, against its target and baseline; dates as the tables write them. */
export function KpiChart({ measurements, target, baseline, valueLabel, targetLabel, unit = '' }: { measurements: { measuredOn: string; value: number }[]; target: number; baseline: number; valueLabel: string; targetLabel: string; unit?: string }) {
  const { t } = useT()
  const lang = useLang()
  const format = (v: number) => formatNumber(v, lang)
  const formatDay = (d: string) => formatDate(new Date(`${d}T12:00:00Z`), lang)
  const withUnit = (v: number) => `${format(v)}${unit ? ` ${unit}` : ''}`
  const sorted = [...measurements].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn))
  const first = sorted[0]
  const last = sorted.at(-1)
  return (
    <KpiLine
      testId="kpi-chart"
      title={t('charts.kpiTitle', { name: valueLabel })}
      seriesLabel={valueLabel}
      points={sorted.map((m) => ({ day: m.measuredOn, value: m.value }))}
      references={[
        { key: 'target', label: targetLabel, value: target, color: '#b45309' },
        { key: 'baseline', label: t('charts.baseline'), value: baseline, color: '#64748b' },
      ]}
      format={format}
      formatDay={formatDay}
      description={
        first && last
          ? t('charts.kpiSummary', { count: sorted.length, first: withUnit(first.value), firstDay: formatDay(first.measuredOn), last: withUnit(last.value), lastDay: formatDay(last.measuredOn), target: withUnit(target), baseline: withUnit(baseline) })
          : ''
      }
    />
  )
}
