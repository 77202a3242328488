import { describe, expect, test } from 'vitest'
import { phaseAt } from './session-summary.server.ts'
import { dotVoteSchema, scheduleSessionSchema, timerSchema } from './session-schemas.ts'
import { fieldErrors } from '../platform/schemas.ts'

describe('session schemas', () => {
  test('a session must end after it starts; form times are Guatemala time', () => {
    const ok = scheduleSessionSchema.parse({ title: 'Taller', startsAt: '2025-03-01T09:00', endsAt: '2025-03-01T11:00', template: 'hmw' })
    expect(ok.startsAt.toISOString()).toBe('2025-03-01T15:00:00.000Z')
    expect(ok.dotBudget).toBe(3)
    const bad = scheduleSessionSchema.safeParse({ title: 'Taller', startsAt: '2025-03-01T11:00', endsAt: '2025-03-01T09:00', template: 'hmw' })
    expect(bad.success).toBe(false)
    expect(fieldErrors(bad.error!)).toEqual({ endsAt: ['sessions.validation.endsBeforeStart'] })
    const budget = scheduleSessionSchema.safeParse({ title: 'Taller', startsAt: '2025-03-01T09:00', endsAt: '2025-03-01T11:00', dotBudget: '50' })
    expect(fieldErrors(budget.error!)).toEqual({ dotBudget: ['sessions.validation.dotBudget'] })
  })

  test('the timer needs minutes to start; a dot is +1 or −1', () => {
    expect(timerSchema.safeParse({ action: 'start' }).success).toBe(false)
    expect(timerSchema.parse({ action: 'start', minutes: '5' }).minutes).toBe(5)
    expect(timerSchema.parse({ action: 'pause', minutes: '' }).action).toBe('pause')
    expect(dotVoteSchema.safeParse({ noteId: 'n1', delta: '2' }).success).toBe(false)
    expect(dotVoteSchema.parse({ noteId: 'n1', delta: '-1' }).delta).toBe(-1)
  })

  test('a note belongs to the phase that had begun when it was created', () => {
    const marks = [
      { at: 100, phase: 'silent' as const },
      { at: 200, phase: 'voting' as const },
      { at: 300, phase: 'after' as const },
    ]
    expect(phaseAt(marks, 50)).toBe('before')
    expect(phaseAt(marks, 100)).toBe('silent')
    expect(phaseAt(marks, 250)).toBe('voting')
    expect(phaseAt(marks, 301)).toBe('after')
  })
})
