import { useT } from '#app/i18n/use-t.ts'
import { SelectField } from '#app/components/ui/field.tsx'
import { roles } from '#app/domain/vocabulary.ts'

type InstitutionOption = { id: string; acronym: string; name: string }

/** The role and institution a person has, as the admin sets them on creation and later (an official needs an institution). */
export function RoleFields({
  role,
  institutionId,
  institutions,
  errors,
  roleHint,
}: {
  role: string
  institutionId: string
  institutions: InstitutionOption[]
  errors: { role?: string[]; institutionId?: string[] }
  roleHint?: string
}) {
  const { t } = useT()
  return (
    <>
      <SelectField label={t('admin.role')} hint={roleHint} name="role" defaultValue={role} errors={errors.role}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('admin.institution')} hint={t('admin.institutionHint')} name="institutionId" defaultValue={institutionId} errors={errors.institutionId}>
        <option value="">{t('admin.noInstitutionOption')}</option>
        {institutions.map((i) => (
          <option key={i.id} value={i.id}>
            {i.acronym} — {i.name}
          </option>
        ))}
      </SelectField>
    </>
  )
}
