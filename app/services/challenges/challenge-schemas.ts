import { z } from 'zod'
import { departmentNames, isMunicipalityOf } from '#app/data/guatemala.ts'
import { serviceAreas } from '#app/data/service-areas.ts'
import { sdgCodes } from '#app/data/sdg.ts'
import { phases, votingMethods } from '#app/domain/vocabulary.ts'
import { safeText, type FieldErrors } from '../platform/schemas.ts'

/**
 * The challenge form and the JSON API validate with the same schemas. Messages are i18n keys
 * (`validation.*` shared, `challenges.validation.*` of this area).
 */

export const LAB_TIME_ZONE = 'America/Guatemala'

/** Minutes the zone is ahead of UTC at `instant` (Guatemala: −360). */
function zoneOffsetMinutes(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  )
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second)
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000)
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * A `datetime-local` value ("2025-03-01T09:30", no zone) read as a wall-clock time in Guatemala;
 * a full ISO 8601 string with Z or an offset is taken as it is. Null when it is not a date.
 */
export function parseLabDateTime(value: string): Date | null {
  const date = parseDateTime(value)
  // Years the platform can mean (and the database can store: it has no year 0000).
  return date && date.getUTCFullYear() >= MIN_YEAR && date.getUTCFullYear() <= MAX_YEAR ? date : null
}

/** The years a date may have, in every form and API body. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2200

function parseDateTime(value: string): Date | null {
  const m = LOCAL.exec(value)
  if (m) {
    const [, y, mo, d, h, mi, s] = m
    const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +(s ?? 0))
    // Two rounds settle the offset even across a (historical) DST change.
    let instant = wall - zoneOffsetMinutes(wall, LAB_TIME_ZONE) * 60_000
    instant = wall - zoneOffsetMinutes(instant, LAB_TIME_ZONE) * 60_000
    const date = new Date(instant)
    return Number.isNaN(date.getTime()) ? null : date
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** The value for a `datetime-local` input showing `date` in Guatemala time. */
export function toLabDateTimeInput(date: Date | string | null | undefined): string {
  if (!date) return ''
  const instant = new Date(date).getTime()
  const local = new Date(instant + zoneOffsetMinutes(instant, LAB_TIME_ZONE) * 60_000)
  return local.toISOString().slice(0, 16)
}

const emptyToNull = (v: unknown) => (v === '' ? null : v)

const dateField = z.preprocess(
  emptyToNull,
  z
    .union([z.date(), safeText().trim()], { error: 'challenges.validation.date' })
    .nullable()
    .transform((v, ctx) => {
      if (v === null || v instanceof Date) return v
      const date = parseLabDateTime(v)
      if (!date) {
        ctx.addIssue({ code: 'custom', message: 'challenges.validation.date' })
        return z.NEVER
      }
      return date
    }),
)

export const dateFields = ['opensAt', 'cocreationAt', 'votingAt', 'evaluationAt', 'pilotingAt', 'closesAt'] as const
export type DateField = (typeof dateFields)[number]

const count = z.coerce.number({ error: 'challenges.validation.number' }).int('challenges.validation.number').min(1, 'challenges.validation.number').max(100, 'challenges.validation.number')

/** Every field of a challenge, one by one, none with a default (a PATCH changes only what it sends). */
export const challengeFields = z.object({
  title: safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(8, 'challenges.validation.titleTooShort').max(160, 'validation.tooLong'),
  problem: safeText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(30, 'challenges.validation.problemTooShort').max(20_000, 'validation.tooLong'),
  institutionId: z.uuid({ error: 'validation.institution' }),
  serviceArea: z.enum(serviceAreas, { error: 'challenges.validation.serviceArea' }),
  department: z.preprocess(emptyToNull, z.enum(departmentNames as [string, ...string[]], { error: 'challenges.validation.department' }).nullable()),
  municipality: z.preprocess(emptyToNull, safeText().trim().max(100, 'validation.tooLong').nullable()),
  sdgTargets: z
    .preprocess((v) => (v === '' || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(sdgCodes as [string, ...string[]], { error: 'challenges.validation.sdg' })).max(10, 'challenges.validation.sdg'))
    .transform((v) => [...new Set(v)]),
  opensAt: dateField,
  cocreationAt: dateField,
  votingAt: dateField,
  evaluationAt: dateField,
  pilotingAt: dateField,
  closesAt: dateField,
  votingMethod: z.enum(votingMethods, { error: 'challenges.validation.votingMethod' }),
  votingBudget: count,
  votingMaxPerIdea: count,
})

/** A new challenge: what is not sent is empty (territory, SDGs, dates) or 1 (voting budget and cap). */
export const challengeInputSchema = challengeFields.extend({
  department: challengeFields.shape.department.default(null),
  municipality: challengeFields.shape.municipality.default(null),
  sdgTargets: challengeFields.shape.sdgTargets.default([]),
  opensAt: dateField.default(null),
  cocreationAt: dateField.default(null),
  votingAt: dateField.default(null),
  evaluationAt: dateField.default(null),
  pilotingAt: dateField.default(null),
  closesAt: dateField.default(null),
  votingBudget: count.default(1),
  votingMaxPerIdea: count.default(1),
})
export type ChallengeInput = z.output<typeof challengeInputSchema>
export const challengePatchSchema = challengeFields.partial()
export type ChallengePatch = z.output<typeof challengePatchSchema>

export const phaseSchema = z.object({ phase: z.enum(phases, { error: 'challenges.validation.phase' }) })

export const challengeListQuerySchema = z.object({
  phase: z.preprocess(emptyToNull, z.enum(phases).nullable()).catch(null).default(null),
  institution: z.preprocess(emptyToNull, z.uuid().nullable()).catch(null).default(null),
  serviceArea: z.preprocess(emptyToNull, z.enum(serviceAreas).nullable()).catch(null).default(null),
  department: z.preprocess(emptyToNull, z.enum(departmentNames as [string, ...string[]]).nullable()).catch(null).default(null),
  sdg: z.preprocess(emptyToNull, z.enum(sdgCodes as [string, ...string[]]).nullable()).catch(null).default(null),
  q: z.preprocess(emptyToNull, safeText().trim().max(200).nullable()).catch(null).default(null),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type ChallengeListQuery = z.output<typeof challengeListQuerySchema>

/** Rules across fields, on the whole challenge as it would be saved: territory, dates in order, voting rules. */
export function challengeRuleErrors(c: Pick<ChallengeInput, 'department' | 'municipality' | DateField | 'votingMethod' | 'votingBudget' | 'votingMaxPerIdea'>): FieldErrors {
  const errors: FieldErrors = {}
  if (c.municipality && (!c.department || !isMunicipalityOf(c.department, c.municipality))) errors.municipality = ['challenges.validation.municipality']
  let previous: Date | null = null
  for (const field of dateFields) {
    const at = c[field]
    if (!at) continue
    if (previous && at.getTime() <= previous.getTime()) errors[field] = ['challenges.validation.datesOrder']
    previous = at
  }
  if (c.votingMethod === 'dots' && c.votingMaxPerIdea > c.votingBudget) errors.votingMaxPerIdea = ['challenges.validation.maxPerIdea']
  return errors
}

/** A challenge form (urlencoded or multipart) as the schema's input: the SDG checkboxes are a list. */
export function challengeFormInput(formData: FormData) {
  const input: Record<string, unknown> = {}
  for (const [key, value] of formData.entries()) if (typeof value === 'string') input[key] = value
  input.sdgTargets = formData.getAll('sdgTargets').filter((v) => typeof v === 'string')
  return input
}
