import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { listNotifications, markRead, notificationText } from '#app/services/notifications/notifications.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

const markSchema = z.object({ id: z.union([z.uuid(), z.literal('all')], { error: 'validation.invalid' }), redirectTo: z.string().optional() })
const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1)

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const page = pageSchema.parse(new URL(request.url).searchParams.get('page') ?? 1)
  const list = await listNotifications(user, { page })
  const lang = context.lang
  return {
    title: `${getT(lang)('notifications.title')} · Cocrea`,
    page: list.page,
    pages: list.pages,
    total: list.total,
    unread: list.unread,
    items: list.items.map((n) => ({
      id: n.id,
      text: notificationText(lang, n),
      link: n.link,
      read: !!n.readAt,
      when: formatDate(n.createdAt, lang, 'datetime'),
      whenIso: n.createdAt.toISOString(),
    })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  try {
    const parsed = parseForm(formData, markSchema, 'read')
    if (!parsed.ok) return parsed.reply
    await markRead(user, parsed.value.id)
    return redirectWithFlash(safeRedirect(parsed.value.redirectTo, '/notificaciones'), {
      key: parsed.value.id === 'all' ? 'notifications.markedAllRead' : 'notifications.markedRead',
    })
  } catch (error) {
    return replyWithDomainError(error, formData, 'read')
  }
}

export default function Notifications() {
  const { t } = useT()
  const { items, page, pages, unread } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const here = page > 1 ? `/notificaciones?page=${page}` : '/notificaciones'
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold text-brand-900">{t('notifications.title')}</h1>
          <p className="text-slate-700">{t('notifications.lead')}</p>
          <p className="text-sm font-medium text-slate-700" data-testid="unread-total">
            {t('notifications.unreadCount', { count: unread })}
          </p>
        </div>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="id" value="all" />
            <input type="hidden" name="redirectTo" value={here} />
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('notifications.markAllRead')}
            </Button>
          </Form>
        ) : null}
      </header>
      <FormErrors errors={actionData?.errors.form ?? actionData?.errors.id} />
      {items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-slate-700 shadow-sm">{t('notifications.empty')}</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 p-4 ${n.read ? '' : 'bg-brand-50'}`} data-testid="notification" data-read={n.read ? 'true' : 'false'}>
              <div className="min-w-0 flex-1 space-y-1">
                <p className={n.read ? 'text-slate-800' : 'font-semibold text-slate-900'}>
                  {n.read ? null : <span className="sr-only">{t('notifications.unread')}: </span>}
                  <Link to={n.link}>{n.text}</Link>
                </p>
                <p className="text-sm text-slate-600">
                  <time dateTime={n.whenIso}>{n.when}</time>
                </p>
              </div>
              {n.read ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <button type="submit" disabled={busy} className="rounded px-2 py-1 text-sm font-medium text-brand-800 underline hover:bg-brand-50" aria-label={t('notifications.markReadFor', { text: n.text })}>
                    {t('notifications.markRead')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <nav aria-label={t('notifications.pagination')} className="flex items-center justify-between gap-4">
          {page > 1 ? <Link to={page === 2 ? '/notificaciones' : `/notificaciones?page=${page - 1}`}>← {t('notifications.previous')}</Link> : <span />}
          <span className="text-sm text-slate-600">{t('notifications.pageOf', { page, pages })}</span>
          {page < pages ? <Link to={`/notificaciones?page=${page + 1}`}>{t('notifications.next')} →</Link> : <span />}
        </nav>
      ) : null}
    </div>
  )
}

