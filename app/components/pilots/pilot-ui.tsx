import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
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
  const { t } = useTranslation()
  return (
    <span className={`inline-block rounded-full border px-3 py-0.5 text-sm font-semibold ${statusClasses[status]}`} data-testid="pilot-status">
      {t(`pilots.statuses.${status}`)}
    </span>
  )
}

export function ScheduleBadge({ schedule }: { schedule: 'onTime' | 'late' | null }) {
  const { t } = useTranslation()
  if (!schedule) return null
  return (
    <span className={`inline-block rounded-full px-3 py-0.5 text-sm font-semibold ${schedule === 'late' ? 'bg-red-100 text-red-900' : 'bg-emerald-100 text-emerald-900'}`} data-testid="pilot-schedule">
      {t(`pilots.schedule.${schedule}`)}
    </span>
  )
}

/** A labelled progress bar; the number is in the text, not only in the bar. */
export function ProgressBar({ progress }: { progress: number }) {
  const { t } = useTranslation()
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
 * Charts (recharts) are drawn at a fixed size, so they need no measuring. Recharts 3 draws them
 * in the browser once the page is running; each chart sits next to a table with the same data
 * for readers without JavaScript and for screen readers (the chart itself is aria-hidden).
 */

export function StatusChart({ data }: { data: { status: PilotStatus; label: string; count: number }[] }) {
  return (
    <div aria-hidden="true" className="overflow-x-auto" data-testid="status-chart">
      <BarChart width={420} height={220} data={data} margin={{ top: 10, right: 10, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Bar dataKey="count" isAnimationActive={false} fill="#1e3a8a" />
      </BarChart>
    </div>
  )
}

export function InstitutionChart({ data, onTimeLabel, lateLabel }: { data: { name: string; onTime: number; late: number }[]; onTimeLabel: string; lateLabel: string }) {
  return (
    <div aria-hidden="true" className="overflow-x-auto" data-testid="institution-chart">
      <BarChart width={420} height={220} data={data} margin={{ top: 10, right: 10, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" />
        <YAxis allowDecimals={false} />
        <Legend />
        <Bar dataKey="onTime" name={onTimeLabel} stackId="s" isAnimationActive={false} fill="#047857" />
        <Bar dataKey="late" name={lateLabel} stackId="s" isAnimationActive={false} fill="#b91c1c" />
      </BarChart>
    </div>
  )
}

/** A KPI's dated measurements as a line, against its target (and baseline) as reference lines. */
export function KpiChart({ measurements, target, baseline, valueLabel, targetLabel }: { measurements: { measuredOn: string; value: number }[]; target: number; baseline: number; valueLabel: string; targetLabel: string }) {
  const values = [...measurements.map((m) => m.value), target, baseline]
  const min = Math.min(...values)
  const max = Math.max(...values)
  const pad = (max - min) * 0.1 || 1
  return (
    <div aria-hidden="true" className="overflow-x-auto" data-testid="kpi-chart">
      <LineChart width={460} height={220} data={measurements} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="measuredOn" />
        <YAxis domain={[Math.floor(min - pad), Math.ceil(max + pad)]} />
        <Tooltip />
        <ReferenceLine y={target} stroke="#b45309" strokeDasharray="6 3" label={targetLabel} />
        <ReferenceLine y={baseline} stroke="#64748b" strokeDasharray="2 2" />
        <Line dataKey="value" name={valueLabel} stroke="#1e3a8a" strokeWidth={2} isAnimationActive={false} />
      </LineChart>
    </div>
  )
}
