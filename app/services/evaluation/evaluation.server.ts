import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import { getDb, type Db } from '#db/client.ts'
import {
  challenges,
  evaluationCriteria,
  evaluations,
  follows,
  ideaAuthors,
  ideas,
  juryMembers,
  juryScores,
  selectionDecisions,
  users,
  type Challenge,
  type IdeaStatus,
  type Role,
} from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { getChallenge, moveChallengePhase } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { type CriteriaInput, type JuryInput, type ScoresInput, type SelectionInput } from './evaluation-schemas.ts'
import { setIdeaStatus } from '../ideas/ideas.server.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { computeRanking, type IdeaResult } from './ranking.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'

type Actor = SessionUser | null | undefined
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

const DEFAULT_VOTE_SHARE = 20
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Ideas that were on the shortlist: still waiting, or decided by the selection. */
const SHORTLIST_STATUSES: IdeaStatus[] = ['shortlisted', 'selected', 'not_selected']

const invalid = (fields: Record<string, string[]>) => new DomainError('validation', 'errors.validation', { fields })

// ——— Reading ———

export type JurorPublic = { id: string; name: string; role: Role; affiliation: string }
export type ShortlistIdea = { id: string; title: string; status: IdeaStatus; statusReason: string | null; votes: number; authorIds: string[] }

/** Everything about a challenge's evaluation, read in one go (no permission decisions here). */
async function loadEvaluation(challengeId: string, db: Pick<Db, 'select'> = getDb()) {
  const [[evaluation], criteria, jury, shortlist, scores, decisions] = await Promise.all([
    db.select().from(evaluations).where(eq(evaluations.challengeId, challengeId)),
    db.select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, challengeId)).orderBy(asc(evaluationCriteria.position), asc(evaluationCriteria.createdAt)),
    db
      .select({ id: users.id, name: users.name, role: users.role, affiliation: juryMembers.affiliation })
      .from(juryMembers)
      .innerJoin(users, eq(users.id, juryMembers.userId))
      .where(eq(juryMembers.challengeId, challengeId))
      .orderBy(asc(juryMembers.createdAt), asc(users.name)),
    db
      .select({ id: ideas.id, title: ideas.title, status: ideas.status, statusReason: ideas.statusReason, votes: ideas.voteTotal, createdBy: ideas.createdBy })
      .from(ideas)
      .where(and(eq(ideas.challengeId, challengeId), inArray(ideas.status, SHORTLIST_STATUSES)))
      .orderBy(asc(ideas.title)),
    db.select().from(juryScores).where(eq(juryScores.challengeId, challengeId)),
    db.select().from(selectionDecisions).where(eq(selectionDecisions.challengeId, challengeId)),
  ])
  const ideaIds = shortlist.map((i) => i.id)
  const authorRows = ideaIds.length
    ? await db
        .select({ ideaId: ideaAuthors.ideaId, userId: ideaAuthors.userId })
        .from(ideaAuthors)
        .where(and(inArray(ideaAuthors.ideaId, ideaIds), isNotNull(ideaAuthors.acceptedAt)))
    : []
  const ideasWithAuthors: ShortlistIdea[] = shortlist.map(({ createdBy, ...i }) => ({
    ...i,
    authorIds: [...new Set([createdBy, ...authorRows.filter((a) => a.ideaId === i.id).map((a) => a.userId)].filter((x): x is string => !!x))],
  }))
  return {
    voteShare: evaluation?.voteShare ?? DEFAULT_VOTE_SHARE,
    publishedAt: evaluation?.publishedAt ?? null,
    selectedAt: evaluation?.selectedAt ?? null,
    criteria,
    jury: jury as JurorPublic[],
    shortlist: ideasWithAuthors,
    scores,
    decisions,
  }
}
type Loaded = Awaited<ReturnType<typeof loadEvaluation>>

/** Whether the juror wrote or co-wrote the idea (then they may not score it). */
export const hasConflict = (idea: Pick<ShortlistIdea, 'authorIds'>, userId: string) => idea.authorIds.includes(userId)

/** A juror has submitted an idea's scores when they scored it on every current criterion. */
function submitted(loaded: Pick<Loaded, 'criteria' | 'scores'>, jurorId: string, ideaId: string) {
  if (loaded.criteria.length === 0) return false
  const mine = new Set(loaded.scores.filter((s) => s.jurorId === jurorId && s.ideaId === ideaId).map((s) => s.criterionId))
  return loaded.criteria.every((c) => mine.has(c.id))
}

