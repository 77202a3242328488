import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { RoleFields } from '#app/components/admin/role-fields.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { listInstitutions } from '#app/services/accounts/institutions.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { createUserSchema } from '#app/services/platform/schemas.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'

// As when a role changes: an official needs an institution, and only officials keep one.
const newAccountSchema = createUserSchema
  .refine((v) => v.role !== 'official' || v.institutionId !== null, { path: ['institutionId'], message: 'validation.officialNeedsInstitution' })
  .transform((v) => ({ ...v, institutionId: v.role === 'official' ? v.institutionId : null }))

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, 'manage:user')
  const t = getT(context.lang)
  const institutions = await listInstitutions()
  return {
    title: `${t('admin.createUserTitle')} · ${t('admin.title')} · Cocrea`,
    institutions: institutions.map((i) => ({ id: i.id, acronym: i.acronym, name: i.name })),
  }
}

/** POST /admin/usuarios/nueva — an admin creates an account with a role; then to that person's page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(context, request, 'manage:user')
  const formData = await request.formData()
  try {
    const parsed = parseForm(formData, newAccountSchema, 'create')
    if (!parsed.ok) return parsed.reply
    const created = await createUser(admin, parsed.value)
    return redirectWithFlash(`/admin/usuarios/${created.id}`, { key: 'admin.userCreated', values: { name: created.name } })
  } catch (error) {
    return replyWithDomainError(error, formData, 'create')
  }
}

export default function AdminNewUser() {
  const { t } = useT()
  const { institutions } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const errors = reply?.errors ?? {}
  return (
    <section aria-labelledby="create-user-title" className="max-w-2xl space-y-4">
      <Link to="/admin">{t('admin.backToUsers')}</Link>
      <div className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="create-user-title" className="text-xl font-semibold">
          {t('admin.createUserTitle')}
        </h2>
        <Form method="post" action="/admin/usuarios/nueva" className="mt-4 space-y-4" noValidate>
          <FormErrors errors={errors.form} values={reply?.messageValues} />
          <Field label={t('auth.name')} name="name" autoComplete="off" required defaultValue={reply?.values.name} errors={errors.name} />
          <Field label={t('auth.email')} name="email" type="email" autoComplete="off" required defaultValue={reply?.values.email} errors={errors.email} />
          <Field
            label={t('auth.password')}
            hint={t('auth.passwordHint')}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            errors={errors.password}
          />
          <RoleFields role={reply?.values.role ?? 'citizen'} institutionId={reply?.values.institutionId ?? ''} institutions={institutions} errors={errors} />
          <Button type="submit" disabled={busy}>
            {t('admin.createUser')}
          </Button>
        </Form>
      </div>
    </section>
  )
}
