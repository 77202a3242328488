import { useState } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { departmentNames, departments, isDepartment } from '#app/data/guatemala.ts'
import { sdgTargets } from '#app/data/sdg.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

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

type Props = { values: ChallengeFormValues; errors: Record<string, string[]> }


/** Department and municipality. */
export function TerritoryFields({ values, errors }: Props) {
  const { t } = useT()
  const [department, setDepartment] = useState(values.department)
  // Before hydration every department's municipalities are offered (no script needed); afterwards only the chosen one's.
  const hydrated = useHydrated()
  const shownDepartments = hydrated ? (isDepartment(department) ? [department] : []) : departmentNames
  return (
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
  )
}

/** The Sustainable Development Goal targets the challenge serves. */
export function SdgFields({ values, errors, lang }: Props & { lang: 'es' | 'en' }) {
  const { t } = useT()
  return (
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
  )
}

/** When each phase starts. */
export function DateFields({ values, errors }: Props) {
  const { t } = useT()
  return (
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
  )
}

/** Support or dots, with the budget; fixed once anyone has voted. */
export function VotingFields({ values, errors, frozen: votingFrozen }: Props & { frozen: boolean }) {
  const { t } = useT()
  const [method, setMethod] = useState(values.votingMethod || 'support')
  const hydrated = useHydrated()
  return (
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
  )
}
