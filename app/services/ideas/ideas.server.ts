import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray, sql } from 'drizzle-orm'
import { getDb, type Db } from '#db/client.ts'
import { auditLog, challenges, comments, follows, ideaAuthors, ideas, users, voteBudgets, votes, type Challenge, type Idea, type IdeaStatus } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { type IdeaInput } from './idea-schemas.ts'
import { addFollow, notifyFollowers, notifyUsers } from '../notifications/notifications.server.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { acceptsIdeas } from '../challenges/phases.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'

type Actor = SessionUser | null | undefined
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const IDEAS_PAGE_SIZE = 20

export type IdeaAuthor = { id: string; name: string }

/**
 * The public form of an idea, the same for pages and the JSON API. A hidden idea seen by
 * someone who is neither a moderator nor one of its authors keeps only its status and the
 * public reason: title, texts and authors are null/empty (`redacted: true`).
 */
export type IdeaView = {
  id: string
  challengeId: string
  title: string | null
  description: string | null
  expectedBenefit: string | null
  status: IdeaStatus
  statusReason: string | null
  votes: number
  authors: IdeaAuthor[]
  mergedIntoId: string | null
  createdAt: string
  redacted?: true
}

export function serializeIdea(idea: Idea, authors: IdeaAuthor[], { redacted = false } = {}): IdeaView {
  const base = {
    id: idea.id,
    challengeId: idea.challengeId,
    status: idea.status,
    statusReason: idea.statusReason,
    votes: idea.voteTotal,
    mergedIntoId: idea.mergedIntoId,
    createdAt: idea.createdAt.toISOString(),
  }
  if (redacted) return { ...base, title: null, description: null, expectedBenefit: null, authors: [], redacted: true }
  return { ...base, title: idea.title, description: idea.description, expectedBenefit: idea.expectedBenefit, authors }
}

/** Accepted authors of each idea (the creator first, then by acceptance). Pending invitations are never authors. */
export async function acceptedAuthors(ideaIds: string[], db: Pick<Db, 'select'> = getDb()): Promise<Map<string, IdeaAuthor[]>> {
  const out = new Map<string, IdeaAuthor[]>(ideaIds.map((id) => [id, []]))
  if (ideaIds.length === 0) return out
  const rows = await db
    .select({ ideaId: ideaAuthors.ideaId, id: users.id, name: users.name })
    .from(ideaAuthors)
    .innerJoin(users, eq(users.id, ideaAuthors.userId))
    .where(and(inArray(ideaAuthors.ideaId, ideaIds), isNotNull(ideaAuthors.acceptedAt)))
    .orderBy(asc(ideaAuthors.acceptedAt), asc(users.name))
  for (const r of rows) out.get(r.ideaId)?.push({ id: r.id, name: r.name })
  return out
}

async function isAcceptedAuthor(ideaId: string, userId: string, db: Pick<Db, 'select'> = getDb()) {
  const [row] = await db
    .select({ userId: ideaAuthors.userId })
    .from(ideaAuthors)
    .where(and(eq(ideaAuthors.ideaId, ideaId), eq(ideaAuthors.userId, userId), isNotNull(ideaAuthors.acceptedAt)))
  return !!row
}

/** Who may see a hidden idea in full: moderators and its accepted authors. */
async function seesHidden(actor: Actor, idea: Idea) {
  if (!actor) return false
  if (can(actor, 'moderate')) return true
  return isAcceptedAuthor(idea.id, actor.id)
}

/** The idea row and its challenge, if the actor may see the challenge at all (drafts stay unrevealed). */
export async function loadIdea(actor: Actor, id: string): Promise<{ idea: Idea; challenge: Challenge }> {
  if (!UUID.test(id)) throw new DomainError('not_found')
  const [row] = await getDb().select({ idea: ideas, challenge: challenges }).from(ideas).innerJoin(challenges, eq(challenges.id, ideas.challengeId)).where(eq(ideas.id, id))
  if (!row || !canSeeChallenge(actor, row.challenge)) throw new DomainError('not_found')
  return row
}

export type IdeaDetail = {
  idea: IdeaView
  challenge: Challenge
  /** False when the idea is hidden and the actor may not see it in full. */
  visible: boolean
  isAuthor: boolean
  /** The actor has an invitation to co-author this idea that waits for an answer. */
  pendingInvitation: boolean
}

/**
 * One idea for the actor. Hidden ideas: decision — the page and the API still answer (the
 * public reason is part of the record), but only moderators and authors see its content.
 * Merged ideas keep their content and point to the target (`mergedIntoId`).
 */
