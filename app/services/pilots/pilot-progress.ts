import { type PilotStatus } from '#app/domain/vocabulary.ts'
import { labDate } from '../platform/lab-day.ts'

export { labDate }

/**
 * The numbers a pilot page, the dashboard, the portfolio and the open data share, as pure
 * functions of the rows and a clock: progress from weighted completed milestones, overdue
 * milestones, staleness and on time / late. Dates are calendar days in Guatemala.
 */

/** A pilot with no update for this many days is stale (the dashboard flags it). */
export const STALE_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000


export type MilestoneLike = { weight: number; dueDate: string; completedAt: Date | string | null }
export type PilotLike = { status: PilotStatus; endDate: string; createdAt: Date | string; lastUpdateAt: Date | string | null }

/** Pilots still under way: only these can be late or stale. */
export const isOpenStatus = (status: PilotStatus) => status === 'planned' || status === 'active' || status === 'paused'

/** Percent (0–100, whole) of the milestone weight that is completed; 0 without milestones. */
export function pilotProgress(milestones: readonly MilestoneLike[]): number {
  const total = milestones.reduce((sum, m) => sum + m.weight, 0)
  if (total <= 0) return 0
  const done = milestones.reduce((sum, m) => sum + (m.completedAt ? m.weight : 0), 0)
  return Math.round((done / total) * 100)
}

/** Not completed and its due day has passed (a milestone due today is not overdue yet). */
export function isMilestoneOverdue(milestone: MilestoneLike, now: Date = new Date()): boolean {
  return !milestone.completedAt && milestone.dueDate < labDate(now)
}

export function overdueMilestones<M extends MilestoneLike>(milestones: readonly M[], now: Date = new Date()): M[] {
  return milestones.filter((m) => isMilestoneOverdue(m, now))
}

/** Whole days since the team last reported (or since the pilot was created, if it never did). */
export function daysSinceUpdate(pilot: Pick<PilotLike, 'createdAt' | 'lastUpdateAt'>, now: Date = new Date()): number {
  const last = new Date(pilot.lastUpdateAt ?? pilot.createdAt).getTime()
  return Math.max(0, Math.floor((now.getTime() - last) / DAY_MS))
}

/** An open pilot with no update for STALE_DAYS days or more. */
export function isStale(pilot: PilotLike, now: Date = new Date()): boolean {
  return isOpenStatus(pilot.status) && daysSinceUpdate(pilot, now) >= STALE_DAYS
}

export type Schedule = 'onTime' | 'late'

/**
 * Late: an open pilot with an overdue milestone, or past its end date. A completed pilot is
 * on time (it finished); a cancelled one is neither (null).
 */
export function pilotSchedule(pilot: PilotLike, milestones: readonly MilestoneLike[], now: Date = new Date()): Schedule | null {
  if (pilot.status === 'cancelled') return null
  if (pilot.status === 'completed') return 'onTime'
  if (overdueMilestones(milestones, now).length > 0) return 'late'
  return pilot.endDate < labDate(now) ? 'late' : 'onTime'
}
