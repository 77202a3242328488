import { and, desc, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '#db/client.ts'
import { challenges, cocreationSessions, comments, ideaAuthors, ideas, institutions, pilots, sessionParticipants, users, type IdeaStatus } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { isUuid, safeText } from '../platform/schemas.ts'
import { type SessionUser } from '../platform/types.ts'

/** What else a person chooses to show on their public profile (the /settings form and this service share it). */
export const publicProfileSchema = z.object({
  bio: safeText().trim().max(280, 'validation.tooLong').default(''),
  // A ticked checkbox sends `on`; an unticked one sends nothing.
  showSessions: z.literal('on').optional().transform((v) => v === 'on'),
})
export type PublicProfileChoices = z.output<typeof publicProfileSchema>

export async function getProfileChoices(actor: SessionUser) {
  const [row] = await getDb().select({ bio: users.profileBio, showSessions: users.profileShowsSessions }).from(users).where(eq(users.id, actor.id))
  if (!row) throw new DomainError('not_found')
  return row
}

/** The person's own choice of what else their profile shows; audited like every profile change. */
export async function updateProfileChoices(actor: SessionUser, input: PublicProfileChoices) {
  requirePermission(actor, 'update:profile:own')
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select({ bio: users.profileBio, showSessions: users.profileShowsSessions }).from(users).where(eq(users.id, actor.id)).for('update')
    await tx.update(users).set({ profileBio: input.bio, profileShowsSessions: input.showSessions, updatedAt: new Date() }).where(eq(users.id, actor.id))
    await recordAudit(tx, { actorId: actor.id, action: 'user.update_public_profile', entityType: 'user', entityId: actor.id, before, after: input })
  })
}

/** Idea statuses anyone may read (submitted drafts, hidden and merged ideas are not a person's public record). */
const PUBLIC_IDEA_STATUSES = ['published', 'shortlisted', 'selected', 'not_selected'] as const satisfies readonly IdeaStatus[]
/** Roles shown on a profile: the capacity in which someone acts in public. Citizens are simply people. */
const PUBLIC_ROLES = ['facilitator', 'official', 'admin'] as const

export const PROFILE_LIMITS = { ideas: 20, comments: 10, pilots: 20, sessions: 20 } as const

/**
 * A person's public profile (issue 11 §3): their name, their role and institution when they act for one,
 * since when they take part, and their public contributions — ideas (as an accepted author) on public
 * challenges, comments on things anyone can read, the pilots they lead — and what else they chose to show
 * (a few words about themselves, the sessions they took part in). Never the e-mail, the language, votes,
 * follows or anything else from the account. A deleted account has no profile (`gone`).
 */
