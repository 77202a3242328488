import { and, eq, sql } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, ideas, voteBudgets, votes, type Challenge, type IdeaStatus, type VotingMethod } from '#db/schema.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { publishLive, rooms } from '../notifications/live.server.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { acceptsVotes } from '../challenges/phases.ts'
import { isUuid } from '../platform/schemas.ts'
import { type Actor, type SessionUser } from '../platform/types.ts'
import { countVoteChange } from '../platform/rate-limits.server.ts'
import { LIVE_EVENTS } from '#app/board/protocol.ts'

export type VotingState = {
  challengeId: string
  method: VotingMethod
  budget: number
  maxPerIdea: number
  /** Whether votes can be cast and withdrawn now. */
  open: boolean
  /** Whether someone is signed in, and whether they may vote (blocked people may not). */
  signedIn: boolean
  canVote: boolean
  /** What this person has cast, per idea id, and what remains (null when signed out, and for `support`, where nothing runs out). */
  mine: Record<string, number>
  /** How many votes this person has cast in the challenge (support: how many ideas they support). */
  used: number
  remaining: number | null
}

/** The statuses an idea must have to receive votes. */
export const votableStatuses: readonly IdeaStatus[] = ['published', 'shortlisted']
export const isVotable = (status: IdeaStatus) => votableStatuses.includes(status)

/** support has no budget to spend: the budget row still exists (it is the per-person lock) with room for any number of ideas. */
const SUPPORT_BUDGET = 1_000_000

/** The voting rules of a challenge and, for a signed-in person, what they have cast and what remains. */
export async function getVotingState(actor: Actor, challenge: Challenge): Promise<VotingState> {
  const base = {
    challengeId: challenge.id,
    method: challenge.votingMethod,
    budget: challenge.votingBudget,
    maxPerIdea: challenge.votingMethod === 'support' ? 1 : challenge.votingMaxPerIdea,
    open: acceptsVotes(challenge.phase),
    signedIn: !!actor,
    canVote: can(actor, 'vote'),
  }
  if (!actor) return { ...base, mine: {}, used: 0, remaining: null }
  const db = getDb()
  const [cast, [row]] = await Promise.all([
    db.select({ ideaId: votes.ideaId, count: votes.count }).from(votes).where(and(eq(votes.challengeId, challenge.id), eq(votes.userId, actor.id))),
    db.select({ used: voteBudgets.used, budget: voteBudgets.budget }).from(voteBudgets).where(and(eq(voteBudgets.challengeId, challenge.id), eq(voteBudgets.userId, actor.id))),
  ])
  const mine = Object.fromEntries(cast.map((v) => [v.ideaId, v.count]))
  const used = row?.used ?? 0
  // support: one vote per idea, as many ideas as one likes — nothing to run out of.
  const remaining = challenge.votingMethod === 'support' ? null : (row?.budget ?? challenge.votingBudget) - used
  return { ...base, mine, used, remaining }
}

export type VoteResult = {
  /** The idea's tally after the change. */
  votes: number
  /** What this person now has on the idea (0 after a withdrawal). */
  mine: number
  /** dots: what this person has left in the challenge; support: null (nothing runs out). */
  remaining: number | null
}

/**
 * Casts `count` votes on an idea (support: 1; dots: how many of one's dots sit on it — setting
 * it again replaces the previous number, the same number is a no-op).
 */
export async function castVote(actor: Actor, ideaId: string, count: number): Promise<VoteResult> {
  const voter = requirePermission(actor, 'vote')
  await countVoteChange(voter.id)
  if (!Number.isSafeInteger(count) || count < 1) throw new DomainError('validation', 'errors.validation', { fields: { count: ['votes.errors.count'] } })
  return changeVote(voter, ideaId, count)
}

/** Withdraws this person's votes from an idea; withdrawing when nothing was cast answers `mine: 0` and changes nothing. */
export async function withdrawVote(actor: Actor, ideaId: string): Promise<VoteResult> {
  const voter = requirePermission(actor, 'vote')
  await countVoteChange(voter.id)
  return changeVote(voter, ideaId, 0)
}

/**
 * The one place a vote changes. In one transaction: lock the person's budget row in the
 * challenge (created on first use), so one person's changes in a challenge run one after
 * another on every engine; then move the vote row, the idea's tally and the budget's `used`
 * by the same delta. The CHECK constraints (count >= 1, 0 <= used <= budget, vote_total >= 0)
 * refuse any overspending even if this code were wrong.
 */
