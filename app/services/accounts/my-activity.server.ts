import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, cocreationSessions, comments, ideaAuthors, ideas, sessionParticipants, voteBudgets, votes } from '#db/schema.ts'
import { type Language } from '#app/domain/vocabulary.ts'
import { DomainError } from '../platform/errors.ts'
import { type Actor } from '../platform/types.ts'
import { listFollows } from '../notifications/follows.server.ts'
import { listNotifications, notificationText } from '../notifications/notifications.server.ts'
import { commentTargets } from './profiles.server.ts'

export const ACTIVITY_LIMITS = { ideas: 50, comments: 10, sessions: 20, changes: 8 } as const

/**
 * "Mi actividad" (issue 11 §3): a signed-in person's own record — their ideas and where each stands,
 * their votes per challenge with what remains of their budget, the sessions they joined, their latest
 * comments, what they follow, and the latest changes on all of it (their notifications).
 */
export async function myActivity(actor: Actor, lang: Language) {
  if (!actor) throw new DomainError('unauthenticated')
  const db = getDb()
  const [ideaRows, voteRows, budgetRows, votingNow, sessionRows, commentRows, follows, notifications] = await Promise.all([
    db
      .select({ id: ideas.id, title: ideas.title, status: ideas.status, statusReason: ideas.statusReason, votes: ideas.voteTotal, updatedAt: ideas.updatedAt, challengeSlug: challenges.slug, challengeTitle: challenges.title })
      .from(ideaAuthors)
      .innerJoin(ideas, eq(ideas.id, ideaAuthors.ideaId))
      .innerJoin(challenges, eq(challenges.id, ideas.challengeId))
      .where(and(eq(ideaAuthors.userId, actor.id), isNotNull(ideaAuthors.acceptedAt)))
      .orderBy(desc(ideas.updatedAt), desc(ideas.id))
      .limit(ACTIVITY_LIMITS.ideas),
    db
      .select({ challengeId: votes.challengeId, ideaId: ideas.id, ideaTitle: ideas.title, count: votes.count })
      .from(votes)
      .innerJoin(ideas, eq(ideas.id, votes.ideaId))
      .where(eq(votes.userId, actor.id))
      .orderBy(desc(votes.updatedAt)),
    db
      .select({ challengeId: challenges.id, slug: challenges.slug, title: challenges.title, phase: challenges.phase, method: challenges.votingMethod, budget: voteBudgets.budget, used: voteBudgets.used })
      .from(voteBudgets)
      .innerJoin(challenges, eq(challenges.id, voteBudgets.challengeId))
      .where(eq(voteBudgets.userId, actor.id))
      .orderBy(asc(challenges.title)),
    // Challenges in their voting phase now: where the person has not voted yet, the page says what they still have.
    db
      .select({ challengeId: challenges.id, slug: challenges.slug, title: challenges.title, phase: challenges.phase, method: challenges.votingMethod, budget: challenges.votingBudget })
      .from(challenges)
      .where(eq(challenges.phase, 'voting'))
      .orderBy(asc(challenges.title)),
    db
      .select({ id: cocreationSessions.id, title: cocreationSessions.title, status: cocreationSessions.status, startsAt: cocreationSessions.startsAt, joinedAt: sessionParticipants.joinedAt, challengeSlug: challenges.slug, challengeTitle: challenges.title })
      .from(sessionParticipants)
      .innerJoin(cocreationSessions, eq(cocreationSessions.id, sessionParticipants.sessionId))
      .innerJoin(challenges, eq(challenges.id, cocreationSessions.challengeId))
      .where(eq(sessionParticipants.userId, actor.id))
      .orderBy(desc(cocreationSessions.startsAt))
      .limit(ACTIVITY_LIMITS.sessions),
    db
      .select({ id: comments.id, body: comments.body, targetType: comments.targetType, targetId: comments.targetId, hiddenAt: comments.hiddenAt, createdAt: comments.createdAt })
      .from(comments)
      .where(and(eq(comments.authorId, actor.id), isNull(comments.deletedAt)))
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(ACTIVITY_LIMITS.comments),
    listFollows(actor),
    listNotifications(actor, { page: 1 }),
  ])
  const targets = await commentTargets(commentRows)
  // Votes grouped by challenge; a challenge with votes always has its budget row (the per-person lock).
  const votesOf = new Map<string, { ideaId: string; ideaTitle: string; count: number }[]>()
  for (const v of voteRows) votesOf.set(v.challengeId, [...(votesOf.get(v.challengeId) ?? []), { ideaId: v.ideaId, ideaTitle: v.ideaTitle, count: v.count }])
  return {
    ideas: ideaRows.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
    votes: [
      ...budgetRows.filter((b) => (votesOf.get(b.challengeId)?.length ?? 0) > 0),
      ...votingNow.filter((c) => !votesOf.has(c.challengeId)).map((c) => ({ ...c, used: 0 })),
    ].map((b) => ({
        challenge: { slug: b.slug, title: b.title, phase: b.phase },
        method: b.method,
        // support has no budget to run out of; dots show used of budget and what remains.
        budget: b.method === 'dots' ? { budget: b.budget, used: b.used, left: b.budget - b.used } : null,
        ideas: votesOf.get(b.challengeId) ?? [],
      })),
    sessions: sessionRows.map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), joinedAt: s.joinedAt.toISOString() })),
    comments: commentRows.map((c) => {
      const target = targets.get(`${c.targetType}:${c.targetId}`)
      return { id: c.id, body: c.body, hidden: !!c.hiddenAt, createdAt: c.createdAt.toISOString(), target: target ? { title: target.title, href: `${target.href}#comment-${c.id}` } : null }
    }),
    follows: follows.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    changes: {
      unread: notifications.unread,
      items: notifications.items.slice(0, ACTIVITY_LIMITS.changes).map((n) => ({ id: n.id, text: notificationText(lang, n), link: n.link, read: !!n.readAt, createdAt: n.createdAt.toISOString() })),
    },
  }
}
export type MyActivity = Awaited<ReturnType<typeof myActivity>>
