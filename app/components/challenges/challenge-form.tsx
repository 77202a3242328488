import { Form, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { serviceAreas } from '#app/data/service-areas.ts'
import { DateFields, SdgFields, TerritoryFields, VotingFields, type ChallengeFormValues } from './challenge-form-fields.tsx'

export { type ChallengeFormValues }

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

/** The create/edit form of a challenge: works without JavaScript (multipart post), every control labelled. */
export function ChallengeForm({ values, errors, institutions, fixedInstitution, votingFrozen, currentCover, submitLabel, cancelTo, lang }: ChallengeFormProps) {
  const { t } = useT()
  const busy = useNavigation().state === 'submitting'
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

      <TerritoryFields values={values} errors={errors} />

      <SdgFields values={values} errors={errors} lang={lang} />

      <DateFields values={values} errors={errors} />

      <VotingFields values={values} errors={errors} frozen={votingFrozen} />

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
