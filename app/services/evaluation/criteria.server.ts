import { asc, eq, inArray } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { evaluationCriteria, evaluations, juryMembers, juryScores } from '#db/schema.ts'
import { getChallenge } from '../challenges/challenges.server.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor } from '../platform/types.ts'
import { type CriteriaInput } from './evaluation-schemas.ts'
import { invalid, lockEvaluation } from './evaluation-state.server.ts'

// The criteria and the vote share: set while unpublished, then frozen until an audited reopening.

const criteriaAudit = (rows: { id: string; name: string; description: string; weight: number }[]) => rows.map(({ id, name, description, weight }) => ({ id, name, description, weight }))

/**
 * Sets the criteria (name, description, weight; weights sum to 100) and the vote share while they
 * are not published. Rows with an id update that criterion; criteria left out are removed (with any
 * scores on them, which only exist after a reopening, and the audit record says how many).
 */
export async function saveCriteria(actor: Actor, idOrSlug: string, input: CriteriaInput) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  return getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.publishedAt) throw new DomainError('conflict', 'evaluation.errors.frozen')
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const before = await tx.select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, challenge.id))
    const known = new Set(before.map((c) => c.id))
    const unknown = input.criteria.findIndex((c) => c.id && !known.has(c.id))
    if (unknown >= 0) throw invalid({ [`criteria.${unknown}.name`]: ['validation.invalid'] })
    const keep = new Set(input.criteria.map((c) => c.id).filter(Boolean))
    const removed = before.filter((c) => !keep.has(c.id)).map((c) => c.id)
    let removedScores = 0
    if (removed.length) {
      removedScores = (await tx.delete(juryScores).where(inArray(juryScores.criterionId, removed)).returning()).length
      await tx.delete(evaluationCriteria).where(inArray(evaluationCriteria.id, removed))
    }
    for (const [position, c] of input.criteria.entries()) {
      if (c.id) await tx.update(evaluationCriteria).set({ name: c.name, description: c.description, weight: c.weight, position }).where(eq(evaluationCriteria.id, c.id))
      else await tx.insert(evaluationCriteria).values({ challengeId: challenge.id, name: c.name, description: c.description, weight: c.weight, position })
    }
    await tx.update(evaluations).set({ voteShare: input.voteShare, updatedAt: new Date() }).where(eq(evaluations.challengeId, challenge.id))
    const after = await tx.select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, challenge.id)).orderBy(asc(evaluationCriteria.position))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'evaluation.criteria',
      entityType: 'challenge',
      entityId: challenge.id,
      before: { voteShare: evaluation.voteShare, criteria: criteriaAudit(before) },
      after: { voteShare: input.voteShare, criteria: criteriaAudit(after), removedScores },
    })
    return after
  })
}

/** Publishes the criteria and the vote share: from now on they are frozen (until a reopening, which is audited). */
export async function publishEvaluation(actor: Actor, idOrSlug: string) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  if (challenge.phase === 'piloting' || challenge.phase === 'closed') throw new DomainError('outside_phase')
  const published = await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.publishedAt) throw new DomainError('conflict', 'evaluation.errors.alreadyPublished')
    const criteria = await tx.select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, challenge.id))
    if (criteria.length === 0) throw invalid({ weights: ['evaluation.validation.noCriteria'] })
    if (criteria.reduce((s, c) => s + c.weight, 0) !== 100) throw invalid({ weights: ['evaluation.validation.weightsSum'] })
    const now = new Date()
    await tx.update(evaluations).set({ publishedAt: now, updatedAt: now }).where(eq(evaluations.challengeId, challenge.id))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'evaluation.publish',
      entityType: 'challenge',
      entityId: challenge.id,
      after: { voteShare: evaluation.voteShare, criteria: criteriaAudit(criteria), publishedAt: now.toISOString() },
    })
    const jurors = await tx.select({ userId: juryMembers.userId }).from(juryMembers).where(eq(juryMembers.challengeId, challenge.id))
    return { now, jurors: jurors.map((j) => j.userId) }
  })
  // Scoring is open from now: the jury hears it (the ones named later are told when they are named).
  await notifyUsers(published.jurors, { kind: 'evaluation.scoringOpen', payload: { title: challenge.title }, link: `/retos/${challenge.slug}/jurado` })
  return published.now
}

/** Unfreezes published criteria so they can be corrected; the reason and the criteria as they were go to the audit log. */
export async function reopenEvaluation(actor: Actor, idOrSlug: string, reason: string) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (!evaluation.publishedAt) throw new DomainError('conflict', 'evaluation.errors.notPublished')
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const criteria = await tx.select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, challenge.id))
    await tx.update(evaluations).set({ publishedAt: null, updatedAt: new Date() }).where(eq(evaluations.challengeId, challenge.id))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'evaluation.reopen',
      entityType: 'challenge',
      entityId: challenge.id,
      before: { publishedAt: evaluation.publishedAt.toISOString(), voteShare: evaluation.voteShare, criteria: criteriaAudit(criteria) },
      after: { publishedAt: null, reason },
    })
  })
}
