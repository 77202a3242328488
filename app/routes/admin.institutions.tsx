import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { Field, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { createInstitution, listInstitutions, updateInstitution } from '#app/services/accounts/institutions.server.ts'
import { institutionSchema, type FieldErrors } from '#app/services/platform/schemas.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'

// The row's form also says which institution it edits.
const editInstitutionSchema = institutionSchema.extend({ institutionId: z.uuid({ error: 'validation.invalid' }) })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, 'manage:institution')
  const t = getT(context.lang)
  const institutions = await listInstitutions()
  return {
    title: `${t('admin.institutionsTitle')} · ${t('admin.title')} · Cocrea`,
    institutions: institutions.map((i) => ({ id: i.id, acronym: i.acronym, name: i.name, description: i.description, website: i.website })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(context, request, 'manage:institution')
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'create') {
    try {
      const parsed = parseForm(formData, institutionSchema, 'create')
      if (!parsed.ok) return parsed.reply
      const created = await createInstitution(admin, parsed.value)
      return redirectWithFlash('/admin/institutions', { key: 'admin.institutionCreated', values: { name: created.name } })
    } catch (error) {
      return replyWithDomainError(error, formData, 'create')
    }
  }
  if (intent === 'update') {
    const target = String(formData.get('institutionId') ?? '')
    try {
      const parsed = parseForm(formData, editInstitutionSchema, 'update', target)
      if (!parsed.ok) return parsed.reply
      const { institutionId, ...input } = parsed.value
      const updated = await updateInstitution(admin, institutionId, input)
      return redirectWithFlash('/admin/institutions', { key: 'admin.institutionSaved', values: { name: updated.name } })
    } catch (error) {
      return replyWithDomainError(error, formData, 'update', target)
    }
  }
  throw data({ code: 'validation' }, { status: 400 })
}

type InstitutionValues = { acronym?: string; name?: string; description?: string; website?: string | null }

/** The same four fields for adding and for editing. */
function InstitutionFields({ values, errors }: { values: InstitutionValues; errors: FieldErrors }) {
  const { t } = useT()
  return (
    <>
      <Field label={t('admin.acronym')} name="acronym" required maxLength={20} autoComplete="off" defaultValue={values.acronym} errors={errors.acronym} />
      <Field label={t('admin.institutionName')} name="name" required maxLength={200} autoComplete="off" defaultValue={values.name} errors={errors.name} />
      <TextAreaField label={t('admin.description')} name="description" rows={3} maxLength={2000} defaultValue={values.description} errors={errors.description} />
      <Field label={t('admin.website')} name="website" type="url" inputMode="url" autoComplete="url" defaultValue={values.website ?? ''} errors={errors.website} />
    </>
  )
}

export default function AdminInstitutions() {
  const { t } = useT()
  const { institutions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const created = actionData?.intent === 'create' ? actionData : undefined

  return (
    <div className="space-y-8">
      <section aria-labelledby="institutions-title" className="space-y-3">
        <h2 id="institutions-title" className="text-2xl font-semibold text-brand-900">
          {t('admin.institutionsTitle')}
        </h2>
        {institutions.length > 0 ? <p className="text-slate-700">{t('admin.institutionsCount', { count: institutions.length })}</p> : null}
        <DataTable
          variant="card"
          caption={t('admin.institutionsTableCaption')}
          empty={t('admin.institutionsEmpty')}
          rows={institutions}
          rowKey={(i) => i.id}
          rowClassName="align-top"
          columns={[
            { key: 'acronym', header: t('admin.acronym'), rowHeader: true, className: 'font-semibold', cell: (i) => i.acronym },
            {
              key: 'name',
              header: t('admin.institutionName'),
              cell: (i) => (
                <>
                  <p>{i.name}</p>
                  {i.description ? <p className="mt-1 text-slate-600">{i.description}</p> : null}
                </>
              ),
            },
            {
              key: 'website',
              header: t('admin.website'),
              className: 'break-all',
              cell: (i) => (i.website ? <a href={i.website}>{i.website}</a> : <span className="text-slate-600">{t('admin.noWebsite')}</span>),
            },
            {
              key: 'actions',
              header: t('admin.actions'),
              cell: (i) => {
                const reply = actionData?.intent === 'update' && actionData.target === i.id ? actionData : undefined
                const errors = reply?.errors ?? {}
                return (
                  // Open when its own submission came back with errors, so they are seen without JavaScript.
                  <details open={reply ? true : undefined} className="min-w-[18rem]">
                    <summary className="cursor-pointer font-medium text-brand-700">{t('admin.editInstitution', { name: i.acronym })}</summary>
                    <Form method="post" className="mt-3 space-y-3" noValidate>
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="institutionId" value={i.id} />
                      <FormErrors errors={errors.form} />
                      <InstitutionFields values={reply?.values ?? i} errors={errors} />
                      <Button type="submit" variant="secondary" disabled={busy}>
                        {t('admin.saveInstitution')}
                      </Button>
                    </Form>
                  </details>
                )
              },
            },
          ]}
        />
      </section>

      <section aria-labelledby="create-institution-title" className="max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        <h2 id="create-institution-title" className="text-xl font-semibold">
          {t('admin.createInstitutionTitle')}
        </h2>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={created?.errors.form} />
          <InstitutionFields values={created?.values ?? {}} errors={created?.errors ?? {}} />
          <Button type="submit" disabled={busy}>
            {t('admin.createInstitution')}
          </Button>
        </Form>
      </section>
    </div>
  )
}
