import { Form, Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import type { ReportTargetType } from '#app/services/moderation/moderation-schemas.ts'

/** A reported idea or comment as the queue shows it. */
export type QueueRow = {
  key: string
  type: ReportTargetType
  reports: number
  reasons: string[]
  excerpt: string
  link: string
  hidden: boolean
  author: { id: string; name: string; blocked: boolean } | null
  lastReported: string
  lastReportedIso: string
}
export type HiddenRow = { key: string; type: ReportTargetType; excerpt: string; reason: string; authorName: string; at: string }
export type BlockedRow = { id: string; name: string; email: string; since: string }
/** The reply to the last form sent, when it was for this row (or the bulk form). */
export type RowReply = { errors: Record<string, string[] | undefined>; values: Record<string, string | undefined> } | undefined

/** One decision for every ticked item of the queue. */
export function BulkActions({ reply: bulkReply, canBlock, busy }: { reply: RowReply; canBlock: boolean; busy: boolean }) {
  const { t } = useT()
  return (
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
  )
}

/** One reported idea or comment: what was reported, by how many, and the moderator's decision. */
export function QueueEntry({ item, reply, canBlock, busy }: { item: QueueRow; reply: RowReply; canBlock: boolean; busy: boolean }) {
  const { t } = useT()
  const errors = reply?.errors ?? {}
  const checkboxId = `select-${item.key.replace(':', '-')}`
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm" data-testid="queue-item" data-target={item.key}>
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
}

/** What moderators hid, with the public reason, and a way back. */
export function HiddenList({ hidden, rowReply, busy }: { hidden: HiddenRow[]; rowReply: (key: string) => RowReply; busy: boolean }) {
  const { t } = useT()
  return (
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
  )
}

/** Blocked people, and unblocking them. */
export function BlockedList({ blocked, busy }: { blocked: BlockedRow[]; busy: boolean }) {
  const { t } = useT()
  return (
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
  )
}
