import { z } from 'zod'
import { boardTemplates, sessionPhases } from '#app/domain/vocabulary.ts'
import { parseLabDateTime } from '../challenges/challenge-schemas.ts'
import { safeText } from '../platform/schemas.ts'

/**
 * Co-creation sessions: one schema per form and API body. Messages are i18n keys
 * (`validation.*` shared, `sessions.validation.*` of this area).
 */

export const SESSION_TITLE_MAX = 160
export const SESSION_AGENDA_MAX = 10_000
export const TIMER_MAX_MINUTES = 240
export const DOT_BUDGET_MAX = 20

const dateTime = z
  .union([z.date(), safeText({ error: 'sessions.validation.date' }).trim()], { error: 'sessions.validation.date' })
  .transform((v, ctx) => {
    if (v instanceof Date) return v
    const date = parseLabDateTime(v)
    if (!date) {
      ctx.addIssue({ code: 'custom', message: 'sessions.validation.date' })
      return z.NEVER
    }
    return date
  })

export const scheduleSessionSchema = z
  .object({
    title: safeText({ error: 'validation.required' }).trim().min(3, 'sessions.validation.title').max(SESSION_TITLE_MAX, 'validation.tooLong'),
    agenda: safeText().trim().max(SESSION_AGENDA_MAX, 'validation.tooLong').optional().default(''),
    startsAt: dateTime,
    endsAt: dateTime,
    template: z.enum(boardTemplates, { error: 'sessions.validation.template' }).optional().default('blank'),
    dotBudget: z.coerce
      .number({ error: 'sessions.validation.dotBudget' })
      .int('sessions.validation.dotBudget')
      .min(1, 'sessions.validation.dotBudget')
      .max(DOT_BUDGET_MAX, 'sessions.validation.dotBudget')
      .optional()
      .default(3),
  })
  .refine((v) => v.endsAt.getTime() > v.startsAt.getTime(), { path: ['endsAt'], message: 'sessions.validation.endsBeforeStart' })
export type ScheduleSessionInput = z.output<typeof scheduleSessionSchema>

export const timerActions = ['start', 'pause', 'resume', 'reset'] as const
export type TimerAction = (typeof timerActions)[number]

export const timerSchema = z
  .object({
    action: z.enum(timerActions, { error: 'validation.invalid' }),
    minutes: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce
        .number({ error: 'sessions.validation.minutes' })
        .min(0.5, 'sessions.validation.minutes')
        .max(TIMER_MAX_MINUTES, 'sessions.validation.minutes')
        .optional(),
    ),
  })
  .refine((v) => v.action !== 'start' || v.minutes !== undefined, { path: ['minutes'], message: 'sessions.validation.minutes' })
export type TimerInput = z.output<typeof timerSchema>

export const sessionPhaseSchema = z.object({ phase: z.enum(sessionPhases, { error: 'sessions.validation.phase' }) })

export const lockSchema = z.object({
  locked: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'validation.invalid' }).transform((v) => v === true || v === 'true' || v === '1'),
})

/** Board element ids are client-made (uuids in practice); bounded text, nothing more assumed. */
const elementId = safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(100, 'validation.invalid')

export const dotVoteSchema = z.object({
  noteId: elementId,
  delta: z.coerce.number({ error: 'validation.invalid' }).refine((v) => v === 1 || v === -1, 'validation.invalid'),
})

export const promoteSchema = z.object({
  elementId,
  title: safeText().trim().max(200, 'validation.tooLong').optional().default(''),
})

export const joinCodeSchema = z.object({ codigo: safeText({ error: 'sessions.validation.code' }).trim().regex(/^\d{6}$/, 'sessions.validation.code') })