export async function getIdea(actor: Actor, id: string): Promise<IdeaDetail> {
  const { idea, challenge } = await loadIdea(actor, id)
  const [authors, invitation] = await Promise.all([
    acceptedAuthors([idea.id]),
    actor
      ? getDb()
          .select({ acceptedAt: ideaAuthors.acceptedAt })
          .from(ideaAuthors)
          .where(and(eq(ideaAuthors.ideaId, idea.id), eq(ideaAuthors.userId, actor.id)))
      : Promise.resolve([]),
  ])
  const list = authors.get(idea.id) ?? []
  const isAuthor = !!actor && list.some((a) => a.id === actor.id)
  const visible = idea.status !== 'hidden' || (actor ? can(actor, 'moderate') || isAuthor : false)
  return {
    idea: serializeIdea(idea, list, { redacted: !visible }),
    challenge,
    visible,
    isAuthor,
    pendingInvitation: invitation.length > 0 && invitation[0].acceptedAt === null,
  }
}

/** Statuses that are not listed with a challenge's ideas: hidden by moderation, merged into another, not yet published. */
const unlisted: IdeaStatus[] = ['hidden', 'merged', 'submitted']

/** A page of a challenge's public ideas, newest first, with their accepted authors. */
export async function listIdeas(challengeId: string, { page = 1 }: { page?: number } = {}) {
  const db = getDb()
  const where = and(eq(ideas.challengeId, challengeId), notInArray(ideas.status, unlisted))
  const current = Math.max(1, Math.floor(page) || 1)
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(ideas)
      .where(where)
      .orderBy(desc(ideas.createdAt), asc(ideas.id))
      .limit(IDEAS_PAGE_SIZE)
      .offset((current - 1) * IDEAS_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(ideas).where(where),
  ])
  const authors = await acceptedAuthors(rows.map((r) => r.id))
  return { items: rows.map((r) => serializeIdea(r, authors.get(r.id) ?? [])), page: current, total }
}

const auditView = (i: Idea) => ({ title: i.title, description: i.description, expectedBenefit: i.expectedBenefit, status: i.status, statusReason: i.statusReason })

/**
 * A signed-in person submits an idea while the challenge accepts them. The lab publishes
 * immediately (status `published`); `submitted` is kept for a future pre-moderation mode.
 */
export async function submitIdea(actor: SessionUser | null | undefined, challenge: Challenge, input: IdeaInput): Promise<IdeaView> {
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
export async function updateIdea(actor: SessionUser | null | undefined, id: string, input: IdeaInput): Promise<IdeaView> {
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

/** An accepted author invites someone with an account (by e-mail) to co-author; they become an author once they accept. */
export async function inviteCoauthor(actor: SessionUser | null | undefined, ideaId: string, email: string) {
  const user = requirePermission(actor, 'update:idea:own')
  const { idea } = await loadIdea(user, ideaId)
  if (!(await isAcceptedAuthor(idea.id, user.id))) throw new DomainError('forbidden')
  if (idea.status === 'hidden' || idea.status === 'merged') throw new DomainError('conflict', 'ideas.errors.notEditable')
  const [invitee] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase()))
  if (!invitee || invitee.blockedAt) throw new DomainError('validation', 'errors.validation', { fields: { email: ['ideas.errors.noSuchPerson'] } })
  const inserted = await getDb().transaction(async (tx) => {
    const rows = await tx.insert(ideaAuthors).values({ ideaId, userId: invitee.id, invitedBy: user.id, acceptedAt: null }).onConflictDoNothing().returning()
    if (rows.length) await recordAudit(tx, { actorId: user.id, action: 'idea.invite', entityType: 'idea', entityId: ideaId, after: { invitedUserId: invitee.id } })
    return rows
  })
  if (inserted.length === 0) throw new DomainError('validation', 'errors.validation', { fields: { email: ['ideas.errors.alreadyAuthor'] } })
  await notifyUsers([invitee.id], { kind: 'idea.invitation', payload: { ideaId, title: idea.title, inviter: user.name }, link: `/ideas/${ideaId}` })
  return { id: invitee.id, name: invitee.name }
}

async function answerInvitation(actor: SessionUser | null | undefined, ideaId: string, accept: boolean) {
  const user = requirePermission(actor, 'update:idea:own')
  await loadIdea(user, ideaId)
  const db = getDb()
  const pending = and(eq(ideaAuthors.ideaId, ideaId), eq(ideaAuthors.userId, user.id), isNull(ideaAuthors.acceptedAt))
  await db.transaction(async (tx) => {
    const rows = accept
      ? await tx.update(ideaAuthors).set({ acceptedAt: new Date() }).where(pending).returning()
      : await tx.delete(ideaAuthors).where(pending).returning()
    if (rows.length === 0) throw new DomainError('not_found', 'ideas.errors.noInvitation')
    await recordAudit(tx, { actorId: user.id, action: accept ? 'idea.invitation_accept' : 'idea.invitation_decline', entityType: 'idea', entityId: ideaId })
  })
  if (accept) await addFollow(user.id, 'idea', ideaId)
}

