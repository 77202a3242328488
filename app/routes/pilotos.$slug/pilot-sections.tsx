import { Fragment } from 'react'
import { Form, Link } from '@remix-run/react'
import type { SerializeFrom } from '@remix-run/node'
import { useT } from '#app/i18n/use-t.ts'
import { KpiChart } from '#app/components/pilots/pilot-ui.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { FactBox, FactList, KeyFacts } from '#app/components/ui/fact-box.tsx'
import { type Language } from '#app/domain/vocabulary.ts'
import type { PilotJson } from '#app/services/pilots/pilots.server.ts'
import { formatCurrencyGTQ, formatDate, formatNumber } from '#app/utils/format.ts'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { PersonName } from '#app/components/ui/person-name.tsx'

/** The pilot as the page's loader sends it. */
export type PilotData = SerializeFrom<PilotJson>
type Props = { pilot: PilotData; lang: Language }

/** A calendar day (YYYY-MM-DD) shown in the reader's language; noon UTC keeps it the same day in Guatemala. */
export const day = (value: string, lang: Language) => formatDate(new Date(`${value}T12:00:00Z`), lang)

/** The milestones, each with its state; a reporter can complete or reopen one. */
export function PilotMilestones({ pilot, lang, canReport }: Props & { canReport: boolean }) {
  const { t } = useT()
  return (
    <section aria-labelledby="milestones-title" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
      <h2 id="milestones-title" className="text-xl font-semibold">
        {t('pilots.page.milestones')}
      </h2>
      {pilot.milestones.length === 0 ? <p>{t('pilots.page.noMilestones')}</p> : null}
      <ol className="space-y-3" data-testid="milestones">
        {pilot.milestones.map((m) => (
          <li key={m.id} id={`milestone-${m.id}`} className={`border-l-4 pl-3 ${m.completedAt ? 'border-emerald-700' : m.overdue ? 'border-red-700' : 'border-slate-300'}`}>
            <p className="font-semibold">{m.title}</p>
            {m.description ? <p className="text-sm text-slate-700">{m.description}</p> : null}
            <p className="text-sm">
              {t('pilots.page.milestoneWeight', { weight: m.weight })} · {t('pilots.page.milestoneDue', { date: day(m.dueDate, lang) })} ·{' '}
              <strong className={m.completedAt ? 'text-emerald-800' : m.overdue ? 'text-red-800' : ''}>
                {m.completedAt ? t('pilots.page.milestoneDone', { date: formatDate(m.completedAt, lang) }) : m.overdue ? t('pilots.page.milestoneOverdue') : t('pilots.page.milestonePending')}
              </strong>
            </p>
            {canReport ? (
              <Form method="post" className="mt-1">
                <input type="hidden" name="intent" value="milestone-done" />
                <input type="hidden" name="milestoneId" value={m.id} />
                <input type="hidden" name="done" value={m.completedAt ? 'false' : 'true'} />
                <Button type="submit" variant="secondary" className="px-2 py-1 text-sm">
                  {m.completedAt ? t('pilots.manage.reopen', { title: m.title }) : t('pilots.manage.complete', { title: m.title })}
                </Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

/** Each indicator against its baseline, target and declared range, with its measurements as a chart and a table; a reporter can correct or withdraw one. */
export function PilotKpis({ pilot, lang, canReport, errorsFor, valuesFor }: Props & { canReport: boolean } & RowForms) {
  const { t } = useT()
  return (
    <section aria-labelledby="kpis-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
      <h2 id="kpis-title" className="text-xl font-semibold">
        {t('pilots.page.kpis')}
      </h2>
      {pilot.kpis.length === 0 ? <p>{t('pilots.page.noKpis')}</p> : null}
      {pilot.kpis.map((k) => {
        const latest = k.measurements.at(-1)
        const range = rangeText(t, k, lang)
        return (
          <div key={k.id} className="space-y-2 border-t border-slate-200 pt-4 first-of-type:border-0" data-testid="kpi">
            <h3 className="font-semibold">{k.name}</h3>
            <p className="text-sm">
              {t('pilots.page.kpiBaseline', { value: formatNumber(k.baseline, lang), unit: k.unit })} · {t('pilots.page.kpiTarget', { value: formatNumber(k.target, lang), unit: k.unit })}
              {range ? ` · ${range}` : null}
            </p>
            <p className="text-sm">
              {latest ? t('pilots.page.kpiLatest', { value: formatNumber(latest.value, lang), unit: k.unit, date: day(latest.measuredOn, lang) }) : t('pilots.page.kpiNoMeasurements')}
            </p>
            {k.measurements.length ? (
              <>
                <KpiChart measurements={k.measurements} target={k.target} baseline={k.baseline} valueLabel={k.name} targetLabel={t('pilots.page.target')} unit={k.unit} />
                <DataTable
                  density="compact"
                  caption={t('pilots.page.measurements', { name: k.name })}
                  rows={k.measurements}
                  rowKey={(m) => m.id}
                  columns={[
                    { key: 'measuredOn', header: t('pilots.page.measuredOn'), cell: (m) => <time dateTime={m.measuredOn} id={`measurement-${m.id}`}>{day(m.measuredOn, lang)}</time> },
                    { key: 'value', header: t('pilots.page.value'), numeric: true, cell: (m) => `${formatNumber(m.value, lang)} ${k.unit}` },
                    { key: 'note', header: t('pilots.page.note'), cell: (m) => (m.correctedAt ? [m.note, t('pilots.page.corrected', { date: formatDate(m.correctedAt, lang) })].filter(Boolean).join(' · ') : m.note) },
                  ]}
                />
              </>
            ) : null}
            <WithdrawnMeasurements kpi={k} lang={lang} />
            {canReport && k.measurements.length ? (
              <div className="space-y-1" data-testid="measurement-corrections">
                {k.measurements.map((m) => (
                  <MeasurementCorrection key={m.id} kpi={k} m={m} lang={lang} errorsFor={errorsFor} valuesFor={valuesFor} />
                ))}
              </div>
            ) : null}
          </div>
        )
      })}
    </section>
  )
}

type Kpi = PilotData['kpis'][number]
export type RowForms = {
  /** The field errors and sent values of the reply for this intent and measurement (empty otherwise). */
  errorsFor: (intent: string, target?: string) => Record<string, string[]>
  valuesFor: (intent: string, target?: string) => Record<string, string>
}

/** The declared range of an indicator in words («Entre 0 y 100 %», «0 minutos o más»), or null when it has none. */
export function rangeText(t: (key: string, values?: Record<string, unknown>) => string, k: Pick<Kpi, 'minValue' | 'maxValue' | 'unit'>, lang: Language) {
  const min = k.minValue === null ? null : formatNumber(k.minValue, lang)
  const max = k.maxValue === null ? null : formatNumber(k.maxValue, lang)
  if (min !== null && max !== null) return t('pilots.page.kpiRangeBetween', { min, max, unit: k.unit })
  if (min !== null) return t('pilots.page.kpiRangeMin', { min, unit: k.unit })
  if (max !== null) return t('pilots.page.kpiRangeMax', { max, unit: k.unit })
  return null
}

/**
 * A reporter's correction of one measurement, without JavaScript: a disclosure with two forms,
 * correct (new day, value, note and a reason) or withdraw (a reason). Both are audited.
 */
export function MeasurementCorrection({ kpi, m, lang, errorsFor, valuesFor }: { kpi: Kpi; m: Kpi['measurements'][number]; lang: Language } & RowForms) {
  const { t } = useT()
  const correct = errorsFor('measurement-correct', m.id)
  const withdraw = errorsFor('measurement-withdraw', m.id)
  const sent = valuesFor('measurement-correct', m.id)
  const open = Object.keys(correct).length > 0 || Object.keys(withdraw).length > 0
  const what = t('pilots.manage.measurementWhat', { value: formatNumber(m.value, lang), unit: kpi.unit, date: day(m.measuredOn, lang) })
  return (
    <details open={open} className="text-sm">
      <summary className="cursor-pointer text-brand-800 underline">{t('pilots.manage.correctSummary', { what })}</summary>
      <div className="mt-2 space-y-4">
        <Form method="post" className="space-y-2" noValidate aria-label={t('pilots.manage.correctTitle', { what })}>
          <input type="hidden" name="intent" value="measurement-correct" />
          <input type="hidden" name="measurementId" value={m.id} />
          <FormErrors errors={correct.form} />
          <Field label={t('pilots.manage.measuredOn')} name="measuredOn" type="date" required defaultValue={sent.measuredOn ?? m.measuredOn} errors={correct.measuredOn} />
          <Field label={t('pilots.manage.value')} hint={rangeText(t, kpi, lang) ?? undefined} name="value" inputMode="decimal" required defaultValue={sent.value ?? String(m.value)} errors={correct.value} />
          <Field label={t('pilots.manage.note')} name="note" defaultValue={sent.note ?? m.note} errors={correct.note} />
          <Field label={t('pilots.manage.correctReason')} name="reason" required defaultValue={sent.reason} errors={correct.reason} />
          <Button type="submit" variant="secondary">
            {t('pilots.manage.correct')}
          </Button>
        </Form>
        <Form method="post" className="space-y-2" noValidate aria-label={t('pilots.manage.withdrawTitle', { what })}>
          <input type="hidden" name="intent" value="measurement-withdraw" />
          <input type="hidden" name="measurementId" value={m.id} />
          <FormErrors errors={withdraw.form} />
          <Field label={t('pilots.manage.withdrawReason')} name="reason" required defaultValue={valuesFor('measurement-withdraw', m.id).reason} errors={withdraw.reason} />
          <Button type="submit" variant="secondary">
            {t('pilots.manage.withdraw')}
          </Button>
        </Form>
      </div>
    </details>
  )
}

/** Withdrawn measurements stay in the record: struck through, with when and why. */
export function WithdrawnMeasurements({ kpi, lang }: { kpi: Kpi; lang: Language }) {
  const { t } = useT()
  if (!kpi.withdrawn.length) return null
  return (
    <div className="text-sm text-slate-700">
      <p className="font-medium">{t('pilots.page.withdrawnTitle')}</p>
      <ul className="list-disc pl-5" data-testid="withdrawn-measurements">
        {kpi.withdrawn.map((w) => (
          <li key={w.id} id={`measurement-${w.id}`}>
            <del>
              {formatNumber(w.value, lang)} {kpi.unit} · <time dateTime={w.measuredOn}>{day(w.measuredOn, lang)}</time>
            </del>{' '}
            {t('pilots.page.withdrawnOn', { date: formatDate(w.withdrawnAt, lang), reason: w.withdrawnReason })}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The timeline of updates, newest first. */
export function PilotUpdates({ pilot, lang }: Props) {
  const { t } = useT()
  return (
    <section aria-labelledby="updates-title" className="space-y-4">
      <h2 id="updates-title" className="text-2xl font-semibold text-brand-900">
        {t('pilots.page.updates')}
      </h2>
      {pilot.updates.length === 0 ? <p>{t('pilots.page.noUpdates')}</p> : null}
      <ol className="space-y-4" data-testid="updates">
        {pilot.updates.map((u) => (
          <li key={u.id} id={`update-${u.id}`} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
            <p className="flex items-center gap-2 text-sm text-slate-700">
              {u.author.deleted ? null : <Avatar name={u.author.name} size="sm" />}
              <span>
                <time dateTime={u.createdAt}>{formatDate(u.createdAt, lang, 'datetime')}</time> · {t('live.updates.by')} <PersonName person={u.author} />
              </span>
            </p>
            <p className="whitespace-pre-line">{u.body}</p>
            {u.progress !== null ? <p className="text-sm font-medium">{t('pilots.page.reportedProgress', { progress: u.progress })}</p> : null}
            {u.attachment ? (
              <p className="text-sm">
                <a href={u.attachment.url}>{t('pilots.page.attachment', { name: u.attachment.name })}</a>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

/** Budget, dates and institution written large; people, territory and where the pilot came from below (issue 11 §8). */
export function PilotDetails({ pilot, lang }: Props) {
  const { t } = useT()
  const territory = [pilot.territory.municipality, pilot.territory.department].filter(Boolean).join(', ')
  return (
    <FactBox id="details-title" title={t('pilots.page.details')}>
      <KeyFacts
        facts={[
          { label: t('pilots.page.budget'), value: formatCurrencyGTQ(pilot.budgetGtq, lang) },
          { label: t('pilots.page.institution'), value: pilot.institution.acronym, detail: pilot.institution.name },
          { label: t('pilots.page.dates'), value: t('pilots.page.datesRange', { start: day(pilot.startDate, lang), end: day(pilot.endDate, lang) }) },
        ]}
      />
      <FactList
        facts={[
          { label: t('pilots.page.leadOfficial'), value: <PersonName person={pilot.lead} />, testId: 'pilot-lead' },
          {
            label: t('pilots.page.team'),
            value: pilot.team.length
              ? pilot.team.map((m, i) => (
                  <Fragment key={m.id}>
                    {i > 0 ? ', ' : null}
                    <PersonName person={m} />
                  </Fragment>
                ))
              : t('pilots.page.noTeam'),
          },
          { label: t('pilots.page.territory'), value: territory || t('pilots.wholeCountry') },
          ...(pilot.challenge ? [{ label: t('pilots.page.challenge'), value: <Link to={`/retos/${pilot.challenge.slug}`}>{pilot.challenge.title}</Link> }] : []),
          {
            label: t('pilots.page.ideas'),
            value: (
              <ul className="list-disc pl-5">
                {pilot.ideas.map((i) => (
                  <li key={i.id}>
                    <Link to={`/ideas/${i.id}`}>{i.title}</Link>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </FactBox>
  )
}
