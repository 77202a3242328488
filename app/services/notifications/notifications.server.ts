import { and, count, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm'
import { getI18n } from '#app/i18n/i18n.ts'
import { formatDate } from '#app/utils/format.ts'
import { getDb } from '#db/client.ts'
import { follows, notifications, users, type Language, type Notification, type TargetType } from '#db/schema.ts'
import { DomainError } from '../platform/errors.ts'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { publishLive, rooms } from './live.server.ts'
import { logLine, publicUrl, sendMail } from './mail.server.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor } from '../platform/types.ts'

export type NotificationInput = {
  /** e.g. comment.reply, idea.status, challenge.phase, idea.decision; the text comes from i18n `notifications.kinds.<kind>`. */
  kind: string
  payload: Record<string, string | number | null>
  /** A path on this site the notification leads to. */
  link: string
}

/** Stores one notification per person and pushes it live to their open pages; the e-mails follow, never holding the caller up. */
export async function notifyUsers(userIds: string[], input: NotificationInput) {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return []
  const rows = await getDb()
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, ...input })))
    .returning()
  for (const row of rows) publishLive(rooms.user(row.userId), LIVE_EVENTS.notification, row)
  queueNotificationEmails(rows)
  return rows
}

/** Notifies everyone who follows the target, except (usually) the person who caused it and anyone told otherwise. */
export async function notifyFollowers(target: { targetType: TargetType; targetId: string }, input: NotificationInput, { except = [] }: { except?: (string | null | undefined)[] } = {}) {
  const skip = except.filter((id): id is string => Boolean(id))
  const where = and(eq(follows.targetType, target.targetType), eq(follows.targetId, target.targetId), skip.length ? notInArray(follows.userId, skip) : undefined)
  const followers = await getDb().select({ userId: follows.userId }).from(follows).where(where)
  return notifyUsers(
    followers.map((f) => f.userId),
    input,
  )
}

/** Follows a target (idempotent): authors follow their ideas, people follow what interests them. */
export async function addFollow(userId: string, targetType: TargetType, targetId: string) {
  await getDb().insert(follows).values({ userId, targetType, targetId }).onConflictDoNothing()
}

export async function unreadCount(userId: string) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row.n
}

// ——— Reading ———

/** The text of a notification in the reader's language, built when it is read (never stored). */
export function notificationText(lang: Language, n: Pick<Notification, 'kind' | 'payload'>) {
  const i18n = getI18n(lang)
  const t = i18n.t
  const raw = (n.payload ?? {}) as Record<string, unknown>
  const values: Record<string, string> = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]))
  // Dates in the payload read as the tables write them (es-GT): a calendar day, or a moment in the lab's time zone.
  for (const [k, v] of Object.entries(values)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) values[k] = formatDate(new Date(`${v}T12:00:00Z`), lang)
    else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v))) values[k] = formatDate(v, lang, 'datetime')
  }
  if (values.phase) values.phase = t(`notifications.phases.${values.phase}`, { defaultValue: values.phase })
  if (values.status) values.status = t(`notifications.statuses.${values.status}`, { defaultValue: values.status })
  if (values.resolution) values.resolution = t(`notifications.resolutions.${values.resolution}`, { defaultValue: values.resolution })
  let key = `notifications.kinds.${n.kind}`
  if (n.kind === 'idea.status' && values.reason) key = 'notifications.kinds.idea.statusWithReason'
  if (!/^[a-z][\w.]*$/i.test(n.kind) || !i18n.exists(key) || typeof i18n.getResource(lang, 'translation', key) !== 'string') key = 'notifications.kinds.unknown'
  return t(key, values)
}

export const NOTIFICATIONS_PAGE_SIZE = 20

/** The person's notifications, newest first, a page at a time. A blocked person can still read theirs. */
export async function listNotifications(actor: Actor, { page = 1 }: { page?: number } = {}) {
  if (!actor) throw new DomainError('unauthenticated')
  const db = getDb()
  const where = eq(notifications.userId, actor.id)
  const [[totals], items] = await Promise.all([
    db
      .select({ total: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)::int` })
      .from(notifications)
      .where(where),
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * NOTIFICATIONS_PAGE_SIZE),
  ])
  return { items, page: Math.max(1, page), total: totals.total, unread: totals.unread, pages: Math.max(1, Math.ceil(totals.total / NOTIFICATIONS_PAGE_SIZE)) }
}

/** Marks one of the person's notifications (or all of them) read; tells their other open pages the new count. */
export async function markRead(actor: Actor, id: string | 'all') {
  const person = requirePermission(actor, 'read:notifications:own')
  const db = getDb()
  if (id !== 'all') {
    const [own] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, person.id)))
    if (!own) throw new DomainError('not_found')
  }
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, person.id), isNull(notifications.readAt), id === 'all' ? undefined : eq(notifications.id, id)))
    .returning({ id: notifications.id })
  const unread = await unreadCount(person.id)
  publishLive(rooms.user(person.id), LIVE_EVENTS.unread, { unread })
  return { marked: marked.length, unread }
}

// ——— E-mail ———

/** Subject and text of the e-mail for one notification, in the person's language, with an absolute link. */
export function notificationEmail(person: { email: string; name: string; language: Language }, n: Pick<Notification, 'kind' | 'payload' | 'link'>) {
  const t = getI18n(person.language).t
  const text = notificationText(person.language, n)
  const base = publicUrl()
  const url = /^https?:\/\//.test(n.link) ? n.link : `${base}${n.link.startsWith('/') ? '' : '/'}${n.link}`
  return {
    to: person.email,
    subject: t('notifications.email.subject', { text }),
    text: [t('notifications.email.greeting', { name: person.name }), '', text, '', t('notifications.email.link', { url }), '', '—', t('notifications.email.footer', { url: `${base}/notificaciones` })].join('\n'),
  }
}

/** After the notifications are stored: one e-mail each, sent in the background; a failure is logged, never thrown. */
function queueNotificationEmails(rows: Notification[]) {
  if (rows.length === 0) return
  setImmediate(() => {
    deliverNotificationEmails(rows).catch((err: unknown) => logLine('error', 'notification e-mails failed', { err: String(err) }))
  })
}

async function deliverNotificationEmails(rows: Notification[]) {
  const people = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, language: users.language })
    .from(users)
    .where(inArray(users.id, [...new Set(rows.map((r) => r.userId))]))
  const byId = new Map(people.map((p) => [p.id, p]))
  for (const row of rows) {
    const person = byId.get(row.userId)
    if (!person) continue
    try {
      await sendMail(notificationEmail(person, row))
    } catch (err) {
      logLine('error', 'notification e-mail failed', { notificationId: row.id, err: String(err) })
    }
  }
}
