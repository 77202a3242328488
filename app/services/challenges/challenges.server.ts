import { and, arrayContains, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, like, ne, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { getDb } from '#db/client.ts'
import { challenges, comments, ideaAuthors, ideas, institutions, users, type Challenge, type Phase } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { challengeRuleErrors, dateFields, type ChallengeInput, type ChallengeListQuery, type ChallengePatch } from './challenge-schemas.ts'
import { DomainError } from '../platform/errors.ts'
import { slugify } from '../accounts/institutions.server.ts'
import { notifyFollowers, notifyUsers } from '../notifications/notifications.server.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { canMove, isPublic, phaseDateField, phaseDueAt, phaseIndex, phaseOrder, votingRulesEditable } from './phases.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'
import { removeStoredFile, storeFile, type FileInput } from '../platform/stored-files.server.ts'
import { type Actor, type Tx } from '../platform/types.ts'
import { isUuid } from '../platform/schemas.ts'



/** Drafts are seen by the lab and by officials of the proposing institution; everything else is public. */
export function canSeeChallenge(actor: SessionUser | null | undefined, challenge: Pick<Challenge, 'phase' | 'institutionId'>) {
  if (isPublic(challenge.phase)) return true
  if (can(actor, 'read:challenge-draft')) return true
  return !!actor && can(actor, 'read:challenge-draft:own') && actor.institutionId === challenge.institutionId
}

const byIdOrSlug = (idOrSlug: string) => (isUuid(idOrSlug) ? or(eq(challenges.id, idOrSlug), eq(challenges.slug, idOrSlug)) : eq(challenges.slug, idOrSlug))

/** A challenge by id or slug that the actor may see, or `not_found` (a draft is not revealed to outsiders). */
export async function getChallenge(actor: SessionUser | null | undefined, idOrSlug: string): Promise<Challenge> {
  const [row] = await getDb().select().from(challenges).where(byIdOrSlug(idOrSlug))
  if (!row || !canSeeChallenge(actor, row)) throw new DomainError('not_found')
  return row
}

// ——— What the actor may do (the UI asks the same functions to hide what is not allowed) ———

/** Whether the actor may propose challenges at all, and for which institution (null: any). */
export function challengeCreationScope(actor: Actor): { institutionId: string | null } | false {
  if (!actor || actor.blockedAt) return false
  if (can(actor, 'create:challenge')) return { institutionId: null }
  if (can(actor, 'create:challenge:own') && actor.institutionId) return { institutionId: actor.institutionId }
  return false
}

export function canEditChallenge(actor: Actor, challenge: Pick<Challenge, 'phase' | 'institutionId'>) {
  if (can(actor, 'update:challenge')) return true
  return !!actor && can(actor, 'update:challenge:own') && actor.institutionId === challenge.institutionId && challenge.phase === 'draft'
}

/** The phases a facilitator may move this challenge to now. */
export function allowedMoves(actor: Actor, challenge: Pick<Challenge, 'phase'>): Phase[] {
  if (!can(actor, 'move:challenge-phase')) return []
  return phaseOrder.filter((p) => p !== challenge.phase && canMove(challenge.phase, p))
}

// ——— The shape pages and the API share ———

export type ChallengeRow = Omit<Challenge, 'search'> & { institutionName: string; institutionAcronym: string }

const challengeColumns = (() => {
  const { search: _search, ...columns } = getTableColumns(challenges)
  return columns
})()
const withInstitution = { ...challengeColumns, institutionName: institutions.name, institutionAcronym: institutions.acronym }

export const coverImageUrl = (name: string | null) => (name ? `/uploads/${name}` : null)

/** A challenge as the API answers it (and as pages read it): the one serialiser. */
export function serializeChallenge(row: ChallengeRow) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    phase: row.phase,
    institution: { id: row.institutionId, name: row.institutionName, acronym: row.institutionAcronym },
    voting: { method: row.votingMethod, budget: row.votingBudget, maxPerIdea: row.votingMaxPerIdea },
    problem: row.problem,
    problemHtml: renderMarkdown(row.problem),
    serviceArea: row.serviceArea,
    territory: { department: row.department, municipality: row.municipality },
    sdgTargets: row.sdgTargets,
    coverImageUrl: coverImageUrl(row.coverImage),
    dates: Object.fromEntries(dateFields.map((f) => [f, row[f]?.toISOString() ?? null])) as Record<(typeof dateFields)[number], string | null>,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}
