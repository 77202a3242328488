import { and, asc, desc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm'
import { getDb, type Db } from '#db/client.ts'
import { challenges, ideaAuthors, ideas, users, type Challenge, type Idea, type IdeaStatus } from '#db/schema.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { can } from '../platform/permissions.ts'
import { isUuid } from '../platform/schemas.ts'
import { type Actor } from '../platform/types.ts'

// Reading ideas: one idea for a person, a challenge's list, similar titles, merge candidates.

export const IDEAS_PAGE_SIZE = 20

/** `deleted` only when the account was deleted (then the name is "Cuenta eliminada" and there is no profile). */
export type IdeaAuthor = { id: string; name: string; deleted?: true }

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
    .select({ ideaId: ideaAuthors.ideaId, id: users.id, name: users.name, deleted: sql<boolean>`${users.deletedAt} is not null` })
    .from(ideaAuthors)
    .innerJoin(users, eq(users.id, ideaAuthors.userId))
    .where(and(inArray(ideaAuthors.ideaId, ideaIds), isNotNull(ideaAuthors.acceptedAt)))
    .orderBy(asc(ideaAuthors.acceptedAt), asc(users.name))
  for (const r of rows) out.get(r.ideaId)?.push({ id: r.id, name: r.name, ...(r.deleted ? { deleted: true as const } : {}) })
  return out
}

export async function isAcceptedAuthor(ideaId: string, userId: string, db: Pick<Db, 'select'> = getDb()) {
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
  if (!isUuid(id)) throw new DomainError('not_found')
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

/** Used by the comments service: may `actor` see this idea's content (and so its comments)? */
export async function ideaVisibleTo(actor: Actor, idea: Idea) {
  return idea.status !== 'hidden' || seesHidden(actor, idea)
}
