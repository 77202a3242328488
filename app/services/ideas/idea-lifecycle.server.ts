import { and, desc, eq, sql } from 'drizzle-orm'
import { getDb, type Db } from '#db/client.ts'
import { auditLog, ideaAuthors, ideas, type Challenge, type Idea, type IdeaStatus } from '#db/schema.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { acceptsIdeas } from '../challenges/phases.ts'
import { addFollow, notifyFollowers } from '../notifications/notifications.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor, type SessionUser, type Tx } from '../platform/types.ts'
import { type IdeaInput } from './idea-schemas.ts'
import { acceptedAuthors, isAcceptedAuthor, loadIdea, serializeIdea, type IdeaView } from './ideas.server.ts'

// An idea's life: submitted, edited by its authors, decided by the lab (published, shortlisted,
// selected or not, hidden) and restored; every step audited and its followers told.

const auditView = (i: Idea) => ({ title: i.title, description: i.description, expectedBenefit: i.expectedBenefit, status: i.status, statusReason: i.statusReason })

/**
 * A signed-in person submits an idea while the challenge accepts them. The lab publishes
 * immediately (status `published`); `submitted` is kept for a future pre-moderation mode.
 */
export async function submitIdea(actor: Actor, challenge: Challenge, input: IdeaInput): Promise<IdeaView> {
  const user = requirePermission(actor, 'create:idea')
  if (!canSeeChallenge(user, challenge)) throw new DomainError('not_found')
  if (!acceptsIdeas(challenge.phase)) throw new DomainError('outside_phase')
  const idea = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(ideas)
      .values({ challengeId: challenge.id, title: input.title, description: input.description, expectedBenefit: input.expectedBenefit ?? '', status: 'published', createdBy: user.id })
      .returning()
    await tx.insert(ideaAuthors).values({ ideaId: row.id, userId: user.id, acceptedAt: new Date() })
    await recordAudit(tx, { actorId: user.id, action: 'idea.create', entityType: 'idea', entityId: row.id, after: { ...auditView(row), challengeId: challenge.id } })
    return row
  })
  await addFollow(user.id, 'idea', idea.id)
  return serializeIdea(idea, [{ id: user.id, name: user.name }])
}

/** Authors edit their idea while the challenge still accepts ideas (and the idea is not decided, hidden or merged). */
export async function updateIdea(actor: Actor, id: string, input: IdeaInput): Promise<IdeaView> {
  const user = requirePermission(actor, 'update:idea:own')
  const { idea, challenge } = await loadIdea(user, id)
  if (!(await isAcceptedAuthor(idea.id, user.id))) throw new DomainError('forbidden')
  if (!acceptsIdeas(challenge.phase)) throw new DomainError('outside_phase')
  if (idea.status !== 'published' && idea.status !== 'submitted') throw new DomainError('conflict', 'ideas.errors.notEditable')
  const updated = await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(ideas).where(eq(ideas.id, id)).for('update')
    const [after] = await tx
      .update(ideas)
      .set({ title: input.title, description: input.description, expectedBenefit: input.expectedBenefit ?? '', updatedAt: new Date() })
      .where(eq(ideas.id, id))
      .returning()
    await recordAudit(tx, { actorId: user.id, action: 'idea.update', entityType: 'idea', entityId: id, before: auditView(before), after: auditView(after) })
    return after
  })
  return serializeIdea(updated, (await acceptedAuthors([id])).get(id) ?? [])
}

/** The decisions a facilitator may make from each status (hiding is moderation, possible from any status but merged). */
const transitions: Record<IdeaStatus, IdeaStatus[]> = {
  submitted: ['published', 'hidden'],
  published: ['shortlisted', 'hidden'],
  shortlisted: ['selected', 'not_selected', 'hidden'],
  selected: ['hidden'],
  not_selected: ['hidden'],
  merged: [],
  hidden: [],
}
/** A decision carries its public reason. */
export const reasonRequired = (status: IdeaStatus) => status === 'not_selected' || status === 'hidden' || status === 'merged' || status === 'selected'