export type ChallengeJson = ReturnType<typeof serializeChallenge>

/** Like getChallenge, with the institution's name. */
export async function getChallengeRow(actor: Actor, idOrSlug: string): Promise<ChallengeRow> {
  // One query with the institution (a page reads this on every view), the same check as getChallenge.
  const [row] = await getDb().select(withInstitution).from(challenges).innerJoin(institutions, eq(challenges.institutionId, institutions.id)).where(byIdOrSlug(idOrSlug))
  if (!row || !canSeeChallenge(actor, row)) throw new DomainError('not_found')
  return row
}

async function rowById(id: string): Promise<ChallengeRow> {
  const [row] = await getDb().select(withInstitution).from(challenges).innerJoin(institutions, eq(challenges.institutionId, institutions.id)).where(eq(challenges.id, id))
  if (!row) throw new DomainError('not_found')
  return row
}

/** What the audit log keeps of a challenge (everything but the search vector). */
function auditView(c: Challenge) {
  const { search: _search, ...rest } = c
  return rest
}

// ——— Listing ———

export const CHALLENGES_PAGE_SIZE = 20

/** Challenges the actor may see, newest first, with filters and Spanish full-text search (accents ignored). */
export async function listChallenges(actor: Actor, query: Partial<ChallengeListQuery> = {}, pageSize = CHALLENGES_PAGE_SIZE) {
  const page = Math.max(1, query.page ?? 1)
  const conditions: (SQL | undefined)[] = []
  if (!can(actor, 'read:challenge-draft')) {
    const own = actor && can(actor, 'read:challenge-draft:own') && actor.institutionId ? eq(challenges.institutionId, actor.institutionId) : undefined
    conditions.push(own ? or(ne(challenges.phase, 'draft'), own) : ne(challenges.phase, 'draft'))
  }
  if (query.phase) conditions.push(eq(challenges.phase, query.phase))
  if (query.institution) conditions.push(eq(challenges.institutionId, query.institution))
  if (query.serviceArea) conditions.push(eq(challenges.serviceArea, query.serviceArea))
  if (query.department) conditions.push(eq(challenges.department, query.department))
  if (query.sdg) conditions.push(arrayContains(challenges.sdgTargets, [query.sdg]))
  if (query.q) conditions.push(sql`${challenges.search} @@ websearch_to_tsquery('public.es_unaccent', ${query.q})`)
  const where = and(...conditions)
  const db = getDb()
  const [items, [{ total }]] = await Promise.all([
    db
      .select(withInstitution)
      .from(challenges)
      .innerJoin(institutions, eq(challenges.institutionId, institutions.id))
      .where(where)
      .orderBy(desc(challenges.createdAt), asc(challenges.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(challenges).where(where),
  ])
  return { items, total, page, pageSize }
}

/** The ideas shown on a challenge page: published, shortlisted and selected, most voted first, with their accepted authors. */
/**
 * One page of a challenge's visible ideas, most voted first (so page 1 is also the ranking),
 * with accepted authors and comment counts. Paged because a big challenge (hundreds of ideas)
 * must still be a small page on a cheap phone.
 */
export async function listChallengePageIdeas(challengeId: string, { page = 1, pageSize = 24 }: { page?: number; pageSize?: number } = {}) {
  const db = getDb()
  const visible = and(eq(ideas.challengeId, challengeId), inArray(ideas.status, ['published', 'shortlisted', 'selected']))
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: ideas.id, title: ideas.title, status: ideas.status, votes: ideas.voteTotal })
      .from(ideas)
      .where(visible)
      .orderBy(desc(ideas.voteTotal), asc(ideas.createdAt), asc(ideas.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(ideas).where(visible),
  ])
  if (rows.length === 0) return { items: [], total, page, pageSize }
  const ids = rows.map((r) => r.id)
  const [authors, commentCounts] = await Promise.all([
    db
      .select({ ideaId: ideaAuthors.ideaId, id: users.id, name: users.name })
      .from(ideaAuthors)
      .innerJoin(users, eq(ideaAuthors.userId, users.id))
      .where(and(inArray(ideaAuthors.ideaId, ids), isNotNull(ideaAuthors.acceptedAt)))
      .orderBy(asc(ideaAuthors.createdAt)),
    db
      .select({ ideaId: comments.targetId, n: sql<number>`count(*)::int` })
      .from(comments)
      .where(and(eq(comments.targetType, 'idea'), inArray(comments.targetId, ids), isNull(comments.deletedAt)))
      .groupBy(comments.targetId),
  ])
  const authorsOf = new Map<string, typeof authors>()
  for (const a of authors) authorsOf.set(a.ideaId, [...(authorsOf.get(a.ideaId) ?? []), a])
  const countOf = new Map(commentCounts.map((c) => [c.ideaId, c.n]))
  const items = rows.map((r) => ({
    ...r,
    authors: (authorsOf.get(r.id) ?? []).map(({ id, name }) => ({ id, name })),
    comments: countOf.get(r.id) ?? 0,
  }))
  return { items, total, page, pageSize }
}

