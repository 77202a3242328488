import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { type Db, getDb } from '#db/client.ts'
import { auditLog, challenges, comments, ideaAuthors, ideas, reports, users, type IdeaStatus } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { boardUserChanged } from '../boards/board-documents.server.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { notifyUsers, type NotificationInput } from '../notifications/notifications.server.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { safeText, fieldErrors } from '../platform/schemas.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'

/**
 * Moderation: people report comments and ideas; facilitators work through the queue, hide
 * with a public reason, restore, dismiss reports and block people. Every decision is one
 * transaction with its audit record and the resolution of the target's open reports; the
 * authors are told afterwards.
 */

export const reportTargetTypes = ['comment', 'idea'] as const
export type ReportTargetType = (typeof reportTargetTypes)[number]
export type ModerationTarget = { type: ReportTargetType; id: string }

const reason = safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(500, 'validation.tooLong')

export const reportSchema = z.object({
  targetType: z.enum(reportTargetTypes, { error: 'validation.invalid' }),
  targetId: z.uuid({ error: 'validation.invalid' }),
  reason,
})
export const publicReasonSchema = reason

/** `comment:<uuid>` / `idea:<uuid>`: how a target travels in a form. */
export const targetKeySchema = z
  .string()
  .regex(/^(comment|idea):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid')
  .transform((s): ModerationTarget => {
    const [type, id] = s.split(':')
    return { type: type as ReportTargetType, id }
  })
export const targetKey = (t: ModerationTarget) => `${t.type}:${t.id}`

/** Parses with a schema; a failure is a `validation` refusal with field messages (as forms and the API show them). */
function valid<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fields = fieldErrors(result.error)
  throw new DomainError('validation', 'errors.validation', { fields: field ? { [field]: Object.values(fields).flat() } : fields })
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
type Notice = { userIds: string[]; input: NotificationInput }

const EXCERPT = 280

/** Plain text from Markdown or HTML, shortened: what a moderator needs to judge, never markup. */
export function excerpt(text: string, max = EXCERPT) {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_~#>|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain
}

// ——— Targets ———

type LoadedTarget = {
  target: ModerationTarget
  authorIds: string[]
  /** Where the content is shown. */
  link: string
  title: string
  body: string
  hidden: boolean
}

async function commentLink(db: Pick<Db, 'select'>, c: { id: string; targetType: string; targetId: string }) {
  if (c.targetType === 'idea') return `/ideas/${c.targetId}#comment-${c.id}`
  if (c.targetType === 'challenge') {
    const [ch] = await db.select({ slug: challenges.slug }).from(challenges).where(eq(challenges.id, c.targetId))
    return ch ? `/retos/${ch.slug}#comment-${c.id}` : '/'
  }
  if (c.targetType === 'pilot') return `/pilotos/${c.targetId}#comment-${c.id}`
  return '/'
}

async function loadTarget(db: Pick<Db, 'select'>, target: ModerationTarget, { lock = false } = {}): Promise<LoadedTarget> {
  if (target.type === 'comment') {
    const q = db.select().from(comments).where(eq(comments.id, target.id))
    const [c] = lock ? await q.for('update') : await q
    if (!c || c.deletedAt) throw new DomainError('not_found')
    return { target, authorIds: [c.authorId], link: await commentLink(db, c), title: '', body: c.body, hidden: !!c.hiddenAt }
  }
  const q = db.select().from(ideas).where(eq(ideas.id, target.id))
  const [i] = lock ? await q.for('update') : await q
  if (!i) throw new DomainError('not_found')
  const coAuthors = await db
    .select({ userId: ideaAuthors.userId })
    .from(ideaAuthors)
    .where(and(eq(ideaAuthors.ideaId, i.id), isNotNull(ideaAuthors.acceptedAt)))
  return { target, authorIds: [...new Set([i.createdBy, ...coAuthors.map((a) => a.userId)])], link: `/ideas/${i.id}`, title: i.title, body: i.description, hidden: i.status === 'hidden' }
}

async function resolveReports(tx: Tx, actor: SessionUser, target: ModerationTarget, resolution: 'hidden' | 'restored' | 'dismissed') {
  const resolved = await tx
    .update(reports)
    .set({ resolvedAt: new Date(), resolvedBy: actor.id, resolution })
    .where(and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), isNull(reports.resolvedAt)))
    .returning({ id: reports.id })
  return resolved.length
}

