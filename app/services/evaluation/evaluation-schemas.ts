import { z } from 'zod'
import { emailSchema, safeText, uuidSchema as uuid } from '../platform/schemas.ts'

// One schema per form and API body. Messages are i18n keys (`validation.*` or `evaluation.validation.*`).
const text = (max: number) => safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(max, 'validation.tooLong')
const optionalText = (max: number) => safeText().trim().max(max, 'validation.tooLong').optional().default('')
const intFrom = (min: number, max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number({ error: message }).int(message).min(min, message).max(max, message))

export const MAX_CRITERIA = 10
export const RATIONALE_MAX = 4000

export const criterionSchema = z.object({
  id: uuid.optional(),
  name: text(120),
  description: optionalText(1000),
  weight: intFrom(1, 100, 'evaluation.validation.weight'),
})

export const criteriaSchema = z
  .object({
    criteria: z.array(criterionSchema).min(1, 'evaluation.validation.noCriteria').max(MAX_CRITERIA, 'evaluation.validation.tooManyCriteria'),
    voteShare: intFrom(0, 100, 'evaluation.validation.voteShare'),
  })
  .refine((v) => v.criteria.reduce((sum, c) => sum + c.weight, 0) === 100, { path: ['weights'], message: 'evaluation.validation.weightsSum' })
export type CriteriaInput = z.output<typeof criteriaSchema>

/**
 * The criteria form posts rows `name.0`, `description.0`, `weight.0`, `id.0`, … (blank rows are
 * left out) and `voteShare`; this turns them into the API's shape.
 */
export function criteriaFromForm(formData: FormData) {
  const rows: Record<string, unknown>[] = []
  for (let i = 0; i < MAX_CRITERIA + 5; i++) {
    const get = (k: string) => String(formData.get(`${k}.${i}`) ?? '').trim()
    const [name, description, weight, id] = [get('name'), get('description'), get('weight'), get('id')]
    if (!name && !description && !weight) continue
    rows.push({ name, description, weight, ...(id ? { id } : {}) })
  }
  return { criteria: rows, voteShare: String(formData.get('voteShare') ?? '') }
}

export const jurorSchema = z.object({
  email: emailSchema,
  affiliation: optionalText(200),
})
export const removeJurorSchema = z.object({ userId: uuid })
export const MAX_JURORS = 50
/** The API's whole jury at once (`PUT /challenges/{id}/jury`): each person by id with the affiliation shown next to their name. */
export const jurySchema = z.object({
  members: z
    .array(z.object({ userId: uuid, affiliation: optionalText(200) }), { error: 'validation.invalid' })
    .max(MAX_JURORS, 'evaluation.validation.tooManyJurors')
    .refine((list) => new Set(list.map((m) => m.userId)).size === list.length, 'evaluation.validation.duplicateJuror'),
})
export type JuryInput = z.output<typeof jurySchema>
export const reopenSchema = z.object({ reason: text(2000) })
export const shortlistSchema = z.object({ ideaId: uuid })

export const scoreSchema = z.object({
  criterionId: uuid,
  score: intFrom(1, 5, 'evaluation.validation.score'),
  rationale: text(RATIONALE_MAX),
})
export const scoresSchema = z.object({ scores: z.array(scoreSchema).min(1, 'validation.required') })
export type ScoresInput = z.output<typeof scoresSchema>

/** The juror's form: `score.<criterionId>` and `rationale.<criterionId>` for each criterion. */
export function scoresFromForm(formData: FormData, criterionIds: string[]) {
  return {
    scores: criterionIds.map((id) => ({ criterionId: id, score: String(formData.get(`score.${id}`) ?? ''), rationale: String(formData.get(`rationale.${id}`) ?? '') })),
  }
}

export const decisionSchema = z.object({
  ideaId: uuid,
  selected: z.preprocess((v) => (v === 'selected' || v === 'true' || v === true ? true : v === 'not_selected' || v === 'false' || v === false ? false : v), z.boolean({ error: 'evaluation.validation.decision' })),
  rationale: text(RATIONALE_MAX),
})
export const selectionSchema = z.object({ decisions: z.array(decisionSchema).min(1, 'validation.required') })
export type SelectionInput = z.output<typeof selectionSchema>

/** The selection form: `decision.<ideaId>` (selected / not_selected) and `rationale.<ideaId>` for each shortlisted idea. */
export function selectionFromForm(formData: FormData, ideaIds: string[]) {
  return {
    decisions: ideaIds.map((id) => ({ ideaId: id, selected: String(formData.get(`decision.${id}`) ?? ''), rationale: String(formData.get(`rationale.${id}`) ?? '') })),
  }
}
