import { type CsvCell, type CsvTable } from '../platform/csv.server.ts'
import { datedFilename } from '../platform/lab-day.ts'
import { getEvaluation, listPublicScores } from './evaluation.server.ts'
import { type Actor } from '../platform/types.ts'


/** Numbers as a spreadsheet reads them: a dot for decimals, at most 6 of them (no 68.00000000000001); numbers stay numbers. */
const num = (n: number | null) => (n === null ? null : Number(n.toFixed(6)))

const evaluationCsv = (filename: string, [columns, ...rows]: CsvCell[][]): CsvTable => ({ filename, columns: columns.map(String), rows })

/** criterios.csv: the criteria with their weights, the vote share and when they were published. */
export async function criteriaCsv(actor: Actor, slug: string) {
  const view = await getEvaluation(actor, slug)
  const rows: (string | number | null)[][] = [['challenge_slug', 'position', 'criterion_id', 'name', 'description', 'weight', 'vote_share', 'published_at']]
  view.criteria.forEach((c, i) => rows.push([view.challenge.slug, i + 1, c.id, c.name, c.description, c.weight, view.voteShare, view.publishedAt]))
  return evaluationCsv(datedFilename(`${view.challenge.slug}-criterios`, 'csv'), rows)
}

/** puntajes.csv: every submitted jury score, by juror public name and role (header only until the results are public). */
export async function scoresCsv(actor: Actor, slug: string) {
  const { challenge, items } = await listPublicScores(actor, slug)
  const rows: (string | number | null)[][] = [
    ['challenge_slug', 'idea_id', 'idea_title', 'juror_id', 'juror_name', 'juror_role', 'juror_affiliation', 'criterion_id', 'criterion_name', 'criterion_weight', 'score', 'rationale', 'submitted_at'],
  ]
  for (const s of items) {
    rows.push([challenge.slug, s.idea.id, s.idea.title, s.juror.id, s.juror.name, s.juror.role, s.juror.affiliation, s.criterion.id, s.criterion.name, s.criterion.weight, s.score, s.rationale, s.submittedAt])
  }
  return evaluationCsv(datedFilename(`${challenge.slug}-puntajes`, 'csv'), rows)
}

/** ranking.csv: each idea's ranking with every step of the arithmetic (header only until the results are public). */
export async function rankingCsv(actor: Actor, slug: string) {
  const view = await getEvaluation(actor, slug)
  // The file is the public record: a facilitator's provisional ranking is not in it.
  const ranking = view.resultsPublic ? (view.ranking ?? []) : []
  const criteria = view.criteria
  const header = [
    'rank',
    'tied',
    'idea_id',
    'idea_title',
    ...criteria.flatMap((c) => [`mean:${c.name}`, `missing:${c.name}`, `points:${c.name}`]),
    'jury_score',
    'votes',
    'max_votes',
    'vote_score',
    'vote_share',
    'final_score',
    'decision',
    'decision_rationale',
  ]
  const rows: (string | number | boolean | null)[][] = [header]
  for (const r of ranking) {
    const byId = new Map(r.criteria.map((c) => [c.criterionId, c]))
    rows.push([
      r.rank,
      r.tied,
      r.ideaId,
      r.title,
      ...criteria.flatMap((c) => {
        const cell = byId.get(c.id)
        return [num(cell?.mean ?? null), cell?.missing ?? 0, num(cell?.points ?? 0)]
      }),
      num(r.juryScore),
      r.votes,
      r.maxVotes,
      num(r.voteScore),
      r.voteShare,
      num(r.finalScore),
      r.decision ? (r.decision.selected ? 'selected' : 'not_selected') : '',
      r.decision?.rationale ?? '',
    ])
  }
  return evaluationCsv(datedFilename(`${view.challenge.slug}-ranking`, 'csv'), rows)
}
