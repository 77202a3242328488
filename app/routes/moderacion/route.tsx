import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { z } from 'zod'
import { getT } from '#app/i18n/i18n.ts'
import { blockUser, bulkActions, bulkModerate, dismiss, hide, restore, unblockUser } from '#app/services/moderation/decisions.server.ts'
import { targetKey, targetKeySchema } from '#app/services/moderation/moderation-schemas.ts'
import { listBlocked, listHidden, queue } from '#app/services/moderation/queue.server.ts'
import { can } from '#app/services/platform/permissions.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { parseForm, replyWithDomainError, type FormResult } from '#app/utils/forms.server.ts'
import { safeText } from '#app/services/platform/schemas.ts'
import { BlockedList, BulkActions, HiddenList, QueueEntry } from './moderation-parts.tsx'

const reasonField = safeText().trim().max(500, 'validation.tooLong').optional().default('')
const rowSchema = z.object({ target: targetKeySchema, reason: reasonField })
const hideSchema = z.object({ target: targetKeySchema, reason: safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(500, 'validation.tooLong') })
const userSchema = z.object({ userId: z.uuid({ error: 'validation.invalid' }) })
const bulkSchema = z.object({ bulkAction: z.enum(bulkActions, { error: 'validation.invalid' }), reason: reasonField })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const moderator = requireUserWithPermission(context, request, 'moderate')
  const canBlock = can(moderator, 'block:user')
  const [items, hidden, blocked] = await Promise.all([queue(moderator), listHidden(moderator), canBlock ? listBlocked(moderator) : []])
  const lang = context.lang
  return {
    title: `${getT(lang)('moderation.title')} · Cocrea`,
    canBlock,
    items: items.map((i) => ({
      key: i.key,
      type: i.target.type,
      reports: i.reports,
      reasons: i.reasons,
      excerpt: i.excerpt,
      link: i.link,
      hidden: i.hidden,
      author: i.author,
      lastReported: formatDate(i.lastReportedAt, lang, 'datetime'),
      lastReportedIso: i.lastReportedAt.toISOString(),
    })),
    hidden: hidden.map((h) => ({ key: targetKey(h.target), type: h.target.type, excerpt: h.excerpt, reason: h.reason, authorName: h.authorName, at: formatDate(h.at, lang, 'datetime') })),
    blocked: blocked.map((b) => ({ id: b.id, name: b.name, email: b.email, since: b.blockedAt ? formatDate(b.blockedAt, lang, 'datetime') : '' })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = requireUserWithPermission(context, request, 'moderate')
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const rowTarget = String(formData.get('target') ?? formData.get('userId') ?? '')
  try {
    if (intent === 'hide') {
      const parsed = parseForm(formData, hideSchema, intent, rowTarget)
      if (!parsed.ok) return parsed.reply
      await hide(moderator, parsed.value.target, parsed.value.reason)
      return redirectWithFlash('/moderacion', { key: 'moderation.done.hidden' })
    }
    if (intent === 'dismiss' || intent === 'restore' || intent === 'blockAuthor') {
      const parsed = parseForm(formData, rowSchema, intent, rowTarget)
      if (!parsed.ok) return parsed.reply
      if (intent === 'dismiss') {
        await dismiss(moderator, parsed.value.target)
        return redirectWithFlash('/moderacion', { key: 'moderation.done.dismissed' })
      }
      if (intent === 'restore') {
        await restore(moderator, parsed.value.target)
        return redirectWithFlash('/moderacion', { key: 'moderation.done.restored' })
      }
      const result = await bulkModerate(moderator, { action: 'block', targets: [parsed.value.target], reason: parsed.value.reason })
      return redirectWithFlash('/moderacion', { key: 'moderation.done.blocked', values: { count: result.blocked } })
    }
    if (intent === 'unblock' || intent === 'block') {
      const parsed = parseForm(formData, userSchema, intent, rowTarget)
      if (!parsed.ok) return parsed.reply
      if (intent === 'unblock') await unblockUser(moderator, parsed.value.userId)
      else await blockUser(moderator, parsed.value.userId)
      return redirectWithFlash('/moderacion', { key: intent === 'unblock' ? 'moderation.done.unblocked' : 'moderation.done.blocked', values: { count: 1 } })
    }
    if (intent === 'bulk') {
      const parsed = parseForm(formData, bulkSchema, intent)
      if (!parsed.ok) return parsed.reply
      const keys = z.array(targetKeySchema).safeParse(formData.getAll('targets'))
      if (!keys.success) return data<FormResult>({ errors: { targets: ['validation.invalid'] }, values: {}, intent }, { status: 400 })
      const result = await bulkModerate(moderator, { action: parsed.value.bulkAction, targets: keys.data, reason: parsed.value.reason })
      return redirectWithFlash('/moderacion', { key: 'moderation.done.bulk', values: { count: result.count, blocked: result.blocked } })
    }
  } catch (error) {
    return replyWithDomainError(error, formData, intent, rowTarget)
  }
  throw data({ code: 'validation' }, { status: 400 })
}

export default function Moderation() {
  const { t } = useT()
  const { items, hidden, blocked, canBlock } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const bulkReply = actionData?.intent === 'bulk' ? actionData : undefined
  const rowReply = (key: string) => (actionData && actionData.intent !== 'bulk' && 'target' in actionData && actionData.target === key ? actionData : undefined)

  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-900">{t('moderation.title')}</h1>
        <p className="text-slate-700">{t('moderation.lead')}</p>
      </header>

      <section aria-labelledby="queue-title" className="space-y-4">
        <h2 id="queue-title" className="text-2xl font-semibold text-brand-900">
          {t('moderation.queueTitle')} <span className="text-base font-normal text-slate-600">({t('moderation.queueCount', { count: items.length })})</span>
        </h2>
        {items.length === 0 ? (
          <p className="rounded-lg bg-white p-6 text-slate-700 shadow-sm">{t('moderation.queueEmpty')}</p>
        ) : (
          <>
            <BulkActions reply={bulkReply} canBlock={canBlock} busy={busy} />
            <ol className="space-y-4">
              {items.map((item) => (
                <QueueEntry key={item.key} item={item} reply={rowReply(item.key)} canBlock={canBlock} busy={busy} />
              ))}
            </ol>
          </>
        )}
      </section>

      <HiddenList hidden={hidden} rowReply={rowReply} busy={busy} />

      {canBlock ? <BlockedList blocked={blocked} busy={busy} /> : null}
    </div>
  )
}
