import { describe, expect, test } from 'vitest'
import { computeRanking, type RankingScore } from './ranking.ts'

// A fixture computed by hand (docs/decisions/018-ranking.md): two criteria of weight 50, the vote
// carries 20 %, three jurors; the most voted idea has 10 votes, so vote score = 10 × votes and
// final = 0.8 × jury + 0.2 × vote score.
const criteria = [
  { id: 'a', name: 'Impacto', weight: 50 },
  { id: 'b', name: 'Factibilidad', weight: 50 },
]
const jurors = ['j1', 'j2', 'j3']
function scores(ideaId: string, a: (number | null)[], b: (number | null)[], who = jurors): RankingScore[] {
  const out: RankingScore[] = []
  a.forEach((s, i) => s !== null && out.push({ ideaId, jurorId: who[i], criterionId: 'a', score: s }))
  b.forEach((s, i) => s !== null && out.push({ ideaId, jurorId: who[i], criterionId: 'b', score: s }))
  return out
}

const ideas = [
  { id: 'x', title: 'X', votes: 10 },
  { id: 'y', title: 'Y', votes: 5 },
  { id: 'p', title: 'P', votes: 7 },
  { id: 'v', title: 'V', votes: 0 },
  { id: 'w', title: 'W', votes: 0 },
  { id: 'z', title: 'Z', votes: 2 },
]
const input = {
  criteria,
  voteShare: 20,
  ideas,
  scores: [
    // X: a = (5+4+3)/3 = 4 → 50×4/5 = 40; b = (5+4)/2 = 4.5 (j2 missing) → 45; jury 85; vote 100; final 68 + 20 = 88
    ...scores('x', [5, 4, 3], [5, null, 4]),
    // Y: a = 5 → 50; b = 3 → 30; jury 80; vote 50; final 64 + 10 = 74
    ...scores('y', [5, 5, 5], [3, 3, 3]),
    // P: a = 4 → 40; b = (4+3)/2 = 3.5 → 35; jury 75; vote 70; final 60 + 14 = 74 — ties Y on final, Y's jury score is higher
    ...scores('p', [4, 4, 4], [4, 3, null]),
    // V: all 3s → jury 60; vote 0; final 48
    ...scores('v', [3, 3, 3], [3, 3, 3]),
    // W: j3 wrote it (not expected): a = b = 3 from j1, j2 → jury 60, final 48 — a full tie with V; j3's 5s are ignored
    ...scores('w', [3, 3, 5], [3, 3, 5]),
    // Z: nobody scored it: jury 0; vote 20; final 4
  ],
  expectedJurors: { x: jurors, y: jurors, p: jurors, v: jurors, w: ['j1', 'j2'], z: jurors },
}

describe('computeRanking', () => {
  const ranking = computeRanking(input)
  const of = (id: string) => ranking.find((r) => r.ideaId === id)!

  test('means per criterion leave missing scores out and count them as missing', () => {
    expect(of('x').criteria[0]).toMatchObject({ scores: [5, 4, 3], mean: 4, missing: 0, points: 40 })
    expect(of('x').criteria[1]).toMatchObject({ scores: [5, 4], mean: 4.5, missing: 1, points: 45 })
    expect(of('z').criteria[0]).toMatchObject({ scores: [], mean: null, missing: 3, points: 0 })
    // A juror with a conflict of interest is not expected, and their score is not counted.
    expect(of('w').criteria[0]).toMatchObject({ scores: [3, 3], mean: 3, missing: 0 })
  })

  test('jury, vote and final scores as computed by hand', () => {
    const expected: Record<string, [number, number, number]> = { x: [85, 100, 88], y: [80, 50, 74], p: [75, 70, 74], v: [60, 0, 48], w: [60, 0, 48], z: [0, 20, 4] }
    for (const [id, [jury, vote, final]] of Object.entries(expected)) {
      expect(of(id).juryScore, id).toBeCloseTo(jury, 9)
      expect(of(id).voteScore, id).toBeCloseTo(vote, 9)
      expect(of(id).finalScore, id).toBeCloseTo(final, 9)
    }
  })

  test('ties are broken by jury score, then votes; what is still equal shares the rank', () => {
    expect(ranking.map((r) => [r.ideaId, r.rank, r.tied])).toEqual([
      ['x', 1, false],
      ['y', 2, false],
      ['p', 3, false],
      ['v', 4, true],
      ['w', 4, true],
      ['z', 6, false],
    ])
  })

  test('equal final and jury scores: more votes ranks first', () => {
    const r = computeRanking({
      criteria,
      voteShare: 0,
      ideas: [
        { id: 'few', title: 'A', votes: 1 },
        { id: 'many', title: 'B', votes: 3 },
      ],
      scores: [...scores('few', [4, 4, 4], [4, 4, 4]), ...scores('many', [4, 4, 4], [4, 4, 4])],
      expectedJurors: { few: jurors, many: jurors },
    })
    expect(r.map((i) => [i.ideaId, i.rank, i.finalScore])).toEqual([
      ['many', 1, 80],
      ['few', 2, 80],
    ])
  })

  test('nobody voted: every vote score is 0, the jury decides', () => {
    const r = computeRanking({ ...input, ideas: ideas.map((i) => ({ ...i, votes: 0 })) })
    expect(r.every((i) => i.voteScore === 0 && i.maxVotes === 0)).toBe(true)
    expect(r[0].ideaId).toBe('x')
    expect(r[0].finalScore).toBeCloseTo(68, 9)
  })

  test('a vote share of 100 ranks by votes only', () => {
    const r = computeRanking({ ...input, voteShare: 100 })
    expect(r.map((i) => i.ideaId)).toEqual(['x', 'p', 'y', 'z', 'v', 'w'])
    expect(r[1].finalScore).toBeCloseTo(70, 9)
  })
})
