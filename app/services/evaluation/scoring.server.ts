import { and, eq } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, ideas, juryMembers, juryScores } from '#db/schema.ts'
import { getChallenge } from '../challenges/challenges.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { isUuid } from '../platform/schemas.ts'
import { type Actor } from '../platform/types.ts'
import { type ScoresInput } from './evaluation-schemas.ts'
import { hasConflict, invalid, loadEvaluation, lockEvaluation, submitted } from './evaluation-state.server.ts'

/**
 * A juror scores one shortlisted idea on every criterion (1–5, with a rationale), once. Refused
 * for someone not on the jury, for an idea they wrote or co-wrote, before the criteria are
 * published, outside the evaluation phase and after the selection.
 */
export async function submitScores(actor: Actor, ideaId: string, input: ScoresInput) {
  const user = requirePermission(actor, 'score:idea:own')
  if (!isUuid(ideaId)) throw new DomainError('not_found')
  const [row] = await getDb().select({ challengeId: ideas.challengeId }).from(ideas).where(eq(ideas.id, ideaId))
  if (!row) throw new DomainError('not_found')
  const challenge = await getChallenge(user, row.challengeId)
  await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    const [member] = await tx.select().from(juryMembers).where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, user.id)))
    if (!member) throw new DomainError('forbidden', 'evaluation.errors.notJuror')
    const loaded = await loadEvaluation(challenge.id, tx)
    const idea = loaded.shortlist.find((i) => i.id === ideaId)
    if (!idea) throw new DomainError('conflict', 'evaluation.errors.notShortlisted')
    if (hasConflict(idea, user.id)) throw new DomainError('forbidden', 'evaluation.errors.conflictOfInterest')
    if (!evaluation.publishedAt) throw new DomainError('conflict', 'evaluation.errors.notPublished')
    if (evaluation.selectedAt || idea.status !== 'shortlisted') throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    if ((await tx.select({ phase: challenges.phase }).from(challenges).where(eq(challenges.id, challenge.id)))[0]?.phase !== 'evaluation') throw new DomainError('outside_phase')
    if (submitted(loaded, user.id, ideaId)) throw new DomainError('conflict', 'evaluation.errors.alreadySubmitted')
    const ids = new Set(loaded.criteria.map((c) => c.id))
    const given = new Map(input.scores.map((s) => [s.criterionId, s]))
    const fields: Record<string, string[]> = {}
    for (const s of input.scores) if (!ids.has(s.criterionId)) fields[`score.${s.criterionId}`] = ['validation.invalid']
    for (const c of loaded.criteria) if (!given.has(c.id)) fields[`score.${c.id}`] = ['evaluation.validation.score']
    if (Object.keys(fields).length) throw invalid(fields)
    const now = new Date()
    for (const c of loaded.criteria) {
      const s = given.get(c.id)!
      await tx
        .insert(juryScores)
        .values({ challengeId: challenge.id, ideaId, jurorId: user.id, criterionId: c.id, score: s.score, rationale: s.rationale })
        .onConflictDoUpdate({ target: [juryScores.ideaId, juryScores.jurorId, juryScores.criterionId], set: { score: s.score, rationale: s.rationale, updatedAt: now } })
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: 'evaluation.score',
      entityType: 'idea',
      entityId: ideaId,
      after: { challengeId: challenge.id, scores: loaded.criteria.map((c) => ({ criterionId: c.id, score: given.get(c.id)!.score, rationale: given.get(c.id)!.rationale })) },
    })
  })
  return { challenge }
}
