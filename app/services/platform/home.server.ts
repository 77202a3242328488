import { and, asc, desc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, cocreationSessions, ideas, institutions, pilots, pilotUpdates, selectionDecisions, users, type Challenge, type Phase } from '#db/schema.ts'
import { coverImageUrl } from '../challenges/challenges.server.ts'
import { phaseDateField, phaseIndex, phaseOrder } from '../challenges/phases.ts'

/** The phases in which a challenge is "open" on the home: people can still propose, co-create or vote. */
export const OPEN_PHASES = ['open', 'cocreation', 'voting'] as const satisfies readonly Phase[]

/** How many items each section of the home shows (each links to its full list). */
export const HOME_LIMITS = { challenges: 3, sessions: 4, selected: 4, updates: 3 } as const

/** When the challenge's current phase ends: the start of the next phase that has a date, or null. */
export function currentPhaseEndsAt(challenge: Pick<Challenge, 'phase' | 'opensAt' | 'cocreationAt' | 'votingAt' | 'evaluationAt' | 'pilotingAt' | 'closesAt'>): Date | null {
  for (const phase of phaseOrder.slice(phaseIndex(challenge.phase) + 1)) {
    if (phase === 'draft') continue
    const at = challenge[phaseDateField(phase)]
    if (at) return at
  }
  return null
}

/** A short plain-text excerpt of Markdown (headings, emphasis and links reduced to their words). */
export function excerpt(markdown: string, max = 160) {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/**
 * What is happening now, for the home page (issue 11 §3): open challenges with their covers and when
 * their current phase ends, live and upcoming co-creation sessions of public challenges, the ideas most
 * recently selected, the latest pilot updates, and the figures. Everything here is public: drafts, hidden
 * ideas and sessions of draft challenges never appear, whoever asks.
 */
export async function homeFeed(now: Date = new Date()) {
  const db = getDb()
  const publicChallenge = ne(challenges.phase, 'draft')
  const [openChallenges, [openCount], sessionRows, selectedRows, updateRows, [figures]] = await Promise.all([
    db
      .select({
        id: challenges.id,
        slug: challenges.slug,
        title: challenges.title,
        problem: challenges.problem,
        phase: challenges.phase,
        coverImage: challenges.coverImage,
        opensAt: challenges.opensAt,
        cocreationAt: challenges.cocreationAt,
        votingAt: challenges.votingAt,
        evaluationAt: challenges.evaluationAt,
        pilotingAt: challenges.pilotingAt,
        closesAt: challenges.closesAt,
        institutionAcronym: institutions.acronym,
        institutionName: institutions.name,
        ideaCount: sql<number>`(select count(*)::int from ideas i where i.challenge_id = "challenges"."id" and i.status not in ('submitted', 'hidden', 'merged'))`,
      })
      .from(challenges)
      .innerJoin(institutions, eq(challenges.institutionId, institutions.id))
      .where(inArray(challenges.phase, OPEN_PHASES))
      .orderBy(desc(challenges.createdAt), asc(challenges.id))
      .limit(HOME_LIMITS.challenges),
    db.select({ n: sql<number>`count(*)::int` }).from(challenges).where(inArray(challenges.phase, OPEN_PHASES)),
    // Live sessions first, then the scheduled ones still to come (a scheduled session whose end has passed is not "upcoming").
    db
      .select({
        id: cocreationSessions.id,
        title: cocreationSessions.title,
        status: cocreationSessions.status,
        startsAt: cocreationSessions.startsAt,
        endsAt: cocreationSessions.endsAt,
        challengeSlug: challenges.slug,
        challengeTitle: challenges.title,
      })
      .from(cocreationSessions)
      .innerJoin(challenges, eq(cocreationSessions.challengeId, challenges.id))
      .where(and(publicChallenge, or(eq(cocreationSessions.status, 'live'), and(eq(cocreationSessions.status, 'scheduled'), gt(cocreationSessions.endsAt, now)))))
      .orderBy(sql`case when ${cocreationSessions.status} = 'live' then 0 else 1 end`, asc(cocreationSessions.startsAt), asc(cocreationSessions.id))
      .limit(HOME_LIMITS.sessions),
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        voteTotal: ideas.voteTotal,
        selectedAt: selectionDecisions.createdAt,
        challengeSlug: challenges.slug,
        challengeTitle: challenges.title,
      })
      .from(selectionDecisions)
      .innerJoin(ideas, eq(selectionDecisions.ideaId, ideas.id))
      .innerJoin(challenges, eq(selectionDecisions.challengeId, challenges.id))
      .where(and(eq(selectionDecisions.selected, true), eq(ideas.status, 'selected'), publicChallenge))
      .orderBy(desc(selectionDecisions.createdAt), asc(ideas.id))
      .limit(HOME_LIMITS.selected),
    db
      .select({
        id: pilotUpdates.id,
        body: pilotUpdates.body,
        progress: pilotUpdates.progress,
        createdAt: pilotUpdates.createdAt,
        pilotSlug: pilots.slug,
        pilotTitle: pilots.title,
        authorId: users.id,
        authorName: users.name,
        authorDeleted: sql<boolean>`${users.deletedAt} is not null`,
      })
      .from(pilotUpdates)
      .innerJoin(pilots, eq(pilotUpdates.pilotId, pilots.id))
      .innerJoin(users, eq(pilotUpdates.authorId, users.id))
      .orderBy(desc(pilotUpdates.createdAt), desc(pilotUpdates.id))
      .limit(HOME_LIMITS.updates),
    db
      .select({
        ideas: sql<number>`(select count(*)::int from ideas i join challenges c on c.id = i.challenge_id where c.phase <> 'draft' and i.status not in ('submitted', 'hidden', 'merged'))`,
        votes: sql<number>`(select coalesce(sum(i.vote_total), 0)::int from ideas i)`,
        pilots: sql<number>`(select count(*)::int from pilots p where p.status in ('planned', 'active', 'paused'))`,
        people: sql<number>`(select count(*)::int from users u where u.deleted_at is null)`,
        institutions: sql<number>`(select count(*)::int from institutions)`,
      })
      .from(sql`(select 1) as one`),
  ])
  return {
    openChallenges: openChallenges.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      summary: excerpt(c.problem),
      phase: c.phase,
      cover: coverImageUrl(c.coverImage),
      institution: { acronym: c.institutionAcronym, name: c.institutionName },
      ideaCount: c.ideaCount,
      phaseEndsAt: currentPhaseEndsAt(c)?.toISOString() ?? null,
    })),
    sessions: sessionRows.map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    selectedIdeas: selectedRows.map((i) => ({ ...i, selectedAt: i.selectedAt.toISOString() })),
    pilotUpdates: updateRows.map((u) => ({
      id: u.id,
      excerpt: excerpt(u.body, 200),
      progress: u.progress,
      createdAt: u.createdAt.toISOString(),
      pilot: { slug: u.pilotSlug, title: u.pilotTitle },
      author: { id: u.authorId, name: u.authorName, deleted: u.authorDeleted },
    })),
    figures: { openChallenges: openCount.n, ...figures },
  }
}
export type HomeFeed = Awaited<ReturnType<typeof homeFeed>>
