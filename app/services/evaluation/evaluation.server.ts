import { and, asc, eq } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { ideas, juryMembers, type Challenge } from '#db/schema.ts'
import { getChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor } from '../platform/types.ts'
import { phaseIndex } from '../challenges/phases.ts'
import { hasConflict, loadEvaluation, rankingOf, resultsArePublic, stillScoring, submitted } from './evaluation-state.server.ts'

// What people see of an evaluation: the public results, the facilitator's page, the juror's page.

/**
 * The public view of a challenge's evaluation (the API's `evaluation` and the results page).
 * Facilitators see the provisional ranking too, unless they are on the jury and still have ideas
 * to score (`scoreFirst`).
 */
export async function getEvaluation(actor: Actor, idOrSlug: string) {
  const challenge = await getChallenge(actor, idOrSlug)
  const loaded = await loadEvaluation(challenge.id)
  const isPublic = resultsArePublic(challenge, loaded)
  const scoreFirst = !isPublic && stillScoring(loaded, actor?.id)
  const showRanking = isPublic || (can(actor, 'manage:evaluation') && !scoreFirst)
  const decisions = new Map(loaded.decisions.map((d) => [d.ideaId, d]))
  return {
    challenge,
    criteria: loaded.criteria.map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight })),
    voteShare: loaded.voteShare,
    publishedAt: loaded.publishedAt?.toISOString() ?? null,
    selectedAt: loaded.selectedAt?.toISOString() ?? null,
    resultsPublic: isPublic,
    scoreFirst,
    jury: loaded.jury.map((j) => ({ id: j.id, name: j.name, role: j.role, affiliation: j.affiliation })),
    shortlist: loaded.shortlist.map((i) => ({ id: i.id, title: i.title, status: i.status, votes: i.votes })),
    ranking: showRanking
      ? rankingOf(loaded).map((r) => {
          const d = decisions.get(r.ideaId)
          return { ...r, decision: d ? { selected: d.selected, rationale: d.rationale, decidedAt: d.createdAt.toISOString() } : null }
        })
      : null,
  }
}
export type EvaluationView = Awaited<ReturnType<typeof getEvaluation>>

/**
 * Every counted jury score, by juror (public name, role and affiliation; never an e-mail): only
 * once the results are public, and only the ideas each juror has submitted in full.
 */
export async function listPublicScores(actor: Actor, idOrSlug: string) {
  const challenge = await getChallenge(actor, idOrSlug)
  const loaded = await loadEvaluation(challenge.id)
  if (!resultsArePublic(challenge, loaded)) return { challenge, resultsPublic: false, items: [] }
  const jurors = new Map(loaded.jury.map((j) => [j.id, j]))
  const criteria = new Map(loaded.criteria.map((c) => [c.id, c]))
  const ideaOf = new Map(loaded.shortlist.map((i) => [i.id, i]))
  const items = loaded.scores
    .filter((s) => jurors.has(s.jurorId) && criteria.has(s.criterionId) && ideaOf.has(s.ideaId) && submitted(loaded, s.jurorId, s.ideaId))
    .map((s) => {
      const j = jurors.get(s.jurorId)!
      return {
        juror: { id: j.id, name: j.name, role: j.role, affiliation: j.affiliation },
        idea: { id: s.ideaId, title: ideaOf.get(s.ideaId)!.title },
        criterion: { id: s.criterionId, name: criteria.get(s.criterionId)!.name, weight: criteria.get(s.criterionId)!.weight },
        score: s.score,
        rationale: s.rationale,
        submittedAt: s.createdAt.toISOString(),
      }
    })
    .sort((a, b) => a.idea.title.localeCompare(b.idea.title, 'es') || a.juror.name.localeCompare(b.juror.name, 'es') || a.criterion.name.localeCompare(b.criterion.name, 'es'))
  return { challenge, resultsPublic: true, items }
}