function rankingOf(loaded: Loaded): IdeaResult[] {
  return computeRanking({
    criteria: loaded.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
    voteShare: loaded.voteShare,
    ideas: loaded.shortlist.map((i) => ({ id: i.id, title: i.title, votes: i.votes })),
    scores: loaded.scores,
    expectedJurors: Object.fromEntries(loaded.shortlist.map((i) => [i.id, loaded.jury.filter((j) => !hasConflict(i, j.id)).map((j) => j.id)])),
  })
}

/** The ranking and every score are public once the selection is recorded (or the challenge has moved past evaluation). */
export function resultsArePublic(challenge: Pick<Challenge, 'phase'>, loaded: Pick<Loaded, 'selectedAt'>) {
  return !!loaded.selectedAt || challenge.phase === 'piloting' || challenge.phase === 'closed'
}

/**
 * Blind scoring holds for every juror, whatever their role: a juror who still has a shortlisted
 * idea to score (not their own, not yet submitted) sees nobody else's scores, so neither the
 * provisional ranking (its means are the others' scores) while the results are not public.
 */
export function stillScoring(loaded: Pick<Loaded, 'jury' | 'shortlist' | 'criteria' | 'scores'>, userId: string | undefined) {
  if (!userId || !loaded.jury.some((j) => j.id === userId)) return false
  return loaded.shortlist.some((i) => !hasConflict(i, userId) && !submitted(loaded, userId, i.id))
}

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
    items,
  }
}

// ——— The facilitator's changes ———

async function lockEvaluation(tx: Tx, challengeId: string) {
  await tx.insert(evaluations).values({ challengeId, voteShare: DEFAULT_VOTE_SHARE }).onConflictDoNothing()
  const [row] = await tx.select().from(evaluations).where(eq(evaluations.challengeId, challengeId)).for('update')
  return row
}

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
  return getDb().transaction(async (tx) => {
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
    return now
  })
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

/** Names a juror (any account, found by e-mail) with the affiliation shown next to their name; they are notified. */
export async function addJuror(actor: Actor, idOrSlug: string, input: { email: string; affiliation: string }) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  const [person] = await getDb().select().from(users).where(eq(users.email, input.email.trim().toLowerCase()))
  if (!person || person.blockedAt) throw invalid({ email: ['evaluation.validation.noSuchPerson'] })
  await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const rows = await tx.insert(juryMembers).values({ challengeId: challenge.id, userId: person.id, affiliation: input.affiliation, addedBy: user.id }).onConflictDoNothing().returning()
    if (rows.length === 0) throw invalid({ email: ['evaluation.validation.alreadyJuror'] })
    await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_add', entityType: 'challenge', entityId: challenge.id, after: { userId: person.id, name: person.name, affiliation: input.affiliation } })
  })
  await notifyUsers([person.id], { kind: 'evaluation.juror', payload: { title: challenge.title }, link: `/retos/${challenge.slug}/jurado` })
  return { id: person.id, name: person.name }
}

/** Removes a juror who has not scored yet (scores already given stay part of the record). */
export async function removeJuror(actor: Actor, idOrSlug: string, userId: string) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const [given] = await tx
      .select({ n: juryScores.score })
      .from(juryScores)
      .where(and(eq(juryScores.challengeId, challenge.id), eq(juryScores.jurorId, userId)))
      .limit(1)
    if (given) throw new DomainError('conflict', 'evaluation.errors.jurorHasScores')
    const rows = await tx.delete(juryMembers).where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, userId))).returning()
    if (rows.length === 0) throw new DomainError('not_found')
    await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_remove', entityType: 'challenge', entityId: challenge.id, before: { userId, affiliation: rows[0].affiliation } })
  })
}

/**
 * Replaces the whole jury (the API): people added are notified, people left out are removed (refused
 * if they have scored: their scores stay part of the record), affiliations are updated. One
 * transaction, one audit record per change, as the forms' add and remove leave.
 */
