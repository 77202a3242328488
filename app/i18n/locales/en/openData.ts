import { type openData as es } from '../es/openData.ts'
import { type Shape } from '../shape.ts'

export const openData: Shape<typeof es> = {
  title: 'Open data',
  nav: 'Open data',
  lead: 'Everything public on Cocrea can be downloaded and checked: challenges, ideas with their votes, evaluations and pilots with their progress. No personal data beyond public names.',
  license: 'You may reuse this data citing the source: Cocrea, public innovation lab.',
  format: 'Format',
  file: 'File',
  description: 'Contents',
  api: {
    title: 'JSON API',
    lead: 'The public API answers in JSON; its full description is in the OpenAPI document.',
    openapi: 'OpenAPI description of the API',
    challenges: 'Challenges, with filters and search',
    pilots: 'Pilots with their milestones, indicators and updates',
  },
  csv: {
    title: 'CSV files',
    lead: 'UTF-8 files, comma-separated, with a header row.',
    challenges: 'Public challenges, with how many ideas and votes they gathered',
    ideas: 'Public ideas with their vote tally and their authors’ public names',
    pilots: 'Pilots: status, progress, institution, dates and budget',
    milestones: 'Each pilot’s milestones: weight, due date and completion',
    kpis: 'Each pilot’s indicators with their dated measurements',
    updates: 'Updates posted by the pilot teams',
  },
  evaluation: {
    title: 'Evaluations by challenge',
    lead: 'For each evaluated challenge: the criteria and their weights, each juror’s scores (with their public name and role) and the ranking, to recompute it.',
    none: 'No challenge has reached evaluation yet.',
    criteria: 'Criteria (CSV)',
    scores: 'Scores (CSV)',
    ranking: 'Ranking (CSV)',
    evaluationJson: 'Evaluation (JSON)',
    scoresJson: 'Scores (JSON)',
  },
}
