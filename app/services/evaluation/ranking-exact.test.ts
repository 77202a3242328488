import { describe, expect, test } from 'vitest'
import { computeRanking } from './ranking.ts'
import { exactArithmetic, fraction, writeExact, writeRounded, writeTerm } from './ranking-exact.ts'

const format = (v: number, decimals: number) => new Intl.NumberFormat('es-GT', { maximumFractionDigits: decimals }).format(v)

describe('the ranking written out as exact fractions', () => {
  // Three jurors, weights 30/25/45, a 20 % vote share; means of thirds make 2-decimal rounding fail.
  const criteria = [
    { id: 'a', name: 'Impacto', weight: 30 },
    { id: 'b', name: 'Factibilidad', weight: 25 },
    { id: 'c', name: 'Costo', weight: 45 },
  ]
  const jurors = ['j1', 'j2', 'j3']
  const marks: Record<string, Record<string, number[]>> = { x: { a: [5, 4, 4], b: [4, 4, 5], c: [3, 3, 4] }, y: { a: [2, 3, 3], b: [5, 5, 5], c: [1, 2, 2] } }
  const ranking = computeRanking({
    criteria,
    voteShare: 20,
    ideas: [
      { id: 'x', title: 'X', votes: 8 },
      { id: 'y', title: 'Y', votes: 3 },
    ],
    scores: Object.entries(marks).flatMap(([ideaId, byCriterion]) =>
      Object.entries(byCriterion).flatMap(([criterionId, s]) => s.map((score, i) => ({ ideaId, criterionId, jurorId: jurors[i], score }))),
    ),
    expectedJurors: { x: jurors, y: jurors },
  })

  test('every fraction equals the floating-point ranking, and the written lines recompute exactly', () => {
    for (const r of ranking) {
      const x = exactArithmetic(r)
      expect(x.jury.n / x.jury.d).toBeCloseTo(r.juryScore, 9)
      expect(x.vote.n / x.vote.d).toBeCloseTo(r.voteScore, 9)
      expect(x.final.n / x.final.d).toBeCloseTo(r.finalScore, 9)
      r.criteria.forEach((c, i) => expect(x.criteria[i].points.n / x.criteria[i].points.d).toBeCloseTo(c.points, 9))
    }
    const x = exactArithmetic(ranking.find((r) => r.ideaId === 'x')!)
    // Impacto: (5+4+4)/3 = 13/3; 30 × 13/3 ÷ 5 = 26 exactly (2 decimals would say 30 × 4.33 ÷ 5 = 25.98).
    expect(x.criteria[0]).toMatchObject({ sum: 13, count: 3, mean: { n: 13, d: 3 }, points: { n: 26, d: 1 } })
    expect(writeExact(x.criteria[0].mean!, format)).toBe('13/3 ≈ 4.333333')
    expect(writeTerm(x.criteria[0].mean!, format)).toBe('13/3')
    // Factibilidad 13/3 × 25 ÷ 5 = 65/3; Costo 10/3 × 45 ÷ 5 = 30: jury = 26 + 65/3 + 30 = 233/3.
    expect(x.jury).toEqual({ n: 233, d: 3 })
    expect(writeExact(x.jury, format)).toBe('233/3 ≈ 77.666667')
    expect(writeRounded(x.jury, format)).toBe('≈ 77.666667')
    // Vote: 8 ÷ 8 × 100 = 100; final = 80 % × 233/3 + 20 % × 100 = 932/15 + 20 = 1232/15.
    expect(x.vote).toEqual({ n: 100, d: 1 })
    expect(x.final).toEqual({ n: 1232, d: 15 })
    const y = exactArithmetic(ranking.find((r) => r.ideaId === 'y')!)
    // 3 ÷ 8 × 100 = 37.5: a short decimal is written as it is.
    expect(writeExact(y.vote, format)).toBe('37.5')
    expect(writeRounded(y.vote, format)).toBe('37.5')
  })

  test('fractions are kept reduced with a positive denominator', () => {
    expect(fraction(6, -4)).toEqual({ n: -3, d: 2 })
    expect(fraction(0, 7)).toEqual({ n: 0, d: 1 })
    expect(() => fraction(1.5, 2)).toThrow()
  })
})