async function changeVote(voter: SessionUser, ideaId: string, count: number): Promise<VoteResult> {
  if (!isUuid(ideaId)) throw new DomainError('not_found')
  let changed: { challengeId: string; delta: number } | undefined
  let result: VoteResult
  try {
    result = await getDb().transaction(async (tx) => {
      const [target] = await tx
        .select({
          status: ideas.status,
          challenge: {
            id: challenges.id,
            phase: challenges.phase,
            institutionId: challenges.institutionId,
            votingMethod: challenges.votingMethod,
            votingBudget: challenges.votingBudget,
            votingMaxPerIdea: challenges.votingMaxPerIdea,
          },
        })
        .from(ideas)
        .innerJoin(challenges, eq(ideas.challengeId, challenges.id))
        .where(eq(ideas.id, ideaId))
      if (!target || !canSeeChallenge(voter, target.challenge) || (count > 0 && target.status === 'hidden')) throw new DomainError('not_found')
      const challenge = target.challenge
      if (!acceptsVotes(challenge.phase)) throw new DomainError('outside_phase', 'votes.errors.closed')
      // Withdrawing stays possible while voting is open even if the idea left the vote (hidden, merged…): one gets one's dots back.
      if (count > 0 && !isVotable(target.status)) throw new DomainError('outside_phase', 'votes.errors.notVotable')
      const dots = challenge.votingMethod === 'dots'
      if (count > 0 && !dots && count !== 1) throw new DomainError('over_budget', 'votes.errors.supportOnce')
      if (count > 0 && dots && count > challenge.votingMaxPerIdea) throw new DomainError('over_budget', 'votes.errors.maxPerIdea')

      await tx
        .insert(voteBudgets)
        .values({ challengeId: challenge.id, userId: voter.id, budget: dots ? challenge.votingBudget : SUPPORT_BUDGET, used: 0 })
        .onConflictDoNothing()
      const [budget] = await tx
        .select({ budget: voteBudgets.budget, used: voteBudgets.used })
        .from(voteBudgets)
        .where(and(eq(voteBudgets.challengeId, challenge.id), eq(voteBudgets.userId, voter.id)))
        .for('update')
      // Read after taking the lock: every earlier change of this person in this challenge has committed.
      const [current] = await tx
        .select({ count: votes.count })
        .from(votes)
        .where(and(eq(votes.ideaId, ideaId), eq(votes.userId, voter.id)))
      const before = current?.count ?? 0
      const delta = count - before
      const remainingOf = (used: number) => (dots ? budget.budget - used : null)
      if (delta === 0) {
        // Nothing to change; the tally as it is now (read after the lock, so it includes this person's earlier changes).
        const [now] = await tx.select({ voteTotal: ideas.voteTotal }).from(ideas).where(eq(ideas.id, ideaId))
        return { votes: now.voteTotal, mine: count, remaining: remainingOf(budget.used) }
      }
      if (budget.used + delta > budget.budget) throw new DomainError('over_budget')

      // The vote row, the idea's tally and the budget move together, in one statement (one round trip).
      const write =
        count === 0
          ? sql`delete from ${votes} where ${votes.ideaId} = ${ideaId} and ${votes.userId} = ${voter.id} returning 1`
          : sql`insert into ${votes} (idea_id, user_id, challenge_id, count) values (${ideaId}, ${voter.id}, ${challenge.id}, ${count})
                on conflict (idea_id, user_id) do update set count = excluded.count, updated_at = now() returning 1`
      const [after] = rowsOf<{ vote_total: number; used: number }>(
        await tx.execute(sql`
          with written as (${write}),
               tally as (update ${ideas} set vote_total = vote_total + ${delta}::int where id = ${ideaId} returning vote_total),
               spent as (update ${voteBudgets} set used = used + ${delta}::int where challenge_id = ${challenge.id} and user_id = ${voter.id} returning used)
          select tally.vote_total, spent.used, (select count(*) from written)::int as written from tally, spent`),
      )
      changed = { challengeId: challenge.id, delta }
      return { votes: after.vote_total, mine: count, remaining: remainingOf(after.used) }
    })
  } catch (error) {
    // 23514 check_violation: the database refused to overspend (or to go below zero).
    if (pgErrorCode(error) === '23514') throw new DomainError('over_budget')
    throw error
  }
  if (changed) announceTally(changed.challengeId, ideaId)
  return result
}

/** Rows of a raw query on either engine (postgres-js answers an array, PGlite `{rows}`). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

function pgErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  }
  return undefined
}

// ——— live tallies ———

type TallyJob = { dirty: boolean }
/** The tally reads under way, by idea: votes from pages and from the API share them (ADR 025). */
const tallyJobs = new Map<string, TallyJob>()

/**
 * Tells everyone watching the challenge the idea's tally. Reads the committed total instead of
 * sending the value one transaction saw, so concurrent votes cannot leave watchers with a stale
 * number; changes arriving while a read is under way are coalesced into one more read.
 */
function announceTally(challengeId: string, ideaId: string) {
  const jobs = tallyJobs
  const running = jobs.get(ideaId)
  if (running) {
    running.dirty = true
    return
  }
  const job: TallyJob = { dirty: false }
  jobs.set(ideaId, job)
  void (async () => {
    try {
      do {
        job.dirty = false
        const [row] = await getDb().select({ votes: ideas.voteTotal }).from(ideas).where(eq(ideas.id, ideaId))
        if (row) publishLive(rooms.challenge(challengeId), LIVE_EVENTS.tally, { challengeId, ideaId, votes: row.votes })
      } while (job.dirty)
    } catch {
      // The database went away (shutdown): watchers get the tally on their next page load.
    } finally {
      jobs.delete(ideaId)
    }
  })()
}
