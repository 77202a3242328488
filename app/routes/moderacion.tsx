import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
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
  const { t } = useTranslation()
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
            <Form method="post" id="bulk-form" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4" noValidate>
              <input type="hidden" name="intent" value="bulk" />
              <h3 className="font-semibold">{t('moderation.bulk.title')}</h3>
              <p className="text-sm text-slate-700">{t('moderation.bulk.help')}</p>
              <FormErrors errors={[...(bulkReply?.errors.form ?? []), ...(bulkReply?.errors.targets ?? [])]} />
              <Field label={t('moderation.publicReason')} hint={t('moderation.publicReasonHint')} name="reason" maxLength={500} errors={bulkReply?.errors.reason} defaultValue={bulkReply?.values.reason} />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" name="bulkAction" value="hide" disabled={busy}>
                  {t('moderation.bulk.hide')}
                </Button>
                <Button type="submit" name="bulkAction" value="dismiss" variant="secondary" disabled={busy}>
                  {t('moderation.bulk.dismiss')}
                </Button>
                {canBlock ? (
                  <>
                    <Button type="submit" name="bulkAction" value="block" variant="secondary" disabled={busy}>
                      {t('moderation.bulk.block')}
                    </Button>
                    <Button type="submit" name="bulkAction" value="hide_block" disabled={busy}>
                      {t('moderation.bulk.hideBlock')}
                    </Button>
                  </>
                ) : null}
              </div>
            </Form>
            <ol className="space-y-4">
              {items.map((item) => {
                const reply = rowReply(item.key)
                const errors = reply?.errors ?? {}
                const checkboxId = `select-${item.key.replace(':', '-')}`
                return (
                  <li key={item.key} className="rounded-lg bg-white p-4 shadow-sm" data-testid="queue-item" data-target={item.key}>
                    <div className="flex flex-wrap items-start gap-3">
                      <input id={checkboxId} type="checkbox" name="targets" value={item.key} form="bulk-form" className="mt-1 h-5 w-5" />
                      <div className="min-w-0 flex-1 space-y-2">
                        <label htmlFor={checkboxId} className="block font-medium">
                          {t(item.type === 'idea' ? 'moderation.typeIdea' : 'moderation.typeComment')} · {t('moderation.reportCount', { count: item.reports })} ·{' '}
                          <time dateTime={item.lastReportedIso}>{item.lastReported}</time>
                          {item.hidden ? <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-sm">{t('moderation.alreadyHidden')}</span> : null}
                        </label>
                        <blockquote className="border-l-4 border-slate-300 pl-3 text-slate-900" data-testid="queue-excerpt">
                          {item.excerpt}
                        </blockquote>
                        <p className="text-sm text-slate-700">
                          {t('moderation.author')}: <strong>{item.author?.name ?? '—'}</strong>
                          {item.author?.blocked ? <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-red-800">{t('moderation.blockedBadge')}</span> : null}
                          {' · '}
                          <Link to={item.link}>{t('moderation.viewInPlace')}</Link>
                        </p>
                        <div className="text-sm">
                          <span className="font-medium">{t('moderation.reasons')}:</span>
                          <ul className="list-disc pl-6">
                            {item.reasons.map((r) => (
                              <li key={r}>{r}</li>
                            ))}
                          </ul>
                        </div>
                        <Form method="post" className="space-y-2 border-t border-slate-200 pt-3" noValidate>
                          <input type="hidden" name="target" value={item.key} />
                          <FormErrors errors={errors.form} />
                          <Field
                            label={t('moderation.publicReasonFor', { excerpt: item.excerpt.slice(0, 40) })}
                            hint={t('moderation.publicReasonHint')}
                            name="reason"
                            maxLength={500}
                            errors={errors.reason}
                            defaultValue={reply?.values.reason}
                          />
                          <div className="flex flex-wrap gap-2">
                            <Button type="submit" name="intent" value="hide" disabled={busy}>
                              {t('moderation.hide')}
                            </Button>
                            <Button type="submit" name="intent" value="dismiss" variant="secondary" disabled={busy}>
                              {t('moderation.dismiss')}
                            </Button>
                            {canBlock && item.author && !item.author.blocked ? (
                              <Button type="submit" name="intent" value="blockAuthor" variant="secondary" disabled={busy}>
                                {t('moderation.blockAuthor', { name: item.author.name })}
                              </Button>
                            ) : null}
                          </div>
                        </Form>
                      </div>
                    </div>
                  </li>
                )
              })}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="hidden-title" className="space-y-3">
        <h2 id="hidden-title" className="text-2xl font-semibold text-brand-900">
          {t('moderation.hiddenTitle')}
        </h2>
        {hidden.length === 0 ? (
          <p className="text-slate-700">{t('moderation.hiddenEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
            {hidden.map((h) => {
              const reply = rowReply(h.key)
              return (
                <li key={h.key} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="hidden-item" data-target={h.key}>
                  <div className="min-w-0 flex-1">
                    <p className="text-slate-900">
                      {t(h.type === 'idea' ? 'moderation.typeIdea' : 'moderation.typeComment')}: {h.excerpt}
                    </p>
                    <p className="text-sm text-slate-600">
                      {t('moderation.hiddenBecause', { reason: h.reason })} · {h.authorName} · {h.at}
                    </p>
                  </div>
                  <Form method="post" noValidate>
                    <input type="hidden" name="target" value={h.key} />
                    <FormErrors errors={reply?.errors.form} />
                    <Button type="submit" name="intent" value="restore" variant="secondary" disabled={busy}>
                      {t('moderation.restore')}
                    </Button>
                  </Form>
                </li>
              )
            })}
          </ul>
        )}
      </section>

      {canBlock ? (
        <section aria-labelledby="blocked-title" className="space-y-3">
          <h2 id="blocked-title" className="text-2xl font-semibold text-brand-900">
            {t('moderation.blockedTitle')}
          </h2>
          {blocked.length === 0 ? (
            <p className="text-slate-700">{t('moderation.blockedEmpty')}</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
              {blocked.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="blocked-person">
                  <p>
                    <strong>{b.name}</strong> <span className="text-slate-600">{b.email}</span> · {t('moderation.blockedSince', { date: b.since })}
                  </p>
                  <Form method="post" noValidate>
                    <input type="hidden" name="userId" value={b.id} />
                    <Button type="submit" name="intent" value="unblock" variant="secondary" disabled={busy}>
                      {t('moderation.unblock', { name: b.name })}
                    </Button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  )
}
