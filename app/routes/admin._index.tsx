import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { listInstitutions } from '#app/services/accounts/institutions.server.ts'
import { createUserSchema, userRoleSchema } from '#app/services/platform/schemas.ts'
import { createUser, listUsers, setUserRole } from '#app/services/accounts/users.server.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { roles } from '#app/domain/vocabulary.ts'

// The row's form also says whose role it changes.
const roleFormSchema = userRoleSchema.extend({ userId: z.uuid({ error: 'validation.invalid' }) })
// As when a role changes: an official needs an institution, and only officials keep one.
const newAccountSchema = createUserSchema
  .refine((v) => v.role !== 'official' || v.institutionId !== null, { path: ['institutionId'], message: 'validation.officialNeedsInstitution' })
  .transform((v) => ({ ...v, institutionId: v.role === 'official' ? v.institutionId : null }))

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requireUserWithPermission(context, request, 'manage:user')
  const t = getT(context.lang)
  const [people, institutions] = await Promise.all([listUsers(admin), listInstitutions()])
  return {
    title: `${t('admin.usersTitle')} · ${t('admin.title')} · Cocrea`,
    currentUserId: admin.id,
    users: people.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      institutionId: u.institutionId,
      institutionAcronym: u.institutionAcronym,
      since: formatDate(u.createdAt, context.lang),
      sinceIso: u.createdAt.toISOString(),
    })),
    institutions: institutions.map((i) => ({ id: i.id, acronym: i.acronym, name: i.name })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(context, request, 'manage:user')
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'role') {
    const target = String(formData.get('userId') ?? '')
    try {
      const parsed = parseForm(formData, roleFormSchema, 'role', target)
      if (!parsed.ok) return parsed.reply
      const { userId, ...input } = parsed.value
      const updated = await setUserRole(admin, userId, input)
      return redirectWithFlash('/admin', { key: 'admin.roleSaved', values: { name: updated.name } })
    } catch (error) {
      return replyWithDomainError(error, formData, 'role', target)
    }
  }
  if (intent === 'create') {
    try {
      const parsed = parseForm(formData, newAccountSchema, 'create')
      if (!parsed.ok) return parsed.reply
      const created = await createUser(admin, parsed.value)
      return redirectWithFlash('/admin', { key: 'admin.userCreated', values: { name: created.name } })
    } catch (error) {
      return replyWithDomainError(error, formData, 'create')
    }
  }
  throw data({ code: 'validation' }, { status: 400 })
}

export default function AdminUsers() {
  const { t } = useTranslation()
  const { users, institutions, currentUserId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const created = actionData?.intent === 'create' ? actionData : undefined
  const createErrors = created?.errors ?? {}
  const institutionOptions = (
    <>
      <option value="">{t('admin.noInstitutionOption')}</option>
      {institutions.map((i) => (
        <option key={i.id} value={i.id}>
          {i.acronym} — {i.name}
        </option>
      ))}
    </>
  )
  const roleOptions = roles.map((role) => (
    <option key={role} value={role}>
      {t(`roles.${role}`)}
    </option>
  ))

  return (
    <div className="space-y-8">
      <section aria-labelledby="users-title" className="space-y-3">
        <h2 id="users-title" className="text-2xl font-semibold text-brand-900">
          {t('admin.usersTitle')}
        </h2>
        <p className="text-slate-700">{t('admin.usersCount', { count: users.length })}</p>
        <DataTable
          variant="card"
          caption={t('admin.usersTableCaption')}
          rows={users}
          rowKey={(u) => u.id}
          rowClassName="align-top"
          columns={[
            {
              key: 'name',
              header: t('admin.name'),
              rowHeader: true,
              className: 'font-medium',
              cell: (u) => (
                <>
                  {u.name} {u.id === currentUserId ? <span className="font-normal text-slate-600">{t('admin.you')}</span> : null}
                </>
              ),
            },
            { key: 'email', header: t('admin.email'), className: 'break-all', cell: (u) => u.email },
            { key: 'role', header: t('admin.role'), cell: (u) => t(`roles.${u.role}`) },
            { key: 'institution', header: t('admin.institution'), cell: (u) => u.institutionAcronym ?? t('admin.noInstitution') },
            { key: 'since', header: t('admin.since'), className: 'whitespace-nowrap', cell: (u) => <time dateTime={u.sinceIso}>{u.since}</time> },
            {
              key: 'actions',
              header: t('admin.actions'),
              cell: (u) => {
                const reply = actionData?.intent === 'role' && actionData.target === u.id ? actionData : undefined
                const errors = reply?.errors ?? {}
                return (
                  <Form method="post" className="flex min-w-[18rem] flex-col gap-2" noValidate>
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={u.id} />
                    <FormErrors errors={errors.form} />
                    <SelectField label={t('admin.roleFor', { name: u.name })} name="role" defaultValue={reply?.values.role ?? u.role} errors={errors.role}>
                      {roleOptions}
                    </SelectField>
                    <SelectField
                      label={t('admin.institutionFor', { name: u.name })}
                      name="institutionId"
                      defaultValue={reply?.values.institutionId ?? u.institutionId ?? ''}
                      errors={errors.institutionId}
                    >
                      {institutionOptions}
                    </SelectField>
                    <Button type="submit" variant="secondary" disabled={busy} className="self-start">
                      {t('admin.saveRole')}
                    </Button>
                  </Form>
                )
              },
            },
          ]}
        />
      </section>

      <section aria-labelledby="create-user-title" className="max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        <h2 id="create-user-title" className="text-xl font-semibold">
          {t('admin.createUserTitle')}
        </h2>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={createErrors.form} values={created?.messageValues} />
          <Field label={t('auth.name')} name="name" autoComplete="off" required defaultValue={created?.values.name} errors={createErrors.name} />
          <Field label={t('auth.email')} name="email" type="email" autoComplete="off" required defaultValue={created?.values.email} errors={createErrors.email} />
          <Field
            label={t('auth.password')}
            hint={t('auth.passwordHint')}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            errors={createErrors.password}
          />
          <SelectField label={t('admin.role')} name="role" defaultValue={created?.values.role ?? 'citizen'} errors={createErrors.role}>
            {roleOptions}
          </SelectField>
          <SelectField
            label={t('admin.institution')}
            hint={t('admin.institutionHint')}
            name="institutionId"
            defaultValue={created?.values.institutionId ?? ''}
            errors={createErrors.institutionId}
          >
            {institutionOptions}
          </SelectField>
          <Button type="submit" disabled={busy}>
            {t('admin.createUser')}
          </Button>
        </Form>
      </section>
    </div>
  )
}