export const acceptInvitation = (actor: SessionUser | null | undefined, ideaId: string) => answerInvitation(actor, ideaId, true)
export const declineInvitation = (actor: SessionUser | null | undefined, ideaId: string) => answerInvitation(actor, ideaId, false)

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
    { exceptUserId: user.id },
  )
  return result
}

/**
 * A facilitator's decision on an idea: submitted → published → shortlisted → selected / not
 * selected; any (but merged) → hidden by moderation. Decisions need a public reason.
 */
export async function setIdeaStatus(actor: SessionUser | null | undefined, ideaId: string, status: IdeaStatus, reason?: string | null) {
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
export async function restoreIdea(actor: SessionUser | null | undefined, ideaId: string, reason?: string | null) {
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

/** Ideas of the challenge whose titles look like `title` (trigram similarity, accents and case ignored), best first. */
export async function similarIdeas(challengeId: string, title: string, limit = 5, { excludeId }: { excludeId?: string } = {}) {
  const q = title.trim().slice(0, 200)
  if (q.length < 3) return []
  const score = sql<number>`similarity(public.f_unaccent(lower(${ideas.title})), public.f_unaccent(lower(${q})))`
  const rows = await getDb()
    .select({ id: ideas.id, title: ideas.title, status: ideas.status, score })
    .from(ideas)
    .where(and(eq(ideas.challengeId, challengeId), notInArray(ideas.status, unlisted), sql`${score} > 0.2`, excludeId ? sql`${ideas.id} <> ${excludeId}` : undefined))
    .orderBy(desc(score), asc(ideas.id))
    .limit(Math.min(Math.max(limit, 1), 20))
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status }))
}

/** The other ideas of the challenge a facilitator may merge this one into. */
export async function mergeCandidates(idea: Pick<Idea, 'id' | 'challengeId'>) {
  return getDb()
    .select({ id: ideas.id, title: ideas.title })
    .from(ideas)
    .where(and(eq(ideas.challengeId, idea.challengeId), notInArray(ideas.status, ['hidden', 'merged']), sql`${ideas.id} <> ${idea.id}`))
    .orderBy(asc(ideas.title))
}

/**
 * Merges a duplicate (source) into another idea of the same challenge, in one transaction:
 * authors join the target, comments and followers move, votes move — a person who voted for
 * both counts once (the larger count, capped at maxPerIdea; the other dots go back to their
 * budget) — both tallies are recomputed from the votes, and the source points to the target.
 */