// ——— Changes ———

const validationFailed = (fields: Record<string, string[]>) => new DomainError('validation', 'errors.validation', { fields })

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null
  return e?.code === '23505' || e?.cause?.code === '23505'
}

/** support: one vote per idea, so the budget and the cap are 1. */
function normaliseVoting<T extends Pick<ChallengeInput, 'votingMethod' | 'votingBudget' | 'votingMaxPerIdea'>>(input: T): T {
  return input.votingMethod === 'support' ? { ...input, votingBudget: 1, votingMaxPerIdea: 1 } : input
}


async function requireInstitution(tx: Tx, institutionId: string) {
  const [row] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, institutionId))
  if (!row) throw validationFailed({ institutionId: ['validation.institution'] })
}

/** A slug from the title, unique: "mi-reto", then "mi-reto-2", "mi-reto-3"… */
async function freeSlug(tx: Tx, title: string) {
  const base = slugify(title) || 'reto'
  const taken = new Set(
    (await tx.select({ slug: challenges.slug }).from(challenges).where(or(eq(challenges.slug, base), like(challenges.slug, `${base}-%`)))).map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** Stores the cover (when there is one) for `work`, and removes it again when `work` is refused. */
async function withStoredCover<T>(cover: FileInput | null | undefined, work: (coverImage: string | null | undefined) => Promise<T>): Promise<T> {
  const stored = cover ? await storeFile('cover', cover, 'coverImage') : undefined
  try {
    return await work(cover === null ? null : stored)
  } catch (error) {
    if (stored) await removeStoredFile('cover', stored)
    throw error
  }
}

/**
 * Officials propose drafts for their own institution; the lab (facilitators, admins) for any.
 * A new challenge is always a draft: it is published by moving it to `open`. The cover is
 * stored only once the rest is valid, and removed again if the challenge is refused.
 */
export async function createChallenge(actor: SessionUser, input: ChallengeInput, { cover = null }: { cover?: FileInput | null } = {}) {
  if (!can(actor, 'create:challenge')) {
    requirePermission(actor, 'create:challenge:own')
    if (!actor.institutionId || actor.institutionId !== input.institutionId) throw new DomainError('forbidden', 'challenges.errors.notYourInstitution')
  }
  const values = normaliseVoting(input)
  const ruleErrors = challengeRuleErrors(values)
  if (Object.keys(ruleErrors).length) throw validationFailed(ruleErrors)
  return withStoredCover(cover, (coverImage) => insertChallenge(actor, values, coverImage ?? null))
}

async function insertChallenge(actor: SessionUser, values: ChallengeInput, coverImage: string | null) {
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await getDb().transaction(async (tx) => {
        await requireInstitution(tx, values.institutionId)
        const slug = await freeSlug(tx, values.title)
        const [row] = await tx
          .insert(challenges)
          .values({ ...values, slug, coverImage, phase: 'draft', createdBy: actor.id })
          .returning()
        await recordAudit(tx, { actorId: actor.id, action: 'challenge.create', entityType: 'challenge', entityId: row.id, after: auditView(row) })
        return row
      })
      return rowById(created.id)
    } catch (error) {
      // Two challenges with the same title at once: the unique slug stops the second; it takes the next number.
      if (isUniqueViolation(error) && attempt < 5) continue
      throw error
    }
  }
}

