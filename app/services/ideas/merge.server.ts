import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { comments, follows, ideaAuthors, ideas, voteBudgets, votes, type Challenge } from '#db/schema.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor, type Tx } from '../platform/types.ts'
import { acceptedAuthors, loadIdea, serializeIdea } from './ideas.server.ts'

/**
 * Merges a duplicate (source) into another idea of the same challenge, in one transaction:
 * authors join the target, comments and followers move, votes move — a person who voted for
 * both counts once (the larger count, capped at maxPerIdea; the other dots go back to their
 * budget) — both tallies are recomputed from the votes, and the source points to the target.
 */
export async function mergeIdeas(actor: Actor, sourceId: string, targetId: string, reason: string) {
  const user = requirePermission(actor, 'merge:idea')
  const text = reason?.trim()
  if (!text) throw new DomainError('validation', 'errors.validation', { fields: { reason: ['validation.required'] } })
  if (sourceId === targetId) throw new DomainError('validation', 'errors.validation', { fields: { targetId: ['ideas.errors.mergeSelf'] } })
  const { challenge } = await loadIdea(user, sourceId)
  const { idea: target } = await loadIdea(user, targetId)
  if (target.challengeId !== challenge.id) throw new DomainError('validation', 'errors.validation', { fields: { targetId: ['ideas.errors.mergeOtherChallenge'] } })

  const result = await getDb().transaction(async (tx) => {
    const { source, into } = await lockForMerge(tx, challenge.id, sourceId, targetId)
    const now = new Date()
    const authorsAdded = await moveAuthors(tx, sourceId, targetId, now)
    // Comments (with their replies, which keep their parents) and followers move to the target.
    const moved = await tx.update(comments).set({ targetId }).where(and(eq(comments.targetType, 'idea'), eq(comments.targetId, sourceId))).returning({ id: comments.id })
    await tx.execute(sql`insert into follows (user_id, target_type, target_id) select user_id, target_type, ${targetId}::uuid from follows where target_type = 'idea' and target_id = ${sourceId}::uuid on conflict do nothing`)
    const voteMoves = await moveVotes(tx, challenge, sourceId, targetId, now)
    const [after] = await tx.update(ideas).set({ status: 'merged', mergedIntoId: targetId, statusReason: text }).where(eq(ideas.id, sourceId)).returning()
    const [targetAfter] = await tx.select().from(ideas).where(eq(ideas.id, targetId))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'idea.merge',
      entityType: 'idea',
      entityId: sourceId,
      before: { status: source.status, statusReason: source.statusReason, votes: source.voteTotal, targetVotes: into.voteTotal },
      after: { status: 'merged', statusReason: text, mergedIntoId: targetId, votes: after.voteTotal, targetVotes: targetAfter.voteTotal, ...voteMoves, movedComments: moved.length, authorsAdded },
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

/** Voters' budgets first (the order the voting service locks in: budget, then idea), then both ideas in id order. */
async function lockForMerge(tx: Tx, challengeId: string, sourceId: string, targetId: string) {
  const voterIds = (await tx.select({ userId: votes.userId }).from(votes).where(eq(votes.ideaId, sourceId))).map((v) => v.userId).sort()
  if (voterIds.length) {
    await tx
      .select({ userId: voteBudgets.userId })
      .from(voteBudgets)
      .where(and(eq(voteBudgets.challengeId, challengeId), inArray(voteBudgets.userId, voterIds)))
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
  return { source, into }
}

/** The source's accepted authors become accepted authors of the target (a pending invitation there is accepted). */
async function moveAuthors(tx: Tx, sourceId: string, targetId: string, now: Date) {
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
  return sourceAuthors.length
}

/** Votes move, or count once for a person who voted for both; both tallies are recomputed from the votes. */
async function moveVotes(tx: Tx, challenge: Pick<Challenge, 'id' | 'votingMaxPerIdea'>, sourceId: string, targetId: string, now: Date) {
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
  return { movedVotes, combinedVoters, releasedDots }
}

/** Gives dots back to a person's budget in the challenge (never below zero; support voting may keep no budget row). */
async function release(tx: Tx, challengeId: string, userId: string, dots: number) {
  await tx
    .update(voteBudgets)
    .set({ used: sql`greatest(${voteBudgets.used} - ${dots}, 0)` })
    .where(and(eq(voteBudgets.challengeId, challengeId), eq(voteBudgets.userId, userId)))
}
