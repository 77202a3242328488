import { and, desc, eq } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { auditLog, comments, ideas, users, type IdeaStatus } from '#db/schema.ts'
import { boardUserChanged } from '../boards/board-documents.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor, type SessionUser, type Tx } from '../platform/types.ts'
import { publicReasonSchema, targetKey, type ModerationTarget } from './moderation-schemas.ts'
import { loadTarget, reportersNotice, resolveReports, sendNotices, valid, type Notice } from './targets.server.ts'

/**
 * Moderators' decisions: hide with a public reason, restore, dismiss reports, block people, and
 * all of these in bulk. Every decision is one transaction with its audit record and the
 * resolution of the target's open reports; the authors are told afterwards.
 */

// ——— Decisions (each inside the caller's transaction) ———

async function hideInTx(tx: Tx, actor: SessionUser, target: ModerationTarget, publicReason: string): Promise<(Notice | null)[]> {
  const loaded = await loadTarget(tx, target, { lock: true })
  const now = new Date()
  let reporters: string[]
  if (target.type === 'comment') {
    const [before] = await tx.select({ hiddenAt: comments.hiddenAt, hiddenReason: comments.hiddenReason }).from(comments).where(eq(comments.id, target.id))
    await tx.update(comments).set({ hiddenAt: before.hiddenAt ?? now, hiddenReason: publicReason }).where(eq(comments.id, target.id))
    reporters = await resolveReports(tx, actor, target, 'hidden')
    const reportsResolved = reporters.length
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
    reporters = await resolveReports(tx, actor, target, 'hidden')
    const reportsResolved = reporters.length
    // `before` is what restore() puts back: the status (and public reason) the idea had before it was hidden.
    await recordAudit(tx, { actorId: actor.id, action: 'idea.hide', entityType: 'idea', entityId: target.id, before, after: { status: 'hidden', statusReason: publicReason, reportsResolved } })
  }
  const toReporters = reportersNotice(reporters, 'hidden', loaded.link)
  if (loaded.hidden) return [toReporters]
  return [{ userIds: loaded.authorIds, input: { kind: 'moderation.hidden', payload: { reason: publicReason, type: target.type, title: loaded.title }, link: loaded.link } }, toReporters]
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

async function restoreInTx(tx: Tx, actor: SessionUser, target: ModerationTarget): Promise<(Notice | null)[]> {
  const loaded = await loadTarget(tx, target, { lock: true })
  if (!loaded.hidden) throw new DomainError('conflict', 'moderation.notHidden')
  let reporters: string[]
  if (target.type === 'comment') {
    const [before] = await tx.select({ hiddenAt: comments.hiddenAt, hiddenReason: comments.hiddenReason }).from(comments).where(eq(comments.id, target.id))
    await tx.update(comments).set({ hiddenAt: null, hiddenReason: null }).where(eq(comments.id, target.id))
    reporters = await resolveReports(tx, actor, target, 'restored')
    const reportsResolved = reporters.length
    await recordAudit(tx, { actorId: actor.id, action: 'comment.restore', entityType: 'comment', entityId: target.id, before, after: { hiddenAt: null, hiddenReason: null, reportsResolved } })
  } else {
    const [before] = await tx.select({ status: ideas.status, statusReason: ideas.statusReason }).from(ideas).where(eq(ideas.id, target.id))
    const previous = await statusBeforeHiding(tx, target.id)
    await tx.update(ideas).set({ status: previous.status, statusReason: previous.statusReason, updatedAt: new Date() }).where(eq(ideas.id, target.id))
    reporters = await resolveReports(tx, actor, target, 'restored')
    const reportsResolved = reporters.length
    await recordAudit(tx, { actorId: actor.id, action: 'idea.restore', entityType: 'idea', entityId: target.id, before, after: { ...previous, reportsResolved } })
  }
  return [
    { userIds: loaded.authorIds, input: { kind: 'moderation.restored', payload: { type: target.type, title: loaded.title }, link: loaded.link } },
    reportersNotice(reporters, 'restored', loaded.link),
  ]
}

/** Closes the reports and leaves the content as it is; the reporters and the authors are told. */
async function dismissInTx(tx: Tx, actor: SessionUser, target: ModerationTarget): Promise<{ dismissed: number; notices: (Notice | null)[] }> {
  const reporters = await resolveReports(tx, actor, target, 'dismissed')
  if (reporters.length === 0) return { dismissed: 0, notices: [] }
  await recordAudit(tx, { actorId: actor.id, action: 'report.dismiss', entityType: target.type, entityId: target.id, before: { openReports: reporters.length }, after: { openReports: 0, resolution: 'dismissed' } })
  const loaded = await loadTarget(tx, target)
  return {
    dismissed: reporters.length,
    notices: [
      reportersNotice(reporters, 'dismissed', loaded.link),
      { userIds: loaded.authorIds, input: { kind: 'moderation.reportDismissed', payload: { type: target.type, title: loaded.title }, link: loaded.link } },
    ],
  }
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

// ——— Decisions (public) ———

/** Hides a comment or an idea with a public reason ("Oculto por moderación: …"); its open reports are resolved. */
export async function hide(actor: Actor, target: ModerationTarget, publicReason: string) {
  const moderator = requirePermission(actor, 'moderate')
  const why = valid(publicReasonSchema, publicReason, 'reason')
  const notices = await getDb().transaction((tx) => hideInTx(tx, moderator, target, why))
  await sendNotices(notices)
}

/** Shows hidden content again (an idea gets back the status it had before). */
export async function restore(actor: Actor, target: ModerationTarget) {
  const moderator = requirePermission(actor, 'moderate')
  const notices = await getDb().transaction((tx) => restoreInTx(tx, moderator, target))
  await sendNotices(notices)
}

/** Closes the target's open reports without acting on the content. */
export async function dismiss(actor: Actor, target: ModerationTarget) {
  const moderator = requirePermission(actor, 'moderate')
  const { dismissed, notices } = await getDb().transaction((tx) => dismissInTx(tx, moderator, target))
  await sendNotices(notices)
  return dismissed
}

/** A blocked person can still read, but every mutation of theirs is refused (their sessions stay). */
export async function blockUser(actor: Actor, userId: string, why?: string) {
  const moderator = requirePermission(actor, 'block:user')
  const changed = await getDb().transaction((tx) => setBlockedInTx(tx, moderator, userId, true, why))
  // Boards they have open stop taking their edits at once, on every instance.
  if (changed) await boardUserChanged(userId)
  return changed
}

export async function unblockUser(actor: Actor, userId: string) {
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
export async function bulkModerate(actor: Actor, input: { action: BulkAction; targets: ModerationTarget[]; reason?: string }) {
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
      if (hiding) notices.push(...(await hideInTx(tx, moderator, target, why!)))
      if (input.action === 'dismiss') {
        const done = await dismissInTx(tx, moderator, target)
        dismissed += done.dismissed
        notices.push(...done.notices)
      }
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
