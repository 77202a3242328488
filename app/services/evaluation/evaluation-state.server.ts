import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import { getDb, type Db } from '#db/client.ts'
import { evaluationCriteria, evaluations, ideaAuthors, ideas, juryMembers, juryScores, selectionDecisions, users, type Challenge, type IdeaStatus, type Role } from '#db/schema.ts'
import { DomainError } from '../platform/errors.ts'
import { type Tx } from '../platform/types.ts'
import { computeRanking, type IdeaResult } from './ranking.ts'

// A challenge's evaluation as every part of it reads it: loaded in one go, with the rules about
// conflicts, blind scoring and public results that the pages, the API and the changes share.

const DEFAULT_VOTE_SHARE = 20
/** Ideas that were on the shortlist: still waiting, or decided by the selection. */
const SHORTLIST_STATUSES: IdeaStatus[] = ['shortlisted', 'selected', 'not_selected']

export const invalid = (fields: Record<string, string[]>) => new DomainError('validation', 'errors.validation', { fields })

export type JurorPublic = { id: string; name: string; role: Role; affiliation: string }
export type ShortlistIdea = { id: string; title: string; status: IdeaStatus; statusReason: string | null; votes: number; authorIds: string[] }

/** Everything about a challenge's evaluation, read in one go (no permission decisions here). */
export async function loadEvaluation(challengeId: string, db: Pick<Db, 'select'> = getDb()) {
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
export type Loaded = Awaited<ReturnType<typeof loadEvaluation>>

/** Whether the juror wrote or co-wrote the idea (then they may not score it). */
export const hasConflict = (idea: Pick<ShortlistIdea, 'authorIds'>, userId: string) => idea.authorIds.includes(userId)

/** A juror has submitted an idea's scores when they scored it on every current criterion. */
export function submitted(loaded: Pick<Loaded, 'criteria' | 'scores'>, jurorId: string, ideaId: string) {
  if (loaded.criteria.length === 0) return false
  const mine = new Set(loaded.scores.filter((s) => s.jurorId === jurorId && s.ideaId === ideaId).map((s) => s.criterionId))
  return loaded.criteria.every((c) => mine.has(c.id))
}

export function rankingOf(loaded: Loaded): IdeaResult[] {
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

/** Creates the challenge's evaluation row if needed and locks it: every change to the evaluation runs under this lock. */
export async function lockEvaluation(tx: Tx, challengeId: string) {
  await tx.insert(evaluations).values({ challengeId, voteShare: DEFAULT_VOTE_SHARE }).onConflictDoNothing()
  const [row] = await tx.select().from(evaluations).where(eq(evaluations.challengeId, challengeId)).for('update')
  return row
}