export async function getPublicProfile(id: string) {
  if (!isUuid(id)) return { kind: 'not_found' as const }
  const db = getDb()
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      bio: users.profileBio,
      showsSessions: users.profileShowsSessions,
      createdAt: users.createdAt,
      deletedAt: users.deletedAt,
      institutionAcronym: institutions.acronym, institutionName: institutions.name })
    .from(users)
    .leftJoin(institutions, eq(users.institutionId, institutions.id))
    .where(eq(users.id, id))
  if (!person) return { kind: 'not_found' as const }
  if (person.deletedAt) return { kind: 'gone' as const }

  const ideaWhere = and(
    eq(ideaAuthors.userId, id),
    isNotNull(ideaAuthors.acceptedAt),
    inArray(ideas.status, PUBLIC_IDEA_STATUSES),
    ne(challenges.phase, 'draft'),
  )
  // A comment is public when it is neither deleted nor hidden and what it is on is public: a challenge
  // out of draft, a public idea of such a challenge, or a pilot (pilots are always public).
  const commentWhere = and(
    eq(comments.authorId, id),
    isNull(comments.deletedAt),
    isNull(comments.hiddenAt),
    or(
      and(eq(comments.targetType, 'challenge'), sql`exists (select 1 from challenges c where c.id = ${comments.targetId} and c.phase <> 'draft')`),
      and(
        eq(comments.targetType, 'idea'),
        sql`exists (select 1 from ideas i join challenges c on c.id = i.challenge_id where i.id = ${comments.targetId} and c.phase <> 'draft' and i.status not in ('submitted', 'hidden'))`,
      ),
      and(eq(comments.targetType, 'pilot'), sql`exists (select 1 from pilots p where p.id = ${comments.targetId})`),
    ),
  )
  const [ideaRows, [ideaCount], commentRows, [commentCount], pilotRows, sessionRows] = await Promise.all([
    db
      .select({ id: ideas.id, title: ideas.title, status: ideas.status, votes: ideas.voteTotal, createdAt: ideas.createdAt, challengeSlug: challenges.slug, challengeTitle: challenges.title })
      .from(ideaAuthors)
      .innerJoin(ideas, eq(ideas.id, ideaAuthors.ideaId))
      .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
      .where(ideaWhere)
      .orderBy(desc(ideas.createdAt), desc(ideas.id))
      .limit(PROFILE_LIMITS.ideas),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(ideaAuthors)
      .innerJoin(ideas, eq(ideas.id, ideaAuthors.ideaId))
      .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
      .where(ideaWhere),
    db
      .select({ id: comments.id, body: comments.body, targetType: comments.targetType, targetId: comments.targetId, createdAt: comments.createdAt })
      .from(comments)
      .where(commentWhere)
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(PROFILE_LIMITS.comments),
    db.select({ n: sql<number>`count(*)::int` }).from(comments).where(commentWhere),
    db
      .select({ id: pilots.id, slug: pilots.slug, title: pilots.title, status: pilots.status })
      .from(pilots)
      .where(eq(pilots.leadId, id))
      .orderBy(desc(pilots.createdAt))
      .limit(PROFILE_LIMITS.pilots),
    // Only when the person chose to show them.
    person.showsSessions
      ? db
          .select({ id: cocreationSessions.id, title: cocreationSessions.title, startsAt: cocreationSessions.startsAt, challengeTitle: challenges.title })
          .from(sessionParticipants)
          .innerJoin(cocreationSessions, eq(cocreationSessions.id, sessionParticipants.sessionId))
          .innerJoin(challenges, eq(challenges.id, cocreationSessions.challengeId))
          .where(and(eq(sessionParticipants.userId, id), ne(challenges.phase, 'draft')))
          .orderBy(desc(cocreationSessions.startsAt))
          .limit(PROFILE_LIMITS.sessions)
      : Promise.resolve(null),
  ])
  const targets = await commentTargets(commentRows)
  const showsRole = (PUBLIC_ROLES as readonly string[]).includes(person.role)
  return {
    kind: 'profile' as const,
    person: {
      id: person.id,
      name: person.name,
      role: showsRole ? person.role : null,
      institution: person.institutionName ? { acronym: person.institutionAcronym!, name: person.institutionName } : null,
      memberSince: person.createdAt.toISOString(),
      bio: person.bio,
    },
    ideas: { items: ideaRows.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })), total: ideaCount.n },
    comments: {
      items: commentRows.flatMap((c) => {
        const target = targets.get(`${c.targetType}:${c.targetId}`)
        return target ? [{ id: c.id, body: c.body, createdAt: c.createdAt.toISOString(), target: { title: target.title, href: `${target.href}#comment-${c.id}` } }] : []
      }),
      total: commentCount.n,
    },
    pilots: pilotRows,
    /** null when the person chose not to show them. */
    sessions: sessionRows ? sessionRows.map((s) => ({ ...s, startsAt: s.startsAt.toISOString() })) : null,
  }
}
export type PublicProfile = Extract<Awaited<ReturnType<typeof getPublicProfile>>, { kind: 'profile' }>

/** The title and page of what each comment is on (only public ideas; challenges and pilots by id). */
export async function commentTargets(rows: { targetType: string; targetId: string }[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type).map((r) => r.targetId))]
  const db = getDb()
  const none = Promise.resolve([] as { id: string; title: string; slug?: string }[])
  const [challengeRows, ideaRows, pilotRows] = await Promise.all([
    ids('challenge').length ? db.select({ id: challenges.id, title: challenges.title, slug: challenges.slug }).from(challenges).where(inArray(challenges.id, ids('challenge'))) : none,
    ids('idea').length ? db.select({ id: ideas.id, title: ideas.title }).from(ideas).where(and(inArray(ideas.id, ids('idea')), notInArray(ideas.status, ['submitted', 'hidden']))) : none,
    ids('pilot').length ? db.select({ id: pilots.id, title: pilots.title, slug: pilots.slug }).from(pilots).where(inArray(pilots.id, ids('pilot'))) : none,
  ])
  const out = new Map<string, { title: string; href: string }>()
  for (const c of challengeRows) out.set(`challenge:${c.id}`, { title: c.title, href: `/retos/${c.slug}` })
  for (const i of ideaRows) out.set(`idea:${i.id}`, { title: i.title, href: `/ideas/${i.id}` })
  for (const p of pilotRows) out.set(`pilot:${p.id}`, { title: p.title, href: `/pilotos/${p.slug}` })
  return out
}
