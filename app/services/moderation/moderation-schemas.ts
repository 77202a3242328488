import { z } from 'zod'
import { safeText, uuidSchema } from '../platform/schemas.ts'

// What moderation reads from forms and the API. Messages are i18n keys.

export const reportTargetTypes = ['comment', 'idea'] as const
export type ReportTargetType = (typeof reportTargetTypes)[number]
export type ModerationTarget = { type: ReportTargetType; id: string }

const reason = safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(500, 'validation.tooLong')

export const reportSchema = z.object({
  targetType: z.enum(reportTargetTypes, { error: 'validation.invalid' }),
  targetId: uuidSchema,
  reason,
})
export const publicReasonSchema = reason

/** `comment:<uuid>` / `idea:<uuid>`: how a target travels in a form. */
export const targetKeySchema = z
  .string()
  .transform((s, ctx): ModerationTarget => {
    const [type, id, ...rest] = s.split(':')
    if (rest.length || !reportTargetTypes.includes(type as ReportTargetType) || !uuidSchema.safeParse(id).success) {
      ctx.addIssue({ code: 'custom', message: 'validation.invalid' })
      return z.NEVER
    }
    return { type: type as ReportTargetType, id }
  })
export const targetKey = (t: ModerationTarget) => `${t.type}:${t.id}`