// ——— Reporting ———

/** What a person may report: content they can see (not hidden, not deleted, not in a draft). Otherwise `not_found`. */
export async function reportable(actor: SessionUser | null | undefined, target: ModerationTarget) {
  const db = getDb()
  const loaded = await loadTarget(db, target)
  if (loaded.hidden) throw new DomainError('not_found')
  if (target.type === 'idea') {
    const [row] = await db
      .select({ status: ideas.status, challenge: challenges })
      .from(ideas)
      .innerJoin(challenges, eq(ideas.challengeId, challenges.id))
      .where(eq(ideas.id, target.id))
    const visible = ['published', 'shortlisted', 'selected', 'not_selected', 'merged'].includes(row.status) && canSeeChallenge(actor, row.challenge)
    if (!visible) throw new DomainError('not_found')
  }
  return { target, title: loaded.title, excerpt: excerpt(loaded.title ? `${loaded.title}. ${loaded.body}` : loaded.body), link: loaded.link }
}

/**
 * A person reports a comment or an idea. One open report per person and target: reporting
 * again while it is open changes nothing; after it was resolved, reporting again reopens it.
 */
export async function report(actor: SessionUser | null | undefined, input: { targetType: ReportTargetType; targetId: string; reason: string }) {
  const person = requirePermission(actor, 'report:content')
  const parsed = valid(reportSchema, input)
  const target = { type: parsed.targetType, id: parsed.targetId }
  const db = getDb()
  await reportable(person, target)
  const [reopenedOrNew] = await db
    .insert(reports)
    .values({ targetType: target.type, targetId: target.id, reporterId: person.id, reason: parsed.reason })
    .onConflictDoUpdate({
      target: [reports.targetType, reports.targetId, reports.reporterId],
      set: { reason: parsed.reason, resolvedAt: null, resolvedBy: null, resolution: null, createdAt: new Date() },
      setWhere: isNotNull(reports.resolvedAt),
    })
    .returning()
  if (reopenedOrNew) return { report: reopenedOrNew, created: true }
  const [existing] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), eq(reports.reporterId, person.id)))
  return { report: existing, created: false }
}

// ——— The queue ———

export type QueueItem = {
  target: ModerationTarget
  key: string
  reports: number
  lastReportedAt: Date
  reasons: string[]
  excerpt: string
  title: string
  link: string
  hidden: boolean
  author: { id: string; name: string; blocked: boolean } | null
}

/** Open reports grouped by target, the most recently reported first, with what was reported and who wrote it. */
export async function queue(actor: SessionUser | null | undefined, { limit = 100 }: { limit?: number } = {}): Promise<QueueItem[]> {
  requirePermission(actor, 'moderate')
  const db = getDb()
  const open = await db
    .select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, createdAt: reports.createdAt })
    .from(reports)
    .where(isNull(reports.resolvedAt))
    .orderBy(desc(reports.createdAt))
    .limit(5000)
  const groups = new Map<string, { target: ModerationTarget; reports: number; lastReportedAt: Date; reasons: string[] }>()
  for (const r of open) {
    if (r.targetType !== 'comment' && r.targetType !== 'idea') continue
    const target = { type: r.targetType, id: r.targetId }
    const key = targetKey(target)
    const group = groups.get(key)
    if (!group) groups.set(key, { target, reports: 1, lastReportedAt: r.createdAt, reasons: [r.reason] })
    else {
      group.reports++
      if (group.reasons.length < 5 && !group.reasons.includes(r.reason)) group.reasons.push(r.reason)
    }
  }
  const selected = [...groups.values()].slice(0, limit)
  const commentIds = selected.filter((g) => g.target.type === 'comment').map((g) => g.target.id)
  const ideaIds = selected.filter((g) => g.target.type === 'idea').map((g) => g.target.id)
  const [commentRows, ideaRows] = await Promise.all([
    commentIds.length
      ? db
          .select({ comment: comments, authorName: users.name, authorBlockedAt: users.blockedAt })
          .from(comments)
          .innerJoin(users, eq(comments.authorId, users.id))
          .where(inArray(comments.id, commentIds))
      : [],
    ideaIds.length
      ? db
          .select({ idea: ideas, authorName: users.name, authorBlockedAt: users.blockedAt })
          .from(ideas)
          .innerJoin(users, eq(ideas.createdBy, users.id))
          .where(inArray(ideas.id, ideaIds))
      : [],
  ])
  const commentsById = new Map(commentRows.map((r) => [r.comment.id, r]))
  const ideasById = new Map(ideaRows.map((r) => [r.idea.id, r]))
  const items: QueueItem[] = []
  for (const g of selected) {
    const key = targetKey(g.target)
    if (g.target.type === 'comment') {
      const row = commentsById.get(g.target.id)
      if (!row) continue
      items.push({
        ...g,
        key,
        title: '',
        excerpt: excerpt(row.comment.body),
        link: await commentLink(db, row.comment),
        hidden: !!row.comment.hiddenAt,
        author: { id: row.comment.authorId, name: row.authorName, blocked: !!row.authorBlockedAt },
      })
    } else {
      const row = ideasById.get(g.target.id)
      if (!row) continue
      items.push({
        ...g,
        key,
        title: row.idea.title,
        excerpt: excerpt(`${row.idea.title}. ${row.idea.description}`),
        link: `/ideas/${row.idea.id}`,
        hidden: row.idea.status === 'hidden',
        author: { id: row.idea.createdBy, name: row.authorName, blocked: !!row.authorBlockedAt },
      })
    }
  }
  return items
}

