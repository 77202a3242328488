import { and, eq, inArray } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, evaluations, follows, ideas, selectionDecisions, type IdeaStatus } from '#db/schema.ts'
import { getChallenge, moveChallengePhase } from '../challenges/challenges.server.ts'
import { setIdeaStatus } from '../ideas/idea-lifecycle.server.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { isUuid } from '../platform/schemas.ts'
import { type Actor } from '../platform/types.ts'
import { type SelectionInput } from './evaluation-schemas.ts'
import { invalid, loadEvaluation, lockEvaluation, rankingOf } from './evaluation-state.server.ts'

// From the shortlist to the selection: the decisions, their audit record, and who is told.

/** Puts a published idea of the challenge on the shortlist (the ideas service's `decide:idea` flow, audited and notified there). */
export async function shortlistIdea(actor: Actor, idOrSlug: string, ideaId: string) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  const [idea] = await getDb().select({ challengeId: ideas.challengeId }).from(ideas).where(eq(ideas.id, ideaId))
  if (!idea || idea.challengeId !== challenge.id) throw new DomainError('not_found')
  const [evaluation] = await getDb().select().from(evaluations).where(eq(evaluations.challengeId, challenge.id))
  if (evaluation?.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
  return setIdeaStatus(user, ideaId, 'shortlisted')
}

/** The same, for the API (`POST /ideas/{id}/shortlist`): the idea's own challenge. */
export async function shortlistIdeaById(actor: Actor, ideaId: string) {
  const user = requirePermission(actor, 'manage:evaluation')
  const [idea] = isUuid(ideaId) ? await getDb().select({ challengeId: ideas.challengeId }).from(ideas).where(eq(ideas.id, ideaId)) : []
  if (!idea) throw new DomainError('not_found')
  return shortlistIdea(user, idea.challengeId, ideaId)
}

/**
 * Records the selection: a decision with its rationale for every shortlisted idea (at least one
 * selected). The ideas become selected / not selected with that reason, the ranking at that moment
 * goes to the audit log, authors and followers are notified, and the challenge moves to piloting.
 */
export async function recordSelection(actor: Actor, idOrSlug: string, input: SelectionInput) {
  const user = requirePermission(actor, 'select:idea')
  const challenge = await getChallenge(user, idOrSlug)
  const decided = await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (!evaluation.publishedAt) throw new DomainError('conflict', 'evaluation.errors.notPublished')
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const [current] = await tx.select({ phase: challenges.phase }).from(challenges).where(eq(challenges.id, challenge.id)).for('update')
    if (current.phase !== 'evaluation') throw new DomainError('outside_phase')
    const loaded = await loadEvaluation(challenge.id, tx)
    const pending = loaded.shortlist.filter((i) => i.status === 'shortlisted')
    if (pending.length === 0) throw new DomainError('conflict', 'evaluation.errors.emptyShortlist')
    const given = new Map(input.decisions.map((d) => [d.ideaId, d]))
    const fields: Record<string, string[]> = {}
    for (const i of pending) if (!given.has(i.id)) fields[`decision.${i.id}`] = ['evaluation.validation.decision']
    for (const d of input.decisions) if (!pending.some((i) => i.id === d.ideaId)) fields[`decision.${d.ideaId}`] = ['validation.invalid']
    if (Object.keys(fields).length) throw invalid(fields)
    if (!input.decisions.some((d) => d.selected)) throw invalid({ form: ['evaluation.validation.noneSelected'] })
    const now = new Date()
    const ranking = rankingOf(loaded)
    for (const idea of pending) {
      const d = given.get(idea.id)!
      const status: IdeaStatus = d.selected ? 'selected' : 'not_selected'
      await tx.insert(selectionDecisions).values({ ideaId: idea.id, challengeId: challenge.id, selected: d.selected, rationale: d.rationale, decidedBy: user.id })
      await tx.update(ideas).set({ status, statusReason: d.rationale, updatedAt: now }).where(eq(ideas.id, idea.id))
      await recordAudit(tx, {
        actorId: user.id,
        action: 'idea.status',
        entityType: 'idea',
        entityId: idea.id,
        before: { status: idea.status, statusReason: idea.statusReason },
        after: { status, statusReason: d.rationale },
      })
    }
    await tx.update(evaluations).set({ selectedAt: now, updatedAt: now }).where(eq(evaluations.challengeId, challenge.id))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'evaluation.select',
      entityType: 'challenge',
      entityId: challenge.id,
      after: {
        decisions: pending.map((i) => ({ ideaId: i.id, selected: given.get(i.id)!.selected, rationale: given.get(i.id)!.rationale })),
        ranking: ranking.map((r) => ({ ideaId: r.ideaId, rank: r.rank, juryScore: r.juryScore, voteScore: r.voteScore, finalScore: r.finalScore })),
      },
    })
    return pending.map((i) => ({ ...i, selected: given.get(i.id)!.selected, rationale: given.get(i.id)!.rationale }))
  })

  await moveChallengePhase(user, challenge.id, 'piloting')
  await notifyDecided(decided, user.id)
  return { challenge, selectedIdeaIds: decided.filter((d) => d.selected).map((d) => d.id) }
}

/** Each decided idea's authors and followers hear the decision and its rationale (not the person who made it). */
async function notifyDecided(decided: { id: string; title: string; authorIds: string[]; selected: boolean; rationale: string }[], deciderId: string) {
  const followerRows = await getDb()
    .select({ userId: follows.userId, ideaId: follows.targetId })
    .from(follows)
    .where(and(eq(follows.targetType, 'idea'), inArray(follows.targetId, decided.map((d) => d.id))))
  for (const idea of decided) {
    const recipients = [...idea.authorIds, ...followerRows.filter((f) => f.ideaId === idea.id).map((f) => f.userId)].filter((id) => id !== deciderId)
    await notifyUsers(recipients, {
      kind: 'idea.status',
      payload: { ideaId: idea.id, title: idea.title, status: idea.selected ? 'selected' : 'not_selected', reason: idea.rationale },
      link: `/ideas/${idea.id}`,
    })
  }
}