/**
 * Facilitators edit any challenge; officials only their institution's drafts. The voting rules
 * (method, budget, cap per idea) are frozen once voting has opened. The slug never changes.
 * `cover`: a new cover (stored, and the old one removed), null to remove it, undefined to keep it.
 */
export async function updateChallenge(actor: SessionUser, challengeId: string, patch: ChallengePatch, { cover }: { cover?: FileInput | null } = {}) {
  if (!can(actor, 'update:challenge')) requirePermission(actor, 'update:challenge:own')
  await withStoredCover(cover, (coverImage) => applyUpdate(actor, challengeId, patch, coverImage))
  return rowById(challengeId)
}

/** The update itself; `coverImage`: a new stored cover, null to remove it, undefined to keep it. */
async function applyUpdate(actor: SessionUser, challengeId: string, patch: ChallengePatch, coverImage: string | null | undefined) {
  const updated = await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).for('update')
    if (!before || !canSeeChallenge(actor, before)) throw new DomainError('not_found')
    if (!canEditChallenge(actor, before)) throw new DomainError('forbidden')
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ChallengePatch
    const merged = normaliseVoting({ ...before, ...defined })
    if (!can(actor, 'update:challenge') && merged.institutionId !== actor.institutionId) throw new DomainError('forbidden', 'challenges.errors.notYourInstitution')
    if (
      !votingRulesEditable(before.phase) &&
      (merged.votingMethod !== before.votingMethod || merged.votingBudget !== before.votingBudget || merged.votingMaxPerIdea !== before.votingMaxPerIdea)
    ) {
      throw new DomainError('conflict', 'challenges.errors.votingFrozen', { fields: { votingMethod: ['challenges.validation.votingFrozen'] } })
    }
    const ruleErrors = challengeRuleErrors(merged)
    if (Object.keys(ruleErrors).length) throw validationFailed(ruleErrors)
    if (merged.institutionId !== before.institutionId) await requireInstitution(tx, merged.institutionId)
    const [after] = await tx
      .update(challenges)
      .set({
        title: merged.title,
        problem: merged.problem,
        institutionId: merged.institutionId,
        serviceArea: merged.serviceArea,
        department: merged.department,
        municipality: merged.municipality,
        sdgTargets: merged.sdgTargets,
        opensAt: merged.opensAt,
        cocreationAt: merged.cocreationAt,
        votingAt: merged.votingAt,
        evaluationAt: merged.evaluationAt,
        pilotingAt: merged.pilotingAt,
        closesAt: merged.closesAt,
        votingMethod: merged.votingMethod,
        votingBudget: merged.votingBudget,
        votingMaxPerIdea: merged.votingMaxPerIdea,
        ...(coverImage !== undefined ? { coverImage } : {}),
        updatedAt: new Date(),
      })
      .where(eq(challenges.id, challengeId))
      .returning()
    await recordAudit(tx, { actorId: actor.id, action: 'challenge.update', entityType: 'challenge', entityId: challengeId, before: auditView(before), after: auditView(after) })
    return { before, after }
  })
  // A replaced cover is not needed any more.
  if (coverImage !== undefined && updated.before.coverImage && updated.before.coverImage !== coverImage) await removeStoredFile('cover', updated.before.coverImage)
}