/** Recently hidden comments and ideas, for restoring a mistake. */
export async function listHidden(actor: SessionUser | null | undefined, { limit = 50 }: { limit?: number } = {}) {
  requirePermission(actor, 'moderate')
  const db = getDb()
  const [hiddenComments, hiddenIdeas] = await Promise.all([
    db
      .select({ id: comments.id, body: comments.body, reason: comments.hiddenReason, at: comments.hiddenAt, authorName: users.name })
      .from(comments)
      .innerJoin(users, eq(comments.authorId, users.id))
      .where(and(isNotNull(comments.hiddenAt), isNull(comments.deletedAt)))
      .orderBy(desc(comments.hiddenAt))
      .limit(limit),
    db
      .select({ id: ideas.id, title: ideas.title, reason: ideas.statusReason, at: ideas.updatedAt, authorName: users.name })
      .from(ideas)
      .innerJoin(users, eq(ideas.createdBy, users.id))
      .where(eq(ideas.status, 'hidden'))
      .orderBy(desc(ideas.updatedAt))
      .limit(limit),
  ])
  return [
    ...hiddenComments.map((c) => ({ target: { type: 'comment' as const, id: c.id }, excerpt: excerpt(c.body, 140), reason: c.reason ?? '', at: c.at!, authorName: c.authorName })),
    ...hiddenIdeas.map((i) => ({ target: { type: 'idea' as const, id: i.id }, excerpt: excerpt(i.title, 140), reason: i.reason ?? '', at: i.at, authorName: i.authorName })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit)
}

export async function listBlocked(actor: SessionUser | null | undefined) {
  requirePermission(actor, 'block:user')
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, blockedAt: users.blockedAt })
    .from(users)
    .where(isNotNull(users.blockedAt))
    .orderBy(desc(users.blockedAt))
}

// ——— Decisions (each inside the caller's transaction) ———

async function hideInTx(tx: Tx, actor: SessionUser, target: ModerationTarget, publicReason: string): Promise<Notice | null> {
  const loaded = await loadTarget(tx, target, { lock: true })
  const now = new Date()
  if (target.type === 'comment') {
    const [before] = await tx.select({ hiddenAt: comments.hiddenAt, hiddenReason: comments.hiddenReason }).from(comments).where(eq(comments.id, target.id))
    await tx.update(comments).set({ hiddenAt: before.hiddenAt ?? now, hiddenReason: publicReason }).where(eq(comments.id, target.id))
    const reportsResolved = await resolveReports(tx, actor, target, 'hidden')
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'comment.hide',
      entityType: 'comment',
      entityId: target.id,
      before,
      after: { hiddenAt: (before.hiddenAt ?? now).toISOString(), hiddenReason: publicReason, reportsResolved },
    })
  } else {
    const [before] = await tx.select({ status: ideas.status, statusReason: ideas.statusReason }).from(ideas).where(eq(ideas.id, target.id))
    await tx.update(ideas).set({ status: 'hidden', statusReason: publicReason, updatedAt: now }).where(eq(ideas.id, target.id))
    const reportsResolved = await resolveReports(tx, actor, target, 'hidden')
    // `before` is what restore() puts back: the status (and public reason) the idea had before it was hidden.
    await recordAudit(tx, { actorId: actor.id, action: 'idea.hide', entityType: 'idea', entityId: target.id, before, after: { status: 'hidden', statusReason: publicReason, reportsResolved } })
  }
  if (loaded.hidden) return null
  return { userIds: loaded.authorIds, input: { kind: 'moderation.hidden', payload: { reason: publicReason, type: target.type, title: loaded.title }, link: loaded.link } }
}

