import { z } from 'zod'
import { ideaStatuses } from '#app/domain/vocabulary.ts'
import { emailSchema, safeText, uuidSchema as uuid } from '../platform/schemas.ts'

// One schema per form (and per API body). Messages are i18n keys; `fieldErrors` keeps only `validation.*` keys.
const text = (max: number) => safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(max, 'validation.tooLong')
const optionalText = (max: number) => safeText().trim().max(max, 'validation.tooLong').optional().default('')

export const IDEA_TITLE_MAX = 200
export const IDEA_TEXT_MAX = 10_000
export const COMMENT_MAX = 5000

export const ideaSchema = z.object({
  title: text(IDEA_TITLE_MAX),
  description: text(IDEA_TEXT_MAX),
  expectedBenefit: optionalText(IDEA_TEXT_MAX),
})
export type IdeaInput = z.output<typeof ideaSchema>

/** Comment bodies are plain text, 1–5000 characters; kept as written (only trimmed), always rendered as text. */
const commentBody = safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(COMMENT_MAX, 'validation.tooLong')
const optionalId = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(uuid.optional())
  .optional()

export const commentSchema = z.object({ body: commentBody, parentId: optionalId })
/** The JSON API also accepts `parentId: null`. */
export const commentApiSchema = z.object({ body: commentBody, parentId: uuid.nullish() })
export const commentEditSchema = z.object({ commentId: uuid, body: commentBody })
export const commentDeleteSchema = z.object({ commentId: uuid })

export const inviteSchema = z.object({
  email: emailSchema,
})

/** What a facilitator may set through the status form (merging has its own form, it needs a target). */
export const decidableStatuses = ideaStatuses.filter((s) => s !== 'merged' && s !== 'submitted')
export const statusSchema = z.object({
  status: z.enum(decidableStatuses as [typeof decidableStatuses[number], ...typeof decidableStatuses], { error: 'validation.invalid' }),
  reason: optionalText(2000),
})
export const restoreSchema = z.object({ reason: optionalText(2000) })
export const mergeSchema = z.object({ targetId: uuid, reason: text(2000) })
