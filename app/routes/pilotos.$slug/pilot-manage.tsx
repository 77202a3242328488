import { Form } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { pilotStatuses, type Language } from '#app/domain/vocabulary.ts'
import { useResetOnSuccess } from '#app/utils/use-reset-on-success.ts'
import { rangeText, type PilotData } from './pilot-sections.tsx'

type Props = {
  pilot: PilotData
  /** The field errors and sent values of the form the last reply was for (empty for the others). */
  errorsFor: (intent: string) => Record<string, string[]>
  valuesFor: (intent: string) => Record<string, string>
  lang: Language
}

/** The reporter's forms: an update, a status change, a milestone, an indicator and a measurement. */
export function PilotManage({ pilot, errorsFor, valuesFor, lang }: Props) {
  const { t } = useT()
  // Each form empties after it succeeded (a refused one keeps what was typed, with the messages).
  const updateForm = useResetOnSuccess()
  const statusForm = useResetOnSuccess()
  const milestoneForm = useResetOnSuccess()
  const kpiForm = useResetOnSuccess()
  const measurementForm = useResetOnSuccess()
  return (
    <section aria-labelledby="manage-title" className="space-y-6 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="manage-title" className="text-xl font-semibold">
          {t('pilots.page.manage')}
        </h2>

        <Form method="post" encType="multipart/form-data" className="space-y-3" noValidate aria-labelledby="update-form-title" {...updateForm}>
          <h3 id="update-form-title" className="font-semibold">
            {t('pilots.manage.updateTitle')}
          </h3>
          <input type="hidden" name="intent" value="update" />
          <FormErrors errors={errorsFor('update').form} />
          <TextAreaField label={t('pilots.manage.body')} name="body" rows={4} required defaultValue={valuesFor('update').body} errors={errorsFor('update').body} />
          <Field label={t('pilots.manage.progress')} name="progress" type="number" min={0} max={100} defaultValue={valuesFor('update').progress} errors={errorsFor('update').progress} />
          <Field label={t('pilots.manage.attachment')} name="attachment" type="file" accept="image/png,image/jpeg,image/webp,application/pdf" errors={errorsFor('update').attachment} />
          <Button type="submit">{t('pilots.manage.postUpdate')}</Button>
        </Form>

        <Form method="post" className="space-y-3" noValidate aria-labelledby="status-form-title" {...statusForm}>
          <h3 id="status-form-title" className="font-semibold">
            {t('pilots.manage.statusTitle')}
          </h3>
          <input type="hidden" name="intent" value="status" />
          <FormErrors errors={errorsFor('status').form} />
          <SelectField label={t('pilots.manage.status')} name="status" defaultValue={valuesFor('status').status ?? pilotStatuses.find((s) => s !== pilot.status)} errors={errorsFor('status').status}>
            {pilotStatuses
              .filter((s) => s !== pilot.status)
              .map((s) => (
                <option key={s} value={s}>
                  {t(`pilots.statuses.${s}`)}
                </option>
              ))}
          </SelectField>
          <TextAreaField label={t('pilots.manage.reason')} hint={t('pilots.manage.reasonHint')} name="reason" rows={2} required defaultValue={valuesFor('status').reason} errors={errorsFor('status').reason} />
          <Button type="submit">{t('pilots.manage.changeStatus')}</Button>
        </Form>

        <Form method="post" className="space-y-3" noValidate aria-labelledby="milestone-form-title" {...milestoneForm}>
          <h3 id="milestone-form-title" className="font-semibold">
            {t('pilots.manage.milestoneTitle')}
          </h3>
          <input type="hidden" name="intent" value="milestone" />
          <FormErrors errors={errorsFor('milestone').form} />
          <Field label={t('pilots.manage.milestoneName')} name="title" required defaultValue={valuesFor('milestone').title} errors={errorsFor('milestone').title} />
          <TextAreaField label={t('pilots.manage.milestoneDescription')} name="description" rows={2} defaultValue={valuesFor('milestone').description} errors={errorsFor('milestone').description} />
          <Field label={t('pilots.manage.weight')} hint={t('pilots.manage.weightHint')} name="weight" type="number" min={1} max={100} required defaultValue={valuesFor('milestone').weight} errors={errorsFor('milestone').weight} />
          <Field label={t('pilots.manage.dueDate')} name="dueDate" type="date" required defaultValue={valuesFor('milestone').dueDate} errors={errorsFor('milestone').dueDate} />
          <Button type="submit">{t('pilots.manage.addMilestone')}</Button>
        </Form>

        <Form method="post" className="space-y-3" noValidate aria-labelledby="kpi-form-title" {...kpiForm}>
          <h3 id="kpi-form-title" className="font-semibold">
            {t('pilots.manage.kpiTitle')}
          </h3>
          <input type="hidden" name="intent" value="kpi" />
          <FormErrors errors={errorsFor('kpi').form} />
          <Field label={t('pilots.manage.kpiName')} name="name" required defaultValue={valuesFor('kpi').name} errors={errorsFor('kpi').name} />
          <Field label={t('pilots.manage.unit')} name="unit" required defaultValue={valuesFor('kpi').unit} errors={errorsFor('kpi').unit} />
          <Field label={t('pilots.manage.baseline')} name="baseline" inputMode="decimal" required defaultValue={valuesFor('kpi').baseline} errors={errorsFor('kpi').baseline} />
          <Field label={t('pilots.manage.target')} name="target" inputMode="decimal" required defaultValue={valuesFor('kpi').target} errors={errorsFor('kpi').target} />
          <Field label={t('pilots.manage.minValue')} hint={t('pilots.manage.minValueHint')} name="minValue" inputMode="decimal" defaultValue={valuesFor('kpi').minValue} errors={errorsFor('kpi').minValue} />
          <Field label={t('pilots.manage.maxValue')} hint={t('pilots.manage.maxValueHint')} name="maxValue" inputMode="decimal" defaultValue={valuesFor('kpi').maxValue} errors={errorsFor('kpi').maxValue} />
          <Button type="submit">{t('pilots.manage.addKpi')}</Button>
        </Form>

        {pilot.kpis.length ? (
          <Form method="post" className="space-y-3" noValidate aria-labelledby="measurement-form-title" {...measurementForm}>
            <h3 id="measurement-form-title" className="font-semibold">
              {t('pilots.manage.measurementTitle')}
            </h3>
            <input type="hidden" name="intent" value="measurement" />
            <FormErrors errors={errorsFor('measurement').form} />
            <SelectField label={t('pilots.manage.kpi')} name="kpiId" defaultValue={valuesFor('measurement').kpiId} errors={errorsFor('measurement').kpiId}>
              {pilot.kpis.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name} ({[k.unit, rangeText(t, k, lang)].filter(Boolean).join('; ')})
                </option>
              ))}
            </SelectField>
            <Field label={t('pilots.manage.measuredOn')} hint={t('pilots.manage.measuredOnHint')} name="measuredOn" type="date" required defaultValue={valuesFor('measurement').measuredOn} errors={errorsFor('measurement').measuredOn} />
            <Field label={t('pilots.manage.value')} name="value" inputMode="decimal" required defaultValue={valuesFor('measurement').value} errors={errorsFor('measurement').value} />
            <Field label={t('pilots.manage.note')} name="note" defaultValue={valuesFor('measurement').note} errors={errorsFor('measurement').note} />
            <Button type="submit">{t('pilots.manage.addMeasurement')}</Button>
          </Form>
        ) : null}
      </section>
  )
}
