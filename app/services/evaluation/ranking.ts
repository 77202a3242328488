/**
 * The ranking of a challenge's shortlist, as pure arithmetic (docs/decisions/018-ranking.md).
 * Shared by the service, the pages, the API and the CSV files, so every place shows the same
 * numbers; no rounding happens here (the pages round only when they display).
 *
 * - mean per criterion: over the jurors who scored the idea on it (missing scores are left out
 *   and counted as missing);
 * - jury score = Σ weight_c × mean_c / 5 (0–100; a criterion nobody scored adds 0);
 * - vote score = votes / the most votes in the shortlist × 100 (0 when nobody voted);
 * - final = (100 − voteShare)% × jury + voteShare% × vote;
 * - order: final, then jury score, then votes; what is still equal shares the rank (1, 1, 3).
 */

export type RankingCriterion = { id: string; name: string; weight: number }
export type RankingIdea = { id: string; title: string; votes: number }
export type RankingScore = { ideaId: string; jurorId: string; criterionId: string; score: number }

export type RankingInput = {
  criteria: RankingCriterion[]
  /** Percent of the final score the vote carries (0–100). */
  voteShare: number
  ideas: RankingIdea[]
  scores: RankingScore[]
  /** The jurors expected to score each idea (the jury minus those with a conflict of interest); scores from others are ignored. */
  expectedJurors: Record<string, string[]>
}

export type CriterionResult = {
  criterionId: string
  name: string
  weight: number
  /** The scores counted, in juror order. */
  scores: number[]
  /** Expected jurors who have not scored this idea on this criterion. */
  missing: number
  mean: number | null
  /** weight × mean / 5, or 0 when nobody scored it. */
  points: number
}

export type IdeaResult = {
  ideaId: string
  title: string
  votes: number
  criteria: CriterionResult[]
  juryScore: number
  maxVotes: number
  voteScore: number
  voteShare: number
  finalScore: number
  rank: number
  /** Another idea has the same rank. */
  tied: boolean
}

/** Equal for ranking purposes: sums of fractions that should be equal may differ in the last bits. */
const EPSILON = 1e-9
const same = (a: number, b: number) => Math.abs(a - b) < EPSILON

export function juryPoints(weight: number, mean: number | null) {
  return mean === null ? 0 : (weight * mean) / 5
}

export function voteScore(votes: number, maxVotes: number) {
  return maxVotes > 0 ? (votes / maxVotes) * 100 : 0
}

export function finalScore(juryScore: number, voteScore: number, voteShare: number) {
  return ((100 - voteShare) / 100) * juryScore + (voteShare / 100) * voteScore
}

/** Compares two results: negative when `a` ranks before `b`, 0 when they are tied. */
export function compareResults(a: Pick<IdeaResult, 'finalScore' | 'juryScore' | 'votes'>, b: Pick<IdeaResult, 'finalScore' | 'juryScore' | 'votes'>) {
  if (!same(a.finalScore, b.finalScore)) return b.finalScore - a.finalScore
  if (!same(a.juryScore, b.juryScore)) return b.juryScore - a.juryScore
  return b.votes - a.votes
}

export function computeRanking(input: RankingInput): IdeaResult[] {
  const maxVotes = Math.max(0, ...input.ideas.map((i) => i.votes))
  const byCell = new Map<string, Map<string, number>>()
  for (const s of input.scores) {
    const key = `${s.ideaId}|${s.criterionId}`
    const cell = byCell.get(key) ?? new Map<string, number>()
    cell.set(s.jurorId, s.score)
    byCell.set(key, cell)
  }
  const results = input.ideas.map((idea): Omit<IdeaResult, 'rank' | 'tied'> => {
    const expected = input.expectedJurors[idea.id] ?? []
    const criteria = input.criteria.map((c): CriterionResult => {
      const cell = byCell.get(`${idea.id}|${c.id}`) ?? new Map<string, number>()
      const scores = expected.filter((j) => cell.has(j)).map((j) => cell.get(j)!)
      const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null
      return { criterionId: c.id, name: c.name, weight: c.weight, scores, missing: expected.length - scores.length, mean, points: juryPoints(c.weight, mean) }
    })
    const jury = criteria.reduce((sum, c) => sum + c.points, 0)
    const vote = voteScore(idea.votes, maxVotes)
    return {
      ideaId: idea.id,
      title: idea.title,
      votes: idea.votes,
      criteria,
      juryScore: jury,
      maxVotes,
      voteScore: vote,
      voteShare: input.voteShare,
      finalScore: finalScore(jury, vote, input.voteShare),
    }
  })
  const sorted = [...results].sort((a, b) => compareResults(a, b) || a.title.localeCompare(b.title, 'es'))
  const ranked: IdeaResult[] = []
  sorted.forEach((r, i) => {
    const previous = ranked[i - 1]
    const rank = previous && compareResults(previous, r) === 0 ? previous.rank : i + 1
    ranked.push({ ...r, rank, tied: false })
  })
  for (const r of ranked) r.tied = ranked.some((o) => o !== r && o.rank === r.rank)
  return ranked
}
