import { describe, expect, test } from 'vitest'
import { daysSinceUpdate, isMilestoneOverdue, isStale, labDate, overdueMilestones, pilotProgress, pilotSchedule, STALE_DAYS } from './pilot-progress.ts'

// 2025-06-15 at 12:00 in Guatemala (UTC−6).
const NOW = new Date('2025-06-15T18:00:00Z')
const ms = (weight: number, dueDate: string, done = false) => ({ weight, dueDate, completedAt: done ? new Date('2025-06-01T00:00:00Z') : null })
const pilot = (over: Partial<Parameters<typeof isStale>[0]> = {}) => ({ status: 'active' as const, endDate: '2025-12-31', createdAt: new Date('2025-01-01T00:00:00Z'), lastUpdateAt: null, ...over })

describe('progress from weighted completed milestones', () => {
  test('the completed share of the weight, rounded to a whole percent', () => {
    expect(pilotProgress([ms(20, '2025-01-01', true), ms(30, '2025-02-01', true), ms(50, '2025-03-01')])).toBe(50)
    expect(pilotProgress([ms(1, '2025-01-01', true), ms(2, '2025-01-01')])).toBe(33)
    expect(pilotProgress([ms(2, '2025-01-01', true), ms(1, '2025-01-01')])).toBe(67)
    expect(pilotProgress([ms(10, '2025-01-01', true)])).toBe(100)
  })
  test('weights count, not the number of milestones', () => {
    expect(pilotProgress([ms(90, '2025-01-01', true), ms(5, '2025-01-01'), ms(5, '2025-01-01')])).toBe(90)
  })
  test('no milestones (or none completed) is 0', () => {
    expect(pilotProgress([])).toBe(0)
    expect(pilotProgress([ms(40, '2025-01-01'), ms(60, '2025-01-01')])).toBe(0)
  })
})

describe('overdue milestones, by calendar day in Guatemala', () => {
  test('undone and due before today is overdue; due today or later is not; done never is', () => {
    expect(isMilestoneOverdue(ms(10, '2025-06-14'), NOW)).toBe(true)
    expect(isMilestoneOverdue(ms(10, '2025-06-15'), NOW)).toBe(false)
    expect(isMilestoneOverdue(ms(10, '2025-06-16'), NOW)).toBe(false)
    expect(isMilestoneOverdue(ms(10, '2025-01-01', true), NOW)).toBe(false)
    expect(overdueMilestones([ms(1, '2025-06-01'), ms(1, '2025-06-01', true), ms(1, '2025-07-01')], NOW)).toHaveLength(1)
  })
  test('late in the evening in Guatemala is still that day there (already the next day in UTC)', () => {
    const evening = new Date('2025-06-16T03:30:00Z') // 21:30 on the 15th in Guatemala
    expect(labDate(evening)).toBe('2025-06-15')
    expect(isMilestoneOverdue(ms(10, '2025-06-15'), evening)).toBe(false)
  })
})

describe('staleness: no update for 30 days', () => {
  test('counted from the last update, or from creation when there was none', () => {
    expect(isStale(pilot({ lastUpdateAt: new Date(NOW.getTime() - 29 * 86_400_000) }), NOW)).toBe(false)
    expect(isStale(pilot({ lastUpdateAt: new Date(NOW.getTime() - STALE_DAYS * 86_400_000) }), NOW)).toBe(true)
    expect(isStale(pilot({ createdAt: new Date(NOW.getTime() - 31 * 86_400_000) }), NOW)).toBe(true)
    expect(isStale(pilot({ createdAt: new Date(NOW.getTime() - 2 * 86_400_000) }), NOW)).toBe(false)
    expect(daysSinceUpdate(pilot({ lastUpdateAt: new Date(NOW.getTime() - 3.5 * 86_400_000) }), NOW)).toBe(3)
  })
  test('finished pilots are never stale', () => {
    const old = new Date(NOW.getTime() - 200 * 86_400_000)
    expect(isStale(pilot({ status: 'completed', lastUpdateAt: old }), NOW)).toBe(false)
    expect(isStale(pilot({ status: 'cancelled', lastUpdateAt: old }), NOW)).toBe(false)
    expect(isStale(pilot({ status: 'paused', lastUpdateAt: old }), NOW)).toBe(true)
  })
})

describe('on time or late', () => {
  test('an overdue milestone or a passed end date makes an open pilot late', () => {
    expect(pilotSchedule(pilot(), [ms(1, '2025-07-01')], NOW)).toBe('onTime')
    expect(pilotSchedule(pilot(), [ms(1, '2025-06-01')], NOW)).toBe('late')
    expect(pilotSchedule(pilot({ endDate: '2025-06-14' }), [], NOW)).toBe('late')
    expect(pilotSchedule(pilot({ endDate: '2025-06-15' }), [], NOW)).toBe('onTime')
  })
  test('completed is on time, cancelled is neither', () => {
    expect(pilotSchedule(pilot({ status: 'completed', endDate: '2025-01-01' }), [ms(1, '2025-01-01')], NOW)).toBe('onTime')
    expect(pilotSchedule(pilot({ status: 'cancelled' }), [ms(1, '2025-01-01')], NOW)).toBeNull()
  })
})
