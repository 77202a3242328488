import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Pager } from '#app/components/admin/pager.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { roles } from '#app/domain/vocabulary.ts'
import { getT } from '#app/i18n/i18n.ts'
import { searchUsers, userSearchSchema, type UserSearch } from '#app/services/accounts/user-directory.server.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { formatDate } from '#app/utils/format.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** The query string of a search (empty parts and page 1 left out). */
function searchQuery({ q, role, page }: Partial<UserSearch>) {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (role) params.set('role', role)
  if (page && page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `?${query}` : ''
}

/** GET /admin?q=&role=&page= — people by name, a page at a time; each row leads to that person's edit page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = requireUserWithPermission(context, request, 'manage:user')
  const t = getT(context.lang)
  const params = new URL(request.url).searchParams
  const parsed = userSearchSchema.safeParse({ q: params.get('q') ?? '', role: params.get('role') ?? '', page: params.get('page') ?? '' })
  const search: UserSearch = parsed.success ? parsed.data : { q: '', page: 1 }
  const list = parsed.success ? await searchUsers(admin, search) : { users: [], total: 0, page: 1, pages: 1 }
  const body = {
    title: `${t('admin.usersTitle')} · ${t('admin.title')} · Cocrea`,
    currentUserId: admin.id,
    search: { q: params.get('q') ?? '', role: params.get('role') ?? '' },
    errors: parsed.success ? {} : fieldErrors(parsed.error),
    query: search,
    users: list.users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      blocked: u.blockedAt !== null,
      institutionAcronym: u.institutionAcronym,
      since: formatDate(u.createdAt, context.lang),
      sinceIso: u.createdAt.toISOString(),
    })),
    total: list.total,
    page: list.page,
    pages: list.pages,
  }
  return data(body, { status: parsed.success ? 200 : 400 })
}

export default function AdminUsers() {
  const { t } = useT()
  const { users, currentUserId, search, errors, query, total, page, pages } = useLoaderData<typeof loader>()
  const searching = Boolean(query.q || query.role)
  return (
    <section aria-labelledby="users-title" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="users-title" className="text-2xl font-semibold text-brand-900">
          {t('admin.usersTitle')}
        </h2>
        <Link to="/admin/usuarios/nueva" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800">
          {t('admin.createUserTitle')}
        </Link>
      </div>

      <Form method="get" action="/admin" role="search" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <div className="min-w-0 flex-1 basis-60">
          <Field label={t('admin.searchLabel')} name="q" type="search" defaultValue={search.q} maxLength={100} errors={errors.q} />
        </div>
        <div className="min-w-0 basis-48">
          <SelectField label={t('admin.searchRole')} name="role" defaultValue={search.role} errors={errors.role}>
            <option value="">{t('admin.anyRole')}</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit">{t('admin.search')}</Button>
        {searching ? <Link to="/admin">{t('admin.clearSearch')}</Link> : null}
      </Form>

      <p className="text-slate-700" data-testid="users-count">
        {query.q ? t('admin.usersFound', { count: total, q: query.q }) : t('admin.usersCount', { count: total })}
      </p>
      <DataTable
        variant="card"
        density="compact"
        caption={t('admin.usersTableCaption')}
        empty={t('admin.usersEmpty')}
        rows={users}
        rowKey={(u) => u.id}
        testId="users-table"
        columns={[
          {
            key: 'name',
            header: t('admin.name'),
            rowHeader: true,
            className: 'font-medium',
            cell: (u) => (
              <>
                <Link to={`/admin/usuarios/${u.id}`}>{u.name}</Link> {u.id === currentUserId ? <span className="font-normal text-slate-600">{t('admin.you')}</span> : null}
                {u.blocked ? <span className="ml-1 rounded bg-red-100 px-1 text-xs font-semibold text-red-800">{t('admin.blocked')}</span> : null}
              </>
            ),
          },
          { key: 'email', header: t('admin.email'), className: 'break-all', cell: (u) => u.email },
          { key: 'role', header: t('admin.role'), cell: (u) => t(`roles.${u.role}`) },
          { key: 'institution', header: t('admin.institution'), cell: (u) => u.institutionAcronym ?? t('admin.noInstitution') },
          { key: 'since', header: t('admin.since'), className: 'whitespace-nowrap', cell: (u) => <time dateTime={u.sinceIso}>{u.since}</time> },
          {
            key: 'edit',
            header: <span className="sr-only">{t('admin.actions')}</span>,
            cell: (u) => (
              <Link to={`/admin/usuarios/${u.id}`} aria-label={t('admin.editFor', { name: u.name })}>
                {t('admin.edit')}
              </Link>
            ),
          },
        ]}
      />
      <Pager page={page} pages={pages} href={(p) => `/admin${searchQuery({ ...query, page: p })}`} />
    </section>
  )
}