/** The status an idea had before it was hidden, from the audit record of the hiding (skipping re-hides). */
async function statusBeforeHiding(tx: Tx, ideaId: string): Promise<{ status: IdeaStatus; statusReason: string | null }> {
  const hides = await tx
    .select({ before: auditLog.before })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'idea'), eq(auditLog.entityId, ideaId), eq(auditLog.action, 'idea.hide')))
    .orderBy(desc(auditLog.id))
  for (const h of hides) {
    const before = h.before as { status?: IdeaStatus; statusReason?: string | null } | null
    if (before?.status && before.status !== 'hidden') return { status: before.status, statusReason: before.statusReason ?? null }
  }
  return { status: 'published', statusReason: null }
}

async function restoreInTx(tx: Tx, actor: SessionUser, target: ModerationTarget): Promise<Notice> {
  const loaded = await loadTarget(tx, target, { lock: true })
  if (!loaded.hidden) throw new DomainError('conflict', 'moderation.notHidden')
  if (target.type === 'comment') {
    const [before] = await tx.select({ hiddenAt: comments.hiddenAt, hiddenReason: comments.hiddenReason }).from(comments).where(eq(comments.id, target.id))
    await tx.update(comments).set({ hiddenAt: null, hiddenReason: null }).where(eq(comments.id, target.id))
    const reportsResolved = await resolveReports(tx, actor, target, 'restored')
    await recordAudit(tx, { actorId: actor.id, action: 'comment.restore', entityType: 'comment', entityId: target.id, before, after: { hiddenAt: null, hiddenReason: null, reportsResolved } })
  } else {
    const [before] = await tx.select({ status: ideas.status, statusReason: ideas.statusReason }).from(ideas).where(eq(ideas.id, target.id))
    const previous = await statusBeforeHiding(tx, target.id)
    await tx.update(ideas).set({ status: previous.status, statusReason: previous.statusReason, updatedAt: new Date() }).where(eq(ideas.id, target.id))
    const reportsResolved = await resolveReports(tx, actor, target, 'restored')
    await recordAudit(tx, { actorId: actor.id, action: 'idea.restore', entityType: 'idea', entityId: target.id, before, after: { ...previous, reportsResolved } })
  }
  return { userIds: loaded.authorIds, input: { kind: 'moderation.restored', payload: { type: target.type, title: loaded.title }, link: loaded.link } }
}

async function dismissInTx(tx: Tx, actor: SessionUser, target: ModerationTarget) {
  const dismissed = await resolveReports(tx, actor, target, 'dismissed')
  if (dismissed > 0) {
    await recordAudit(tx, { actorId: actor.id, action: 'report.dismiss', entityType: target.type, entityId: target.id, before: { openReports: dismissed }, after: { openReports: 0, resolution: 'dismissed' } })
  }
  return dismissed
}

async function setBlockedInTx(tx: Tx, actor: SessionUser, userId: string, blocked: boolean, why?: string, { skipStaff = false } = {}) {
  if (userId === actor.id) throw new DomainError('conflict', 'moderation.cannotBlockSelf')
  const [before] = await tx.select({ id: users.id, role: users.role, blockedAt: users.blockedAt }).from(users).where(eq(users.id, userId)).for('update')
  if (!before) throw new DomainError('not_found')
  // The lab's own accounts are managed by an admin, not blocked from the queue.
  if (blocked && (before.role === 'admin' || (before.role === 'facilitator' && actor.role !== 'admin'))) {
    if (skipStaff) return false
    throw new DomainError('forbidden', 'moderation.cannotBlockStaff')
  }
  if (!!before.blockedAt === blocked) return false
  const blockedAt = blocked ? new Date() : null
  await tx.update(users).set({ blockedAt, updatedAt: new Date() }).where(eq(users.id, userId))
  await recordAudit(tx, {
    actorId: actor.id,
    action: blocked ? 'user.block' : 'user.unblock',
    entityType: 'user',
    entityId: userId,
    before: { blockedAt: before.blockedAt?.toISOString() ?? null },
    after: { blockedAt: blockedAt?.toISOString() ?? null, ...(why ? { reason: why } : {}) },
  })
  return true
}

