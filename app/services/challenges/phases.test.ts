import { describe, expect, test } from 'vitest'
import { phases, type Phase } from '#app/domain/vocabulary.ts'
import { acceptsComments, acceptsIdeas, acceptsVotes, canMove, isPublic, phaseDueAt, votingRulesEditable } from './phases.ts'

describe('what each phase allows', () => {
  // phase: [ideas, votes, comments, voting rules editable, public]
  const table: Record<Phase, [boolean, boolean, boolean, boolean, boolean]> = {
    draft: [false, false, false, true, false],
    open: [true, false, true, true, true],
    cocreation: [true, false, true, true, true],
    voting: [false, true, true, false, true],
    evaluation: [false, false, true, false, true],
    piloting: [false, false, true, false, true],
    closed: [false, false, false, false, true],
  }
  test.each(phases)('%s', (phase) => {
    expect([acceptsIdeas(phase), acceptsVotes(phase), acceptsComments(phase), votingRulesEditable(phase), isPublic(phase)]).toEqual(table[phase])
  })
})

describe('moves a facilitator may make', () => {
  test('forward to any later phase, back exactly one step, never to the same phase', () => {
    expect(canMove('draft', 'open')).toBe(true)
    expect(canMove('open', 'voting')).toBe(true)
    expect(canMove('voting', 'cocreation')).toBe(true)
    expect(canMove('voting', 'open')).toBe(false)
    expect(canMove('voting', 'voting')).toBe(false)
    expect(canMove('closed', 'piloting')).toBe(true)
    expect(canMove('open', 'draft')).toBe(true)
  })
})

describe('moves by date', () => {
  const d = (s: string) => new Date(s)
  const dates = { opensAt: d('2026-01-01'), cocreationAt: d('2026-02-01'), votingAt: d('2026-03-01'), evaluationAt: d('2026-04-01') }
  test('the latest phase whose date has passed', () => {
    expect(phaseDueAt('open', dates, d('2026-01-15'))).toBe('open')
    expect(phaseDueAt('open', dates, d('2026-03-02'))).toBe('voting')
    expect(phaseDueAt('cocreation', dates, d('2026-05-01'))).toBe('evaluation')
  })
  test('never backwards, and never out of draft', () => {
    expect(phaseDueAt('evaluation', dates, d('2026-01-15'))).toBe('evaluation')
    expect(phaseDueAt('draft', dates, d('2026-05-01'))).toBe('draft')
  })
})
