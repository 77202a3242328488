import { describe, expect, test } from 'vitest'
import { currentPhaseEndsAt, excerpt } from './home.server.ts'

const day = (d: string) => new Date(`${d}T12:00:00Z`)
const none = { opensAt: null, cocreationAt: null, votingAt: null, evaluationAt: null, pilotingAt: null, closesAt: null }

describe('when the current phase of a challenge ends (the home shows it as its deadline)', () => {
  test('the start of the next phase that has a date', () => {
    expect(currentPhaseEndsAt({ ...none, phase: 'open', cocreationAt: day('2026-12-10'), votingAt: day('2026-12-20') })).toEqual(day('2026-12-10'))
    // No co-creation date: ideas are taken until voting starts.
    expect(currentPhaseEndsAt({ ...none, phase: 'open', votingAt: day('2026-12-20') })).toEqual(day('2026-12-20'))
    expect(currentPhaseEndsAt({ ...none, phase: 'voting', votingAt: day('2026-12-01'), evaluationAt: day('2026-12-12') })).toEqual(day('2026-12-12'))
  })
  test('null when no later phase has a date, or the challenge is closed', () => {
    expect(currentPhaseEndsAt({ ...none, phase: 'cocreation' })).toBeNull()
    expect(currentPhaseEndsAt({ ...none, phase: 'closed', closesAt: day('2026-01-01') })).toBeNull()
  })
})

describe('excerpt', () => {
  test('Markdown reduced to its words, cut between words with an ellipsis', () => {
    expect(excerpt('## El problema\n\nLas **filas** son [largas](https://x.gt).')).toBe('El problema Las filas son largas.')
    const long = 'palabra '.repeat(40)
    const cut = excerpt(long, 50)
    expect(cut.length).toBeLessThanOrEqual(51)
    expect(cut).toMatch(/palabra…$/)
  })
})
