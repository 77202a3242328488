import { and, desc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '#db/client.ts'
import { challenges, follows, ideaAuthors, ideas, pilots, type TargetType } from '#db/schema.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { addFollow } from './notifications.server.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { uuidSchema } from '../platform/schemas.ts'
import { pilotForThread } from '../pilots/pilots.server.ts'
import { type Actor } from '../platform/types.ts'

/** What a person can follow. */
export const followTargetTypes = ['challenge', 'idea', 'pilot'] as const
export type FollowTargetType = (typeof followTargetTypes)[number]

export const followTargetSchema = z.object({
  targetType: z.enum(followTargetTypes, { error: 'validation.invalid' }),
  targetId: uuidSchema,
})
export type FollowTarget = z.output<typeof followTargetSchema>

/** Ideas anyone may read; the rest only their authors and the lab see. */
const publicIdeaStatuses = ['published', 'shortlisted', 'selected', 'not_selected', 'merged'] as const

type Followable = { targetType: FollowTargetType; targetId: string; title: string; link: string }

/** The target if it exists and the actor may see it; `not_found` otherwise (nothing is revealed about hidden things). */
export async function getFollowable(actor: Actor, target: FollowTarget): Promise<Followable> {
  const db = getDb()
  if (target.targetType === 'challenge') {
    const [row] = await db.select().from(challenges).where(eq(challenges.id, target.targetId))
    if (!row || !canSeeChallenge(actor, row)) throw new DomainError('not_found')
    return { ...target, title: row.title, link: `/retos/${row.slug}` }
  }
  if (target.targetType === 'idea') {
    const [row] = await db
      .select({ idea: ideas, challenge: challenges })
      .from(ideas)
      .innerJoin(challenges, eq(ideas.challengeId, challenges.id))
      .where(eq(ideas.id, target.targetId))
    if (!row || !canSeeChallenge(actor, row.challenge)) throw new DomainError('not_found')
    if (!(publicIdeaStatuses as readonly string[]).includes(row.idea.status) && !can(actor, 'moderate')) {
      const [author] = actor
        ? await db
            .select({ userId: ideaAuthors.userId })
            .from(ideaAuthors)
            .where(and(eq(ideaAuthors.ideaId, row.idea.id), eq(ideaAuthors.userId, actor.id)))
        : []
      if (row.idea.createdBy !== actor?.id && !author) throw new DomainError('not_found')
    }
    return { ...target, title: row.idea.title, link: `/ideas/${row.idea.id}` }
  }
  const pilot = await pilotForThread(target.targetId)
  return { ...target, title: pilot.title, link: pilot.link }
}

/** Follows a visible target (idempotent). */
export async function follow(actor: Actor, target: FollowTarget) {
  const person = requirePermission(actor, 'follow')
  await getFollowable(person, target)
  await addFollow(person.id, target.targetType as TargetType, target.targetId)
  return { following: true as const }
}

/** Stops following (idempotent; works even if the target has since been hidden). */
export async function unfollow(actor: Actor, target: FollowTarget) {
  const person = requirePermission(actor, 'follow')
  await getDb()
    .delete(follows)
    .where(and(eq(follows.userId, person.id), eq(follows.targetType, target.targetType), eq(follows.targetId, target.targetId)))
  return { following: false as const }
}

export async function isFollowing(actor: Actor, target: { targetType: TargetType; targetId: string }) {
  if (!actor) return false
  const [row] = await getDb()
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, actor.id), eq(follows.targetType, target.targetType), eq(follows.targetId, target.targetId)))
  return !!row
}

/** What the person follows, newest first, with the title and link of each target that still exists. */
export async function listFollows(actor: Actor) {
  if (!actor) throw new DomainError('unauthenticated')
  const db = getDb()
  const rows = await db.select().from(follows).where(eq(follows.userId, actor.id)).orderBy(desc(follows.createdAt))
  const ids = (type: TargetType) => rows.filter((r) => r.targetType === type).map((r) => r.targetId)
  const challengeIds = ids('challenge')
  const ideaIds = ids('idea')
  const pilotIds = ids('pilot')
  const [challengeRows, ideaRows, pilotRows] = await Promise.all([
    challengeIds.length ? db.select({ id: challenges.id, title: challenges.title, slug: challenges.slug }).from(challenges).where(inArray(challenges.id, challengeIds)) : [],
    ideaIds.length ? db.select({ id: ideas.id, title: ideas.title }).from(ideas).where(inArray(ideas.id, ideaIds)) : [],
    pilotIds.length ? db.select({ id: pilots.id, title: pilots.title, slug: pilots.slug }).from(pilots).where(inArray(pilots.id, pilotIds)) : [],
  ])
  const info = new Map<string, { title: string; link: string }>([
    ...challengeRows.map((c) => [c.id, { title: c.title, link: `/retos/${c.slug}` }] as const),
    ...ideaRows.map((i) => [i.id, { title: i.title, link: `/ideas/${i.id}` }] as const),
    ...pilotRows.map((p) => [p.id, { title: p.title, link: `/pilotos/${p.slug}` }] as const),
  ])
  return rows.map((r) => ({
    targetType: r.targetType,
    targetId: r.targetId,
    title: info.get(r.targetId)?.title ?? null,
    link: info.get(r.targetId)?.link ?? null,
    createdAt: r.createdAt,
  }))
}
