import { Form, useNavigation } from '@remix-run/react'
import { useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { departmentNames, departments, isDepartment } from '#app/data/guatemala.ts'
import { sdgTargets } from '#app/data/sdg.ts'
import { serviceAreas } from '#app/data/service-areas.ts'

export const challengeDateFields = ['opensAt', 'cocreationAt', 'votingAt', 'evaluationAt', 'pilotingAt', 'closesAt'] as const

export type ChallengeFormValues = {
  title: string
  problem: string
  institutionId: string
  serviceArea: string
  department: string
  municipality: string
  sdgTargets: string[]
  votingMethod: string
  votingBudget: string
  votingMaxPerIdea: string
} & Record<(typeof challengeDateFields)[number], string>

export type ChallengeFormProps = {
  values: ChallengeFormValues
  errors: Record<string, string[]>
  institutions: { id: string; acronym: string; name: string }[]
  /** Officials propose for their own institution only: the choice is fixed. */
  fixedInstitution: boolean
  votingFrozen: boolean
  currentCover: string | null
  submitLabel: string
  cancelTo?: string
  lang: 'es' | 'en'
}

const noSubscription = () => () => {}

/** The create/edit form of a challenge: works without JavaScript (multipart post), every control labelled. */
export function ChallengeForm({ values, errors, institutions, fixedInstitution, votingFrozen, currentCover, submitLabel, cancelTo, lang }: ChallengeFormProps) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const [department, setDepartment] = useState(values.department)
  const [method, setMethod] = useState(values.votingMethod || 'support')
  // Before hydration every department's municipalities are offered (no script needed); afterwards only the chosen one's.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  const shownDepartments = hydrated ? (isDepartment(department) ? [department] : []) : departmentNames
  const fixed = fixedInstitution ? institutions.find((i) => i.id === values.institutionId) : undefined

  return (
    <Form method="post" encType="multipart/form-data" className="space-y-6" noValidate>
      <FormErrors errors={errors.form} />
      <Field label={t('challenges.form.title')} hint={t('challenges.form.titleHint')} name="title" required maxLength={160} defaultValue={values.title} errors={errors.title} />
      <TextAreaField
        label={t('challenges.form.problem')}
        hint={t('challenges.form.problemHint')}
        name="problem"
        required
        rows={10}
        defaultValue={values.problem}
        errors={errors.problem}
      />
      {fixed ? (
        <div>
          <input type="hidden" name="institutionId" value={fixed.id} />
          <p className="font-medium text-slate-900">{t('challenges.form.institution')}</p>
          <p className="text-slate-700">
            {fixed.acronym} — {fixed.name}
          </p>
          <p className="text-sm text-slate-600">{t('challenges.form.institutionFixed')}</p>
        </div>
      ) : (
        <SelectField label={t('challenges.form.institution')} name="institutionId" required defaultValue={values.institutionId} errors={errors.institutionId}>
          <option value="">{t('challenges.form.chooseInstitution')}</option>
          {institutions.map((i) => (
            <option key={i.id} value={i.id}>
              {i.acronym} — {i.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label={t('challenges.form.serviceArea')} name="serviceArea" required defaultValue={values.serviceArea} errors={errors.serviceArea}>
        <option value="">{t('challenges.form.chooseServiceArea')}</option>
        {serviceAreas.map((a) => (
          <option key={a} value={a}>
            {t(`challenges.serviceAreas.${a}`)}
          </option>
        ))}
      </SelectField>

      <fieldset className="space-y-4 rounded border border-slate-300 p-4">
        <legend className="px-1 font-semibold">{t('challenges.form.territory')}</legend>
        <SelectField label={t('challenges.form.department')} name="department" value={department} onChange={(e) => setDepartment(e.target.value)} errors={errors.department}>
          <option value="">{t('challenges.form.wholeCountry')}</option>
          {departmentNames.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </SelectField>
        <SelectField
          key={hydrated ? department : 'all'}
          label={t('challenges.form.municipality')}
          hint={t('challenges.form.municipalityHint')}
          name="municipality"
          defaultValue={values.department === department ? values.municipality : ''}
          errors={errors.municipality}
        >
          <option value="">{t('challenges.form.wholeDepartment')}</option>
          {shownDepartments.map((d) => (
            <optgroup key={d} label={d}>
              {departments[d].map((m) => (
                <option key={`${d}/${m}`} value={m}>
                  {m}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="space-y-2 rounded border border-slate-300 p-4" aria-describedby="sdg-hint">
        <legend className="px-1 font-semibold">{t('challenges.form.sdgTargets')}</legend>
        <p id="sdg-hint" className="text-sm text-slate-600">
          {t('challenges.form.sdgHint')}
        </p>
        {errors.sdgTargets ? (
          <p className="text-sm font-medium text-red-700" role="alert">
            {errors.sdgTargets.map((e) => t(e)).join(' ')}
          </p>
        ) : null}
        <div className="grid gap-1 sm:grid-cols-2">
          {sdgTargets.map((s) => (
            <div key={s.code} className="flex items-start gap-2">
              <input type="checkbox" id={`sdg-${s.code}`} name="sdgTargets" value={s.code} defaultChecked={values.sdgTargets.includes(s.code)} className="mt-1" />
              <label htmlFor={`sdg-${s.code}`}>
                <span className="font-medium">{s.code}</span> {s[lang]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded border border-slate-300 p-4" aria-describedby="dates-hint">
        <legend className="px-1 font-semibold">{t('challenges.form.dates')}</legend>
        <p id="dates-hint" className="text-sm text-slate-600">
          {t('challenges.form.datesHint')}
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          {challengeDateFields.map((f) => (
            <Field key={f} label={t(`challenges.dateLabels.${f}`)} name={f} type="datetime-local" defaultValue={values[f]} errors={errors[f]} />
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded border border-slate-300 p-4">
        <legend className="px-1 font-semibold">{t('challenges.form.voting')}</legend>
        {votingFrozen ? (
          <>
            <p className="text-slate-700">{t('challenges.form.votingFrozen')}</p>
            <input type="hidden" name="votingMethod" value={values.votingMethod} />
            <input type="hidden" name="votingBudget" value={values.votingBudget} />
            <input type="hidden" name="votingMaxPerIdea" value={values.votingMaxPerIdea} />
            <p className="text-sm">
              {t(`challenges.form.methods.${values.votingMethod === 'dots' ? 'dots' : 'support'}`)}
              {values.votingMethod === 'dots' ? ` · ${t('challenges.page.votingDots', { budget: values.votingBudget, max: values.votingMaxPerIdea })}` : ''}
            </p>
            {errors.votingMethod ? <FormErrors errors={errors.votingMethod} /> : null}
          </>
        ) : (
          <>
            <SelectField label={t('challenges.form.votingMethod')} name="votingMethod" value={method} onChange={(e) => setMethod(e.target.value)} errors={errors.votingMethod}>
              <option value="support">{t('challenges.form.methods.support')}</option>
              <option value="dots">{t('challenges.form.methods.dots')}</option>
            </SelectField>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t('challenges.form.votingBudget')}
                hint={t('challenges.form.votingBudgetHint')}
                name="votingBudget"
                type="number"
                min={1}
                max={100}
                defaultValue={values.votingBudget}
                errors={errors.votingBudget}
                disabled={hydrated && method !== 'dots'}
              />
              <Field
                label={t('challenges.form.votingMaxPerIdea')}
                hint={t('challenges.form.votingBudgetHint')}
                name="votingMaxPerIdea"
                type="number"
                min={1}
                max={100}
                defaultValue={values.votingMaxPerIdea}
                errors={errors.votingMaxPerIdea}
                disabled={hydrated && method !== 'dots'}
              />
            </div>
          </>
        )}
      </fieldset>

      <div className="space-y-2">
        {currentCover ? (
          <div className="space-y-2">
            <p className="font-medium">{t('challenges.form.currentCover')}</p>
            <img src={currentCover} alt="" className="max-h-40 rounded" />
            <div className="flex items-center gap-2">
              <input type="checkbox" id="removeCover" name="removeCover" value="1" />
              <label htmlFor="removeCover">{t('challenges.form.removeCover')}</label>
            </div>
          </div>
        ) : null}
        <Field label={t('challenges.form.coverImage')} hint={t('challenges.form.coverHint')} name="coverImage" type="file" accept="image/png,image/jpeg,image/webp" errors={errors.coverImage} />
      </div>

      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
        {cancelTo ? (
          <a href={cancelTo} className="font-semibold">
            {t('challenges.form.cancel')}
          </a>
        ) : null}
      </div>
    </Form>
  )
}
