import { phases, type Phase } from '#app/domain/vocabulary.ts'

/**
 * The phase rules of a challenge, in one place: what each phase allows and which moves a
 * facilitator may make. Pure functions, shared by services, pages and tests.
 */
export const phaseOrder = phases

export const phaseIndex = (phase: Phase) => phaseOrder.indexOf(phase)

/** A facilitator may move a challenge forward to any later phase, or back one step to correct a mistake. */
export function canMove(from: Phase, to: Phase): boolean {
  const a = phaseIndex(from)
  const b = phaseIndex(to)
  return b > a || b === a - 1
}

/** Ideas are submitted while the challenge is open and during co-creation; not after. */
export const acceptsIdeas = (phase: Phase) => phase === 'open' || phase === 'cocreation'

/** Votes are cast and withdrawn only while voting is open. */
export const acceptsVotes = (phase: Phase) => phase === 'voting'

/** Everyone can discuss a published challenge until it closes. */
export const acceptsComments = (phase: Phase) => phase !== 'draft' && phase !== 'closed'

/** The voting rules freeze when voting opens: no switching method or budget mid-vote. */
export const votingRulesEditable = (phase: Phase) => phaseIndex(phase) < phaseIndex('voting')

/** Drafts are visible only to the lab and the proposing institution. */
export const isPublic = (phase: Phase) => phase !== 'draft'

type PhaseDates = Partial<Record<'opensAt' | 'cocreationAt' | 'votingAt' | 'evaluationAt' | 'pilotingAt' | 'closesAt', Date | null>>
const dateOf: Record<Exclude<Phase, 'draft'>, keyof PhaseDates> = {
  open: 'opensAt',
  cocreation: 'cocreationAt',
  voting: 'votingAt',
  evaluation: 'evaluationAt',
  piloting: 'pilotingAt',
  closed: 'closesAt',
}

/**
 * The phase a published challenge should be in at `now` according to its dates: the latest
 * phase whose start date has passed, never earlier than where it is (dates only move forward).
 * Drafts are published by a facilitator, never by the clock.
 */
export function phaseDueAt(current: Phase, dates: PhaseDates, now: Date): Phase {
  if (current === 'draft') return current
  let due: Phase = current
  for (const phase of phaseOrder.slice(phaseIndex(current) + 1)) {
    const at = dates[dateOf[phase as Exclude<Phase, 'draft'>]]
    if (at && at.getTime() <= now.getTime()) due = phase
  }
  return due
}

export const phaseDateField = (phase: Exclude<Phase, 'draft'>) => dateOf[phase]
