import { type IdeaResult } from './ranking.ts'

/**
 * The ranking's arithmetic as exact fractions, so every line a page writes out recomputes by hand
 * (issue 11): scores, weights, votes and the vote share are whole numbers, so each mean, each
 * criterion's points, the jury and vote scores and the final score are fractions. A figure that is
 * not a short decimal is written as the fraction and its value to 6 decimals, as the CSV keeps it.
 * The ranking itself (ranking.ts) stays in floating point; both agree to well below 1e-6.
 */

export type Fraction = { n: number; d: number }

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b))
export function fraction(n: number, d = 1): Fraction {
  if (!Number.isInteger(n) || !Number.isInteger(d) || d === 0) throw new RangeError(`not a fraction: ${n}/${d}`)
  const g = gcd(n, d) || 1
  const sign = d < 0 ? -1 : 1
  return { n: (sign * n) / g, d: (sign * d) / g }
}
export const add = (a: Fraction, b: Fraction) => fraction(a.n * b.d + b.n * a.d, a.d * b.d)
export const times = (a: Fraction, b: Fraction) => fraction(a.n * b.n, a.d * b.d)
export const over = (a: Fraction, k: number) => fraction(a.n, a.d * k)
export const valueOf = (f: Fraction) => f.n / f.d

/** The CSV's precision. */
export const DECIMALS = 6

/** Whether the fraction is a decimal with at most DECIMALS digits (its denominator divides 10^DECIMALS). */
export const isShortDecimal = (f: Fraction) => 10 ** DECIMALS % f.d === 0

export type ExactIdea = {
  criteria: { criterionId: string; sum: number; count: number; mean: Fraction | null; points: Fraction }[]
  jury: Fraction
  vote: Fraction
  final: Fraction
}

/** One idea's arithmetic as fractions, from the same whole numbers the ranking used. */
export function exactArithmetic(r: Pick<IdeaResult, 'criteria' | 'votes' | 'maxVotes' | 'voteShare'>): ExactIdea {
  const criteria = r.criteria.map((c) => {
    const sum = c.scores.reduce((a, b) => a + b, 0)
    const count = c.scores.length
    const mean = count ? fraction(sum, count) : null
    return { criterionId: c.criterionId, sum, count, mean, points: mean ? over(times(fraction(c.weight), mean), 5) : fraction(0) }
  })
  const jury = criteria.reduce((total, c) => add(total, c.points), fraction(0))
  const vote = r.maxVotes > 0 ? fraction(r.votes * 100, r.maxVotes) : fraction(0)
  const final = over(add(times(fraction(100 - r.voteShare), jury), times(fraction(r.voteShare), vote)), 100)
  return { criteria, jury, vote, final }
}

/**
 * A fraction in words a reader can recompute: a whole number or a short decimal as it is
 * («26», «62.5»), anything else as the fraction and its value to 6 decimals («172/3 ≈ 57.333333»).
 * `format` writes a number in the reader's language with at most the given decimals.
 */
export function writeExact(f: Fraction, format: (v: number, decimals: number) => string) {
  if (isShortDecimal(f)) return format(valueOf(f), DECIMALS)
  return `${f.n}/${f.d} ≈ ${format(valueOf(f), DECIMALS)}`
}

/** The same figure for a table cell: the value to 6 decimals, marked «≈» when it is rounded. */
export function writeRounded(f: Fraction, format: (v: number, decimals: number) => string) {
  return isShortDecimal(f) ? format(valueOf(f), DECIMALS) : `≈ ${format(valueOf(f), DECIMALS)}`
}

/** A term inside a written-out sum or product: a short decimal as it is, anything else as the bare fraction («58/3»). */
export function writeTerm(f: Fraction, format: (v: number, decimals: number) => string) {
  return isShortDecimal(f) ? format(valueOf(f), DECIMALS) : `${f.n}/${f.d}`
}
