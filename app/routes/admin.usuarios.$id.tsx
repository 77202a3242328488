import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { RoleFields } from '#app/components/admin/role-fields.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { listInstitutions } from '#app/services/accounts/institutions.server.ts'
import { getUserForAdmin } from '#app/services/accounts/user-directory.server.ts'
import { setUserRole } from '#app/services/accounts/users.server.ts'
import { describeAuditEntries } from '#app/services/platform/audit-entries.server.ts'
import { searchAudit } from '#app/services/platform/audit.server.ts'
import { userRoleSchema } from '#app/services/platform/schemas.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const HISTORY = 10

/** GET /admin/usuarios/:id — one person: their account, a form for role and institution, and the latest audit entries about them. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const admin = requireUserWithPermission(context, request, 'manage:user')
  const t = getT(context.lang)
  const person = await orErrorPage(getUserForAdmin(admin, params.id ?? ''))
  const [institutions, history] = await Promise.all([listInstitutions(), searchAudit(admin, { entity: 'user', entityId: person.id }, { pageSize: HISTORY })])
  return {
    title: `${person.name} · ${t('admin.usersTitle')} · ${t('admin.title')} · Cocrea`,
    isSelf: person.id === admin.id,
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      role: person.role,
      institutionId: person.institutionId,
      institutionAcronym: person.institutionAcronym,
      blocked: person.blockedAt !== null,
      since: formatDate(person.createdAt, context.lang),
      sinceIso: person.createdAt.toISOString(),
    },
    institutions: institutions.map((i) => ({ id: i.id, acronym: i.acronym, name: i.name })),
    history: await describeAuditEntries(history.entries, context.lang),
  }
}

/** POST /admin/usuarios/:id — role and institution; the service checks the permission, the institution and that an admin keeps their own role. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(context, request, 'manage:user')
  const formData = await request.formData()
  try {
    const person = await getUserForAdmin(admin, params.id ?? '')
    const parsed = parseForm(formData, userRoleSchema, 'role')
    if (!parsed.ok) return parsed.reply
    const updated = await setUserRole(admin, person.id, parsed.value)
    return redirectWithFlash(`/admin/usuarios/${updated.id}`, { key: 'admin.roleSaved', values: { name: updated.name } })
  } catch (error) {
    return replyWithDomainError(error, formData, 'role')
  }
}

export default function AdminEditUser() {
  const { t } = useT()
  const { person, isSelf, institutions, history } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const errors = reply?.errors ?? {}
  return (
    <section aria-labelledby="edit-user-title" className="max-w-3xl space-y-4">
      <Link to="/admin">{t('admin.backToUsers')}</Link>
      <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="edit-user-title" className="text-xl font-semibold text-brand-900">
          {t('admin.editUserTitle', { name: person.name })} {isSelf ? <span className="font-normal text-slate-600">{t('admin.you')}</span> : null}
        </h2>
        <dl aria-label={t('admin.userFacts')} className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-700">{t('admin.email')}</dt>
          <dd className="break-all">{person.email}</dd>
          <dt className="font-medium text-slate-700">{t('admin.role')}</dt>
          <dd>
            {t(`roles.${person.role}`)}
            {person.blocked ? <span className="ml-2 rounded bg-red-100 px-1 text-xs font-semibold text-red-800">{t('admin.blocked')}</span> : null}
          </dd>
          <dt className="font-medium text-slate-700">{t('admin.institution')}</dt>
          <dd>{person.institutionAcronym ?? t('admin.noInstitution')}</dd>
          <dt className="font-medium text-slate-700">{t('admin.since')}</dt>
          <dd>
            <time dateTime={person.sinceIso}>{person.since}</time>
          </dd>
        </dl>
        <Form method="post" action={`/admin/usuarios/${person.id}`} className="space-y-4 border-t border-slate-200 pt-4" noValidate>
          <FormErrors errors={errors.form} values={reply?.messageValues} />
          <RoleFields role={reply?.values.role ?? person.role} institutionId={reply?.values.institutionId ?? person.institutionId ?? ''} institutions={institutions} errors={errors} roleHint={isSelf ? t('admin.selfAdminHint') : undefined} />
          <Button type="submit" disabled={busy}>
            {t('admin.saveRole')}
          </Button>
        </Form>
      </div>
      {history.length > 0 ? (
        <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <h3 className="font-semibold text-slate-900">{t('admin.userHistory')}</h3>
          <ol className="space-y-2">
            {history.map((e) => (
              <li key={e.id} className="text-sm">
                <time dateTime={e.whenIso} className="text-slate-600">
                  {e.when}
                </time>{' '}
                · {e.actorName ?? t('admin.audit.systemActor')} · {e.actionText}
                {e.changes.length ? (
                  <ul className="ml-4 list-disc">
                    {e.changes.map((c) => (
                      <li key={c.field}>{t('admin.audit.changeLine', c)}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  )
}
