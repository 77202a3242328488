import { and, eq } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { voteBudgets, votes, type Challenge, type VotingMethod } from '#db/schema.ts'
import { acceptsVotes } from './phases.ts'
import { type SessionUser } from './sessions.server.ts'

export type VotingState = {
  method: VotingMethod
  budget: number
  maxPerIdea: number
  /** Whether votes can be cast and withdrawn now. */
  open: boolean
  /** What this person has cast, per idea id, and what remains (null when signed out). */
  mine: Record<string, number>
  remaining: number | null
}

/** The voting rules of a challenge and, for a signed-in person, what they have cast and what remains. */
export async function getVotingState(actor: SessionUser | null | undefined, challenge: Challenge): Promise<VotingState> {
  const budget = challenge.votingMethod === 'support' ? Number.POSITIVE_INFINITY : challenge.votingBudget
  const base = { method: challenge.votingMethod, budget: challenge.votingBudget, maxPerIdea: challenge.votingMaxPerIdea, open: acceptsVotes(challenge.phase) }
  if (!actor) return { ...base, mine: {}, remaining: null }
  const db = getDb()
  const [cast, [used]] = await Promise.all([
    db.select({ ideaId: votes.ideaId, count: votes.count }).from(votes).where(and(eq(votes.challengeId, challenge.id), eq(votes.userId, actor.id))),
    db.select({ used: voteBudgets.used }).from(voteBudgets).where(and(eq(voteBudgets.challengeId, challenge.id), eq(voteBudgets.userId, actor.id))),
  ])
  const mine = Object.fromEntries(cast.map((v) => [v.ideaId, v.count]))
  // support: one vote per idea, as many ideas as one likes — nothing to run out of.
  const remaining = challenge.votingMethod === 'support' ? null : budget - (used?.used ?? 0)
  return { ...base, mine, remaining }
}