export const allowedTransitions = (from: IdeaStatus) => transitions[from]

/** The status an idea had before it was hidden (from the audit log, the record of every status change). */
async function statusBeforeHiding(tx: Pick<Db, 'select'>, ideaId: string): Promise<IdeaStatus> {
  const [row] = await tx
    .select({ before: auditLog.before })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'idea'), eq(auditLog.entityId, ideaId), eq(auditLog.action, 'idea.status'), sql`${auditLog.after}->>'status' = 'hidden'`))
    .orderBy(desc(auditLog.id))
    .limit(1)
  const status = (row?.before as { status?: IdeaStatus } | null)?.status
  return status && status !== 'hidden' ? status : 'published'
}

async function changeStatus(user: SessionUser, ideaId: string, decide: (idea: Idea, tx: Tx) => Promise<{ status: IdeaStatus; reason: string | null }>) {
  const result = await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(ideas).where(eq(ideas.id, ideaId)).for('update')
    if (!before) throw new DomainError('not_found')
    const { status, reason } = await decide(before, tx)
    const [after] = await tx.update(ideas).set({ status, statusReason: reason, updatedAt: new Date() }).where(eq(ideas.id, ideaId)).returning()
    await recordAudit(tx, {
      actorId: user.id,
      action: 'idea.status',
      entityType: 'idea',
      entityId: ideaId,
      before: { status: before.status, statusReason: before.statusReason },
      after: { status: after.status, statusReason: after.statusReason },
    })
    return after
  })
  await notifyFollowers(
    { targetType: 'idea', targetId: ideaId },
    { kind: 'idea.status', payload: { ideaId, title: result.title, status: result.status, reason: result.statusReason }, link: `/ideas/${ideaId}` },
    { except: [user.id] },
  )
  return result
}

/**
 * A facilitator's decision on an idea: submitted → published → shortlisted → selected / not
 * selected; any (but merged) → hidden by moderation. Decisions need a public reason.
 */
export async function setIdeaStatus(actor: Actor, ideaId: string, status: IdeaStatus, reason?: string | null) {
  const user = requirePermission(actor, 'decide:idea')
  await loadIdea(user, ideaId)
  const text = reason?.trim() || null
  if (reasonRequired(status) && !text) throw new DomainError('validation', 'errors.validation', { fields: { reason: ['validation.required'] } })
  return changeStatus(user, ideaId, async (idea) => {
    if (status === 'merged' || !transitions[idea.status].includes(status)) throw new DomainError('conflict', 'ideas.errors.transition')
    return { status, reason: text }
  })
}

/** Undoes a hiding: the idea goes back to the status it had (with no reason unless a new one is given). */
export async function restoreIdea(actor: Actor, ideaId: string, reason?: string | null) {
  const user = requirePermission(actor, 'decide:idea')
  await loadIdea(user, ideaId)
  return changeStatus(user, ideaId, async (idea, tx) => {
    if (idea.status !== 'hidden') throw new DomainError('conflict', 'ideas.errors.transition')
    const previous = await statusBeforeHiding(tx, ideaId)
    const keepReason = reasonRequired(previous) ? (reason?.trim() || (await previousReason(tx, ideaId))) : reason?.trim() || null
    return { status: previous, reason: keepReason }
  })
}

async function previousReason(tx: Pick<Db, 'select'>, ideaId: string) {
  const [row] = await tx
    .select({ before: auditLog.before })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'idea'), eq(auditLog.entityId, ideaId), eq(auditLog.action, 'idea.status'), sql`${auditLog.after}->>'status' = 'hidden'`))
    .orderBy(desc(auditLog.id))
    .limit(1)
  return ((row?.before as { statusReason?: string | null } | null)?.statusReason ?? null) as string | null
}