async function sendNotices(notices: (Notice | null)[]) {
  for (const n of notices) if (n) await notifyUsers(n.userIds, n.input)
}

// ——— Decisions (public) ———

/** Hides a comment or an idea with a public reason ("Oculto por moderación: …"); its open reports are resolved. */
export async function hide(actor: SessionUser | null | undefined, target: ModerationTarget, publicReason: string) {
  const moderator = requirePermission(actor, 'moderate')
  const why = valid(publicReasonSchema, publicReason, 'reason')
  const notice = await getDb().transaction((tx) => hideInTx(tx, moderator, target, why))
  await sendNotices([notice])
}

/** Shows hidden content again (an idea gets back the status it had before). */
export async function restore(actor: SessionUser | null | undefined, target: ModerationTarget) {
  const moderator = requirePermission(actor, 'moderate')
  const notice = await getDb().transaction((tx) => restoreInTx(tx, moderator, target))
  await sendNotices([notice])
}

/** Closes the target's open reports without acting on the content. */
export async function dismiss(actor: SessionUser | null | undefined, target: ModerationTarget) {
  const moderator = requirePermission(actor, 'moderate')
  return getDb().transaction((tx) => dismissInTx(tx, moderator, target))
}

/** A blocked person can still read, but every mutation of theirs is refused (their sessions stay). */
export async function blockUser(actor: SessionUser | null | undefined, userId: string, why?: string) {
  const moderator = requirePermission(actor, 'block:user')
  const changed = await getDb().transaction((tx) => setBlockedInTx(tx, moderator, userId, true, why))
  // Boards they have open stop taking their edits at once, on every instance.
  if (changed) await boardUserChanged(userId)
  return changed
}

export async function unblockUser(actor: SessionUser | null | undefined, userId: string) {
  const moderator = requirePermission(actor, 'block:user')
  const changed = await getDb().transaction((tx) => setBlockedInTx(tx, moderator, userId, false))
  if (changed) await boardUserChanged(userId)
  return changed
}

export const bulkActions = ['hide', 'dismiss', 'block', 'hide_block'] as const
export type BulkAction = (typeof bulkActions)[number]

/**
 * For spam waves: hide many, dismiss many, or block the authors (or hide and block), in one
 * transaction — all or nothing, each target with its own audit record.
 */
export async function bulkModerate(actor: SessionUser | null | undefined, input: { action: BulkAction; targets: ModerationTarget[]; reason?: string }) {
  const moderator = requirePermission(actor, 'moderate')
  const hiding = input.action === 'hide' || input.action === 'hide_block'
  const blocking = input.action === 'block' || input.action === 'hide_block'
  if (blocking) requirePermission(moderator, 'block:user')
  const why = hiding ? valid(publicReasonSchema, input.reason, 'reason') : input.reason?.trim() || undefined
  const targets = [...new Map(input.targets.map((t) => [targetKey(t), t])).values()]
  if (targets.length === 0) throw new DomainError('validation', 'errors.validation', { fields: { targets: ['moderation.selectSome'] } })
  const result = await getDb().transaction(async (tx) => {
    const notices: (Notice | null)[] = []
    let dismissed = 0
    const authors = new Set<string>()
    for (const target of targets) {
      if (hiding) notices.push(await hideInTx(tx, moderator, target, why!))
      if (input.action === 'dismiss') dismissed += await dismissInTx(tx, moderator, target)
      if (blocking) {
        const loaded = await loadTarget(tx, target)
        // For an idea, the person who submitted it; co-authors are not blocked for someone else's spam.
        authors.add(loaded.authorIds[0])
      }
    }
    const blocked: string[] = []
    for (const userId of authors) {
      if (userId === moderator.id) continue
      if (await setBlockedInTx(tx, moderator, userId, true, why, { skipStaff: true })) blocked.push(userId)
    }
    return { notices, dismissed, blocked, count: targets.length }
  })
  for (const userId of result.blocked) await boardUserChanged(userId)
  await sendNotices(result.notices)
  return { count: result.count, dismissed: result.dismissed, blocked: result.blocked.length }
}