/**
 * The dates that go with a move: the new phase starts now (unless it already started), skipped
 * phases lose dates that lie in the future, and when moving back the later dates that have
 * passed are cleared, so the clock does not undo the correction.
 */
function datesForMove(c: Challenge, to: Phase, now: Date) {
  const set: Partial<Record<(typeof dateFields)[number], Date | null>> = {}
  const from = phaseIndex(c.phase)
  const target = phaseIndex(to)
  for (const phase of phaseOrder) {
    if (phase === 'draft') continue
    const field = phaseDateField(phase)
    const i = phaseIndex(phase)
    const at = c[field]
    if (i === target) {
      if (!at || at.getTime() > now.getTime()) set[field] = now
    } else if (target > from && i > from && i < target) {
      if (at && at.getTime() > now.getTime()) set[field] = null
    } else if (i > target) {
      if (at && at.getTime() <= now.getTime()) set[field] = null
    }
  }
  return set
}

async function applyMove(actorId: string | null, challengeId: string, to: Phase | ((c: Challenge) => Phase | null), now: Date) {
  const moved = await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).for('update')
    if (!before) throw new DomainError('not_found')
    const target = typeof to === 'function' ? to(before) : to
    if (target === null) return null
    if (!canMove(before.phase, target) || target === before.phase) throw new DomainError('conflict', 'challenges.errors.phaseMove')
    const [after] = await tx
      .update(challenges)
      .set({ phase: target, ...datesForMove(before, target, now), updatedAt: now })
      .where(eq(challenges.id, challengeId))
      .returning()
    await recordAudit(tx, { actorId, action: 'challenge.phase', entityType: 'challenge', entityId: challengeId, before: { phase: before.phase }, after: { phase: after.phase } })
    return { after, wasDraft: before.phase === 'draft' }
  })
  if (!moved) return null
  const { after } = moved
  const payload = { title: after.title, phase: after.phase }
  const link = `/retos/${after.slug}`
  // An official's draft that the lab publishes: its author is told (whether or not they follow it).
  const author = moved.wasDraft && after.createdBy && after.createdBy !== actorId ? after.createdBy : undefined
  if (author) await notifyUsers([author], { kind: 'challenge.published', payload, link })
  await notifyFollowers({ targetType: 'challenge', targetId: after.id }, { kind: 'challenge.phase', payload, link }, { except: [actorId, author] })
  return after
}

/** A facilitator moves a challenge forward to any later phase, or back one step; anything else is a `conflict`. */
export async function moveChallengePhase(actor: SessionUser, challenge: Pick<Challenge, 'id'> | string, toPhase: Phase) {
  requirePermission(actor, 'move:challenge-phase')
  const id = typeof challenge === 'string' ? challenge : challenge.id
  await applyMove(actor.id, id, toPhase, new Date())
  return rowById(id)
}

/**
 * Moves every published challenge whose dates say its next phase has started (the clock acts as
 * nobody: the audit row has no actor). Called from a timer; safe to run on several instances
 * at once (each move re-reads the challenge under a row lock).
 */
export async function advanceDuePhases(now = new Date()) {
  const candidates = await getDb()
    .select()
    .from(challenges)
    .where(notInArray(challenges.phase, ['draft', 'closed']))
  const moved: { id: string; from: Phase; to: Phase }[] = []
  for (const c of candidates) {
    if (phaseDueAt(c.phase, c, now) === c.phase) continue
    const after = await applyMove(
      null,
      c.id,
      (fresh) => {
        const due = phaseDueAt(fresh.phase, fresh, now)
        return due === fresh.phase ? null : due
      },
      now,
    )
    if (after) moved.push({ id: c.id, from: c.phase, to: after.phase })
  }
  return moved
}