export async function setJury(actor: Actor, idOrSlug: string, input: JuryInput) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  const wanted = new Map(input.members.map((m) => [m.userId, m.affiliation]))
  const people = wanted.size ? await getDb().select({ id: users.id, name: users.name, blockedAt: users.blockedAt }).from(users).where(inArray(users.id, [...wanted.keys()])) : []
  const known = new Map(people.filter((p) => !p.blockedAt).map((p) => [p.id, p.name]))
  const unknown = input.members.findIndex((m) => !known.has(m.userId))
  if (unknown >= 0) throw invalid({ [`members.${unknown}.userId`]: ['evaluation.validation.noSuchAccount'] })
  const added = await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const current = await tx.select().from(juryMembers).where(eq(juryMembers.challengeId, challenge.id))
    const leaving = current.filter((j) => !wanted.has(j.userId))
    if (leaving.length) {
      const [given] = await tx
        .select({ n: juryScores.score })
        .from(juryScores)
        .where(and(eq(juryScores.challengeId, challenge.id), inArray(juryScores.jurorId, leaving.map((j) => j.userId))))
        .limit(1)
      if (given) throw new DomainError('conflict', 'evaluation.errors.jurorHasScores')
      await tx.delete(juryMembers).where(and(eq(juryMembers.challengeId, challenge.id), inArray(juryMembers.userId, leaving.map((j) => j.userId))))
      for (const j of leaving) {
        await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_remove', entityType: 'challenge', entityId: challenge.id, before: { userId: j.userId, affiliation: j.affiliation } })
      }
    }
    const newIds: string[] = []
    for (const [userId, affiliation] of wanted) {
      const existing = current.find((j) => j.userId === userId)
      if (!existing) {
        await tx.insert(juryMembers).values({ challengeId: challenge.id, userId, affiliation, addedBy: user.id })
        await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_add', entityType: 'challenge', entityId: challenge.id, after: { userId, name: known.get(userId), affiliation } })
        newIds.push(userId)
      } else if (existing.affiliation !== affiliation) {
        await tx.update(juryMembers).set({ affiliation }).where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, userId)))
        await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_update', entityType: 'challenge', entityId: challenge.id, before: { userId, affiliation: existing.affiliation }, after: { userId, affiliation } })
      }
    }
    return newIds
  })
  await notifyUsers(added, { kind: 'evaluation.juror', payload: { title: challenge.title }, link: `/retos/${challenge.slug}/jurado` })
  return challenge
}

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
  const [idea] = UUID.test(ideaId) ? await getDb().select({ challengeId: ideas.challengeId }).from(ideas).where(eq(ideas.id, ideaId)) : []
  if (!idea) throw new DomainError('not_found')
  return shortlistIdea(user, idea.challengeId, ideaId)
}

// ——— Jurors ———

/** Before reading a score body: the person is on the jury of the idea's challenge (else 404/403, whatever they sent). */
export async function requireJurorOfIdea(actor: Actor, ideaId: string) {
  const user = requirePermission(actor, 'score:idea:own')
  if (!UUID.test(ideaId)) throw new DomainError('not_found')
  const [row] = await getDb().select({ challengeId: ideas.challengeId }).from(ideas).where(eq(ideas.id, ideaId))
  if (!row) throw new DomainError('not_found')
  const challenge = await getChallenge(user, row.challengeId)
  const [member] = await getDb()
    .select({ userId: juryMembers.userId })
    .from(juryMembers)
    .where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, user.id)))
  if (!member) throw new DomainError('forbidden', 'evaluation.errors.notJuror')
  return user
}

/**
 * A juror scores one shortlisted idea on every criterion (1–5, with a rationale), once. Refused
 * for someone not on the jury, for an idea they wrote or co-wrote, before the criteria are
 * published, outside the evaluation phase and after the selection.
 */
export async function submitScores(actor: Actor, ideaId: string, input: ScoresInput) {
  const user = requirePermission(actor, 'score:idea:own')
  if (!UUID.test(ideaId)) throw new DomainError('not_found')
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

// ——— The selection ———

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

  const followerRows = await getDb()
    .select({ userId: follows.userId, ideaId: follows.targetId })
    .from(follows)
    .where(and(eq(follows.targetType, 'idea'), inArray(follows.targetId, decided.map((d) => d.id))))
  for (const idea of decided) {
    const recipients = [...idea.authorIds, ...followerRows.filter((f) => f.ideaId === idea.id).map((f) => f.userId)].filter((id) => id !== user.id)
    await notifyUsers(recipients, {
      kind: 'idea.status',
      payload: { ideaId: idea.id, title: idea.title, status: idea.selected ? 'selected' : 'not_selected', reason: idea.rationale },
      link: `/ideas/${idea.id}`,
    })
  }
  return { challenge, selectedIdeaIds: decided.filter((d) => d.selected).map((d) => d.id) }
}

// ——— Links from the challenge page ———

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
