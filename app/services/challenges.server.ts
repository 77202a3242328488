import { eq, or } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, type Challenge } from '#db/schema.ts'
import { DomainError } from './errors.ts'
import { can } from './permissions.ts'
import { isPublic } from './phases.ts'
import { type SessionUser } from './sessions.server.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Drafts are seen by the lab and by officials of the proposing institution; everything else is public. */
export function canSeeChallenge(actor: SessionUser | null | undefined, challenge: Pick<Challenge, 'phase' | 'institutionId'>) {
  if (isPublic(challenge.phase)) return true
  if (can(actor, 'read:challenge-draft')) return true
  return !!actor && can(actor, 'read:challenge-draft:own') && actor.institutionId === challenge.institutionId
}

/** A challenge by id or slug that the actor may see, or `not_found` (a draft is not revealed to outsiders). */
export async function getChallenge(actor: SessionUser | null | undefined, idOrSlug: string): Promise<Challenge> {
  const where = UUID.test(idOrSlug) ? or(eq(challenges.id, idOrSlug), eq(challenges.slug, idOrSlug)) : eq(challenges.slug, idOrSlug)
  const [row] = await getDb().select().from(challenges).where(where)
  if (!row || !canSeeChallenge(actor, row)) throw new DomainError('not_found')
  return row
}