export async function mergeIdeas(actor: SessionUser | null | undefined, sourceId: string, targetId: string, reason: string) {
  const user = requirePermission(actor, 'merge:idea')
  const text = reason?.trim()
  if (!text) throw new DomainError('validation', 'errors.validation', { fields: { reason: ['validation.required'] } })
  if (sourceId === targetId) throw new DomainError('validation', 'errors.validation', { fields: { targetId: ['ideas.errors.mergeSelf'] } })
  const { challenge } = await loadIdea(user, sourceId)
  const { idea: target } = await loadIdea(user, targetId)
  if (target.challengeId !== challenge.id) throw new DomainError('validation', 'errors.validation', { fields: { targetId: ['ideas.errors.mergeOtherChallenge'] } })

  const result = await getDb().transaction(async (tx) => {
    // Voters' budgets first (the order the voting service locks in: budget, then idea), then both ideas in id order.
    const voterIds = (await tx.select({ userId: votes.userId }).from(votes).where(eq(votes.ideaId, sourceId))).map((v) => v.userId).sort()
    if (voterIds.length) {
      await tx
        .select({ userId: voteBudgets.userId })
        .from(voteBudgets)
        .where(and(eq(voteBudgets.challengeId, challenge.id), inArray(voteBudgets.userId, voterIds)))
        .orderBy(asc(voteBudgets.userId))
        .for('update')
    }
    const locked = await tx
      .select()
      .from(ideas)
      .where(inArray(ideas.id, [sourceId, targetId]))
      .orderBy(asc(ideas.id))
      .for('update')
    const source = locked.find((i) => i.id === sourceId)!
    const into = locked.find((i) => i.id === targetId)!
    if (source.status === 'merged' || source.status === 'hidden' || into.status === 'merged' || into.status === 'hidden') {
      throw new DomainError('conflict', 'ideas.errors.mergeState')
    }

    // Authors: the source's accepted authors become accepted authors of the target (a pending invitation there is accepted).
    const now = new Date()
    const sourceAuthors = await tx
      .select({ userId: ideaAuthors.userId, invitedBy: ideaAuthors.invitedBy })
      .from(ideaAuthors)
      .where(and(eq(ideaAuthors.ideaId, sourceId), isNotNull(ideaAuthors.acceptedAt)))
    if (sourceAuthors.length) {
      await tx
        .insert(ideaAuthors)
        .values(sourceAuthors.map((a) => ({ ideaId: targetId, userId: a.userId, invitedBy: a.invitedBy, acceptedAt: now })))
        .onConflictDoUpdate({ target: [ideaAuthors.ideaId, ideaAuthors.userId], set: { acceptedAt: sql`coalesce(${ideaAuthors.acceptedAt}, excluded.accepted_at)` } })
    }

    // Comments (with their replies, which keep their parents) and followers move to the target.
    const moved = await tx.update(comments).set({ targetId }).where(and(eq(comments.targetType, 'idea'), eq(comments.targetId, sourceId))).returning({ id: comments.id })
    await tx.execute(sql`insert into follows (user_id, target_type, target_id) select user_id, target_type, ${targetId}::uuid from follows where target_type = 'idea' and target_id = ${sourceId}::uuid on conflict do nothing`)

    // Votes: move, or count once for a person who voted for both.
    const sourceVotes = await tx.select().from(votes).where(eq(votes.ideaId, sourceId)).orderBy(asc(votes.userId))
    const targetVotes = new Map((await tx.select().from(votes).where(eq(votes.ideaId, targetId))).map((v) => [v.userId, v]))
    let movedVotes = 0
    let combinedVoters = 0
    let releasedDots = 0
    for (const vote of sourceVotes) {
      const existing = targetVotes.get(vote.userId)
      if (!existing) {
        const count = Math.min(vote.count, challenge.votingMaxPerIdea)
        await tx.update(votes).set({ ideaId: targetId, count, updatedAt: now }).where(and(eq(votes.ideaId, sourceId), eq(votes.userId, vote.userId)))
        const released = vote.count - count
        if (released > 0) await release(tx, challenge.id, vote.userId, released)
        releasedDots += released
        movedVotes++
        continue
      }
      const count = Math.min(Math.max(vote.count, existing.count), challenge.votingMaxPerIdea)
      const released = vote.count + existing.count - count
      await tx.update(votes).set({ count, updatedAt: now }).where(and(eq(votes.ideaId, targetId), eq(votes.userId, vote.userId)))
      await tx.delete(votes).where(and(eq(votes.ideaId, sourceId), eq(votes.userId, vote.userId)))
      if (released > 0) await release(tx, challenge.id, vote.userId, released)
      releasedDots += released
      combinedVoters++
    }
    await tx
      .update(ideas)
      .set({ voteTotal: sql`(select coalesce(sum(${votes.count}), 0)::int from ${votes} where ${votes.ideaId} = ${ideas.id})`, updatedAt: now })
      .where(inArray(ideas.id, [sourceId, targetId]))
    const [after] = await tx.update(ideas).set({ status: 'merged', mergedIntoId: targetId, statusReason: text }).where(eq(ideas.id, sourceId)).returning()
    const [targetAfter] = await tx.select().from(ideas).where(eq(ideas.id, targetId))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'idea.merge',
      entityType: 'idea',
      entityId: sourceId,
      before: { status: source.status, statusReason: source.statusReason, votes: source.voteTotal, targetVotes: into.voteTotal },
      after: { status: 'merged', statusReason: text, mergedIntoId: targetId, votes: after.voteTotal, targetVotes: targetAfter.voteTotal, movedVotes, combinedVoters, releasedDots, movedComments: moved.length, authorsAdded: sourceAuthors.length },
    })
    return { source: after, target: targetAfter }
  })

  const followers = await getDb()
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, 'idea'), inArray(follows.targetId, [sourceId, targetId])))
  await notifyUsers(
    followers.map((f) => f.userId).filter((id) => id !== user.id),
    { kind: 'idea.merge', payload: { ideaId: sourceId, title: result.source.title, targetId, target: result.target.title }, link: `/ideas/${targetId}` },
  )
  const authors = await acceptedAuthors([sourceId, targetId])
  return { source: serializeIdea(result.source, authors.get(sourceId) ?? []), target: serializeIdea(result.target, authors.get(targetId) ?? []) }
}

/** Gives dots back to a person's budget in the challenge (never below zero; support voting may keep no budget row). */
async function release(tx: Tx, challengeId: string, userId: string, dots: number) {
  await tx
    .update(voteBudgets)
    .set({ used: sql`greatest(${voteBudgets.used} - ${dots}, 0)` })
    .where(and(eq(voteBudgets.challengeId, challengeId), eq(voteBudgets.userId, userId)))
}

/** Used by the comments service: may `actor` see this idea's content (and so its comments)? */
export async function ideaVisibleTo(actor: Actor, idea: Idea) {
  return idea.status !== 'hidden' || seesHidden(actor, idea)
}