/** What the facilitator's evaluation page needs: the public view plus the candidates for the shortlist and each juror's progress. */
export async function getEvaluationAdmin(actor: Actor, idOrSlug: string) {
  requirePermission(actor, 'manage:evaluation')
  const view = await getEvaluation(actor, idOrSlug)
  const loaded = await loadEvaluation(view.challenge.id)
  const candidates = await getDb()
    .select({ id: ideas.id, title: ideas.title, votes: ideas.voteTotal })
    .from(ideas)
    .where(and(eq(ideas.challengeId, view.challenge.id), eq(ideas.status, 'published')))
    .orderBy(asc(ideas.title))
  const progress = loaded.jury.map((j) => {
    const eligible = loaded.shortlist.filter((i) => !hasConflict(i, j.id))
    return { id: j.id, name: j.name, done: eligible.filter((i) => submitted(loaded, j.id, i.id)).length, of: eligible.length, conflicts: loaded.shortlist.length - eligible.length }
  })
  return { ...view, candidates, progress }
}

/** A juror's page: per shortlisted idea, their own scores, and the others' only once they have submitted theirs. */
export async function getJurorView(actor: Actor, idOrSlug: string) {
  const user = requirePermission(actor, 'score:idea:own')
  const challenge = await getChallenge(user, idOrSlug)
  const loaded = await loadEvaluation(challenge.id)
  if (!loaded.jury.some((j) => j.id === user.id)) throw new DomainError('forbidden', 'evaluation.errors.notJuror')
  const jurors = new Map(loaded.jury.map((j) => [j.id, j]))
  const open = !!loaded.publishedAt && !loaded.selectedAt && challenge.phase === 'evaluation'
  const items = loaded.shortlist.map((idea) => {
    const conflict = hasConflict(idea, user.id)
    const done = submitted(loaded, user.id, idea.id)
    const ofIdea = loaded.scores.filter((s) => s.ideaId === idea.id)
    const others = loaded.jury.filter((j) => j.id !== user.id && !hasConflict(idea, j.id))
    return {
      id: idea.id,
      title: idea.title,
      status: idea.status,
      votes: idea.votes,
      conflict,
      submitted: done,
      canScore: open && idea.status === 'shortlisted' && !conflict && !done,
      mine: ofIdea.filter((s) => s.jurorId === user.id).map((s) => ({ criterionId: s.criterionId, score: s.score, rationale: s.rationale })),
      othersSubmitted: others.filter((j) => submitted(loaded, j.id, idea.id)).length,
      othersTotal: others.length,
      // Hidden until the juror has submitted (or cannot score it, and the results are public).
      others:
        done || (conflict && resultsArePublic(challenge, loaded))
          ? ofIdea
              .filter((s) => s.jurorId !== user.id && jurors.has(s.jurorId) && submitted(loaded, s.jurorId, idea.id))
              .map((s) => ({ juror: jurors.get(s.jurorId)!.name, criterionId: s.criterionId, score: s.score, rationale: s.rationale }))
          : null,
    }
  })
  return {
    challenge,
    criteria: loaded.criteria.map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight })),
    published: !!loaded.publishedAt,
    open,
    // Before the evaluation phase, the day it is planned to start (scoring opens then, once the criteria are published).
    opensAt: phaseIndex(challenge.phase) < phaseIndex('evaluation') ? challenge.evaluationAt : null,
    items,
  }
}

/** Which evaluation pages the challenge page links for this person: the lab's management, the juror's page, the public results. */
export async function evaluationLinks(actor: Actor, challenge: Pick<Challenge, 'id' | 'phase'>) {
  const reached = ['evaluation', 'piloting', 'closed'].includes(challenge.phase)
  const manage = can(actor, 'manage:evaluation') && challenge.phase !== 'draft'
  let jury = false
  if (actor && can(actor, 'score:idea:own')) {
    const [row] = await getDb()
      .select({ userId: juryMembers.userId })
      .from(juryMembers)
      .where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, actor.id)))
    jury = !!row
  }
  return { manage, jury, results: reached || manage }
}
