import { z } from 'zod'
import { departmentNames } from '#app/data/guatemala.ts'
import { pilotStatuses } from '#app/domain/vocabulary.ts'
import { MAX_YEAR, MIN_YEAR } from '../challenges/challenge-schemas.ts'
import { safeText, uuidSchema } from '../platform/schemas.ts'

/**
 * The pilot forms and the JSON API validate with these schemas. Messages are i18n keys
 * (`validation.*` shared, `pilots.validation.*` of this area).
 */

const emptyToNull = (v: unknown) => (v === '' ? null : v)
const required = (max: number, min = 1) =>
  safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(min, 'pilots.validation.tooShort').max(max, 'validation.tooLong')

/** A calendar day, `YYYY-MM-DD` (what `<input type="date">` sends). */
const day = z
  .string({ error: 'pilots.validation.date' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'pilots.validation.date')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'pilots.validation.date')
  .refine((v) => Number(v.slice(0, 4)) >= MIN_YEAR && Number(v.slice(0, 4)) <= MAX_YEAR, 'pilots.validation.date')

/** A decimal written with a dot or a comma ("1500.50", "1500,50"), two decimals at most. */
const decimal = (max = 999_999_999_999) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\s/g, '').replace(',', '.') : v),
    z.coerce
      .number({ error: 'pilots.validation.number' })
      .refine((n) => Number.isFinite(n) && Math.abs(n) <= max && Math.round(n * 100) === n * 100, 'pilots.validation.number'),
  )

const id = uuidSchema
/** One or several checkboxes (or a JSON array). */
const idList = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(id))

export const pilotInputSchema = z
  .object({
    challengeId: id,
    ideaIds: idList.refine((v) => v.length >= 1, 'pilots.validation.ideasRequired').transform((v) => [...new Set(v)]),
    title: required(160, 8),
    summary: required(20_000, 30),
    institutionId: z.uuid({ error: 'validation.institution' }),
    leadId: z.uuid({ error: 'pilots.validation.lead' }),
    teamIds: idList.transform((v) => [...new Set(v)]).default([]),
    startDate: day,
    endDate: day,
    budgetGtq: decimal().refine((n) => n >= 0, 'pilots.validation.number'),
    department: z.preprocess(emptyToNull, z.enum(departmentNames as [string, ...string[]], { error: 'pilots.validation.department' }).nullable()).default(null),
    municipality: z.preprocess(emptyToNull, safeText().trim().max(100, 'validation.tooLong').nullable()).default(null),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'pilots.validation.datesOrder' })
export type PilotInput = z.output<typeof pilotInputSchema>

export const pilotStatusSchema = z.object({
  status: z.enum(pilotStatuses, { error: 'pilots.validation.status' }),
  reason: required(1000, 5),
})
export type PilotStatusInput = z.output<typeof pilotStatusSchema>

export const milestoneSchema = z.object({
  title: required(200, 3),
  description: safeText().trim().max(2000, 'validation.tooLong').optional().default(''),
  weight: z.coerce.number({ error: 'pilots.validation.weight' }).int('pilots.validation.weight').min(1, 'pilots.validation.weight').max(100, 'pilots.validation.weight'),
  dueDate: day,
})
export type MilestoneInput = z.output<typeof milestoneSchema>

export const milestoneDoneSchema = z.object({
  milestoneId: id,
  done: z.preprocess((v) => v === true || v === 'true' || v === '1', z.boolean()),
})

/** Units that are durations: a duration is never negative, so such an indicator's minimum is 0 or more. */
export const isDurationUnit = (unit: string) =>
  /^(s|seg|segundos?|seconds?|min|mins|minutos?|minutes?|h|hrs?|horas?|hours?|d[ií]as?|days?|semanas?|weeks?|mes(es)?|months?)$/i.test(unit.trim())
const optionalDecimal = () => z.preprocess(emptyToNull, decimal().nullable()).default(null)

/**
 * An indicator with its declared range: measurements must fall in [min, max] (a side left empty has
 * no bound; a duration's minimum defaults to 0 and cannot be negative; a percentage's range
 * defaults to 0–100). The baseline and the target lie in the range.
 */
export const kpiSchema = z
  .object({
    name: required(200, 3),
    unit: required(40),
    baseline: decimal(),
    target: decimal(),
    minValue: optionalDecimal(),
    maxValue: optionalDecimal(),
  })
  .transform((v) => ({
    ...v,
    minValue: v.minValue ?? (isDurationUnit(v.unit) || v.unit.trim() === '%' ? 0 : null),
    maxValue: v.maxValue ?? (v.unit.trim() === '%' ? 100 : null),
  }))
  .superRefine((v, ctx) => {
    if (isDurationUnit(v.unit) && v.minValue !== null && v.minValue < 0) ctx.addIssue({ code: 'custom', path: ['minValue'], message: 'pilots.validation.durationNegative' })
    if (v.minValue !== null && v.maxValue !== null && v.minValue > v.maxValue) ctx.addIssue({ code: 'custom', path: ['maxValue'], message: 'pilots.validation.rangeOrder' })
    for (const field of ['baseline', 'target'] as const) {
      if ((v.minValue !== null && v[field] < v.minValue) || (v.maxValue !== null && v[field] > v.maxValue)) ctx.addIssue({ code: 'custom', path: [field], message: 'pilots.validation.outsideRange' })
    }
  })
export type KpiInput = z.output<typeof kpiSchema>

const note = () => safeText().trim().max(500, 'validation.tooLong').optional().default('')

/** A dated value; that the day is not after today and the value is in the indicator's range is checked against the indicator (pilot-reports.server.ts). */
export const measurementSchema = z.object({
  measuredOn: day,
  value: decimal(),
  note: note(),
})
export type MeasurementInput = z.output<typeof measurementSchema>

/** A correction of a measurement: the new date, value and note, and why (kept in the audit log). */
export const measurementCorrectionSchema = z.object({
  measurementId: id,
  measuredOn: day,
  value: decimal(),
  note: note(),
  reason: required(500, 5),
})
export type MeasurementCorrectionInput = z.output<typeof measurementCorrectionSchema>

/** Withdrawing a measurement: it stays in the record, struck through, with the reason. */
export const measurementWithdrawalSchema = z.object({
  measurementId: id,
  reason: required(500, 5),
})
export type MeasurementWithdrawalInput = z.output<typeof measurementWithdrawalSchema>

export const pilotUpdateSchema = z.object({
  body: required(10_000, 5),
  progress: z.preprocess(
    emptyToNull,
    z.coerce.number({ error: 'pilots.validation.progress' }).int('pilots.validation.progress').min(0, 'pilots.validation.progress').max(100, 'pilots.validation.progress').nullable(),
  ).default(null),
})
export type PilotUpdateInput = z.output<typeof pilotUpdateSchema>

export const pilotListQuerySchema = z.object({
  status: z.preprocess(emptyToNull, z.enum(pilotStatuses).nullable()).catch(null).default(null),
  institution: z.preprocess(emptyToNull, z.uuid().nullable()).catch(null).default(null),
  department: z.preprocess(emptyToNull, z.enum(departmentNames as [string, ...string[]]).nullable()).catch(null).default(null),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type PilotListQuery = z.output<typeof pilotListQuerySchema>
