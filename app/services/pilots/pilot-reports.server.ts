import { and, eq } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { kpiMeasurements, kpis, milestones, pilots, pilotUpdates, type Kpi, type KpiMeasurement } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { removeStoredFile, storeFile, type FileInput } from '../platform/stored-files.server.ts'
import { notifyFollowers } from '../notifications/notifications.server.ts'
import {
  isDurationUnit,
  type KpiInput,
  type MeasurementCorrectionInput,
  type MeasurementInput,
  type MeasurementWithdrawalInput,
  type MilestoneInput,
  type PilotStatusInput,
  type PilotUpdateInput,
} from './pilot-schemas.ts'
import { labDate } from './pilot-progress.ts'
import { pilotLink, requireReporter, serializeUpdate } from './pilots.server.ts'
import { type Actor, type Tx } from '../platform/types.ts'
import { isUuid } from '../platform/schemas.ts'

/** What a pilot's team reports: status changes, milestones, KPIs and their measurements, updates on the timeline. */

const num = (v: string) => Number(v)

/** Every status change carries a public reason, is audited, and followers are told. */
export async function changePilotStatus(actor: Actor, pilotId: string, input: PilotStatusInput) {
  const changed = await getDb().transaction(async (tx) => {
    const { user, pilot } = await requireReporter(actor, tx, pilotId)
    if (pilot.status === input.status) throw new DomainError('conflict', 'pilots.errors.sameStatus', { fields: { status: ['pilots.validation.sameStatus'] } })
    const [after] = await tx.update(pilots).set({ status: input.status, statusReason: input.reason, updatedAt: new Date() }).where(eq(pilots.id, pilot.id)).returning()
    await recordAudit(tx, {
      actorId: user.id,
      action: 'pilot.status',
      entityType: 'pilot',
      entityId: pilot.id,
      before: { status: pilot.status, statusReason: pilot.statusReason },
      after: { status: after.status, statusReason: after.statusReason },
    })
    return { user, after }
  })
  await notifyFollowers(
    { targetType: 'pilot', targetId: changed.after.id },
    { kind: 'pilot.status', payload: { title: changed.after.title, status: changed.after.status, reason: input.reason }, link: pilotLink(changed.after.slug) },
    { except: [changed.user.id] },
  )
  return changed.after
}

export async function addMilestone(actor: Actor, pilotId: string, input: MilestoneInput) {
  return getDb().transaction(async (tx) => {
    const { user, pilot } = await requireReporter(actor, tx, pilotId)
    const [row] = await tx.insert(milestones).values({ pilotId: pilot.id, ...input }).returning()
    await recordAudit(tx, { actorId: user.id, action: 'pilot.milestone.add', entityType: 'pilot', entityId: pilot.id, after: row })
    return row
  })
}

/** Marks a milestone done (or undone again); progress follows. */
export async function setMilestoneDone(actor: Actor, pilotId: string, milestoneId: string, done: boolean) {
  if (!isUuid(milestoneId)) throw new DomainError('not_found')
  return getDb().transaction(async (tx) => {
    const { user, pilot } = await requireReporter(actor, tx, pilotId)
    const [before] = await tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.id, milestoneId), eq(milestones.pilotId, pilot.id)))
    if (!before) throw new DomainError('not_found')
    const [after] = await tx
      .update(milestones)
      .set({ completedAt: done ? (before.completedAt ?? new Date()) : null })
      .where(eq(milestones.id, milestoneId))
      .returning()
    await tx.update(pilots).set({ updatedAt: new Date() }).where(eq(pilots.id, pilot.id))
    await recordAudit(tx, { actorId: user.id, action: done ? 'pilot.milestone.complete' : 'pilot.milestone.reopen', entityType: 'pilot', entityId: pilot.id, before, after })
    return after
  })
}

export async function addKpi(actor: Actor, pilotId: string, input: KpiInput) {
  return getDb().transaction(async (tx) => {
    const { user, pilot } = await requireReporter(actor, tx, pilotId)
    const [row] = await tx
      .insert(kpis)
      .values({
        pilotId: pilot.id,
        name: input.name,
        unit: input.unit,
        baseline: input.baseline.toFixed(2),
        target: input.target.toFixed(2),
        minValue: input.minValue === null ? null : input.minValue.toFixed(2),
        maxValue: input.maxValue === null ? null : input.maxValue.toFixed(2),
      })
      .returning()
    await recordAudit(tx, { actorId: user.id, action: 'pilot.kpi.add', entityType: 'pilot', entityId: pilot.id, after: row })
    return row
  })
}

/**
 * Why a measurement of this indicator is refused, as field errors (none: it is fine): a day after
 * today in Guatemala, or a value outside the indicator's declared range (a duration is never negative).
 */
export function measurementProblems(kpi: Pick<Kpi, 'unit' | 'minValue' | 'maxValue'>, input: { measuredOn: string; value: number }, now = new Date()): Record<string, string[]> {
  const problems: Record<string, string[]> = {}
  if (input.measuredOn > labDate(now)) problems.measuredOn = ['pilots.validation.futureDate']
  const min = kpi.minValue === null ? (isDurationUnit(kpi.unit) ? 0 : null) : Number(kpi.minValue)
  const max = kpi.maxValue === null ? null : Number(kpi.maxValue)
  if (min !== null && input.value < min) problems.value = ['pilots.validation.belowMin']
  else if (max !== null && input.value > max) problems.value = ['pilots.validation.aboveMax']
  return problems
}

function refuseInvalid(kpi: Kpi, input: { measuredOn: string; value: number }) {
  const problems = measurementProblems(kpi, input)
  if (Object.keys(problems).length) throw new DomainError('validation', 'errors.validation', { fields: problems })
}

async function kpiOf(tx: Tx, pilotId: string, kpiId: string) {
  const [kpi] = await tx
    .select()
    .from(kpis)
    .where(and(eq(kpis.id, kpiId), eq(kpis.pilotId, pilotId)))
  if (!kpi) throw new DomainError('not_found')
  return kpi
}

export async function addMeasurement(actor: Actor, pilotId: string, kpiId: string, input: MeasurementInput) {
  if (!isUuid(kpiId)) throw new DomainError('not_found')
  return getDb().transaction(async (tx) => {
    const { user, pilot } = await requireReporter(actor, tx, pilotId)
    const kpi = await kpiOf(tx, pilot.id, kpiId)
    refuseInvalid(kpi, input)
    const [row] = await tx
      .insert(kpiMeasurements)
      .values({ kpiId, measuredOn: input.measuredOn, value: input.value.toFixed(2), note: input.note, recordedBy: user.id })
      .returning()
    await recordAudit(tx, { actorId: user.id, action: 'pilot.kpi.measure', entityType: 'pilot', entityId: pilot.id, after: row })
    return { ...row, value: num(row.value) }
  })
}

/** A measurement of this pilot that has not been withdrawn, with its indicator. */
async function liveMeasurement(tx: Tx, pilotId: string, measurementId: string) {
  if (!isUuid(measurementId)) throw new DomainError('not_found')
  const [found] = await tx
    .select({ m: kpiMeasurements, kpi: kpis })
    .from(kpiMeasurements)
    .innerJoin(kpis, eq(kpis.id, kpiMeasurements.kpiId))
    .where(and(eq(kpiMeasurements.id, measurementId), eq(kpis.pilotId, pilotId)))
  if (!found) throw new DomainError('not_found')
  if (found.m.withdrawnAt) throw new DomainError('conflict', 'pilots.errors.measurementWithdrawn')
  return found
}

const measurementFields = (m: KpiMeasurement) => ({ kpiId: m.kpiId, measuredOn: m.measuredOn, value: num(m.value), note: m.note })

type MeasurementChange = {
  action: 'pilot.kpi.correct' | 'pilot.kpi.withdraw'
  /** The new column values, given who changes it and the indicator (to validate against). */
  set: (user: { id: string }, kpi: Kpi) => Partial<typeof kpiMeasurements.$inferInsert>
  /** What the audit log shows beyond the measurement's own fields, before and after. */
  recorded: (after: KpiMeasurement) => { before: Record<string, unknown>; after: Record<string, unknown> }
}

/** Changes a live measurement of the pilot in place; the pilot counts as updated and the audit log keeps before → after. */
async function changeMeasurement(actor: Actor, pilotId: string, measurementId: string, change: MeasurementChange) {
  return getDb().transaction(async (tx) => {
    const { user, pilot } = await requireReporter(actor, tx, pilotId)
    const { m: before, kpi } = await liveMeasurement(tx, pilot.id, measurementId)
    const [after] = await tx.update(kpiMeasurements).set(change.set(user, kpi)).where(eq(kpiMeasurements.id, before.id)).returning()
    await tx.update(pilots).set({ updatedAt: new Date() }).where(eq(pilots.id, pilot.id))
    const extra = change.recorded(after)
    await recordAudit(tx, {
      actorId: user.id,
      action: change.action,
      entityType: 'pilot',
      entityId: pilot.id,
      before: { measurementId: before.id, kpi: kpi.name, ...measurementFields(before), ...extra.before },
      after: { measurementId: after.id, kpi: kpi.name, ...measurementFields(after), ...extra.after },
    })
    return after
  })
}

/** Corrects a measurement's day, value or note, with a reason. */
export async function correctMeasurement(actor: Actor, pilotId: string, input: MeasurementCorrectionInput) {
  const after = await changeMeasurement(actor, pilotId, input.measurementId, {
    action: 'pilot.kpi.correct',
    set: (_user, kpi) => {
      refuseInvalid(kpi, input)
      return { measuredOn: input.measuredOn, value: input.value.toFixed(2), note: input.note, correctedAt: new Date() }
    },
    recorded: () => ({ before: {}, after: { correctionReason: input.reason } }),
  })
  return { ...after, value: num(after.value) }
}

/** Withdraws a measurement with a reason: it stays in the record (struck through) and leaves the charts and figures. */
export async function withdrawMeasurement(actor: Actor, pilotId: string, input: MeasurementWithdrawalInput) {
  return changeMeasurement(actor, pilotId, input.measurementId, {
    action: 'pilot.kpi.withdraw',
    set: (user) => ({ withdrawnAt: new Date(), withdrawnReason: input.reason, withdrawnBy: user.id }),
    recorded: (after) => ({
      before: { withdrawnAt: null, withdrawnReason: null },
      after: { withdrawnAt: after.withdrawnAt?.toISOString() ?? null, withdrawnReason: after.withdrawnReason },
    }),
  })
}

/**
 * An update on the public timeline (text, optional reported progress and attachment); followers
 * are told. The attachment is stored with the update, and removed again if the update is refused.
 */
export async function postPilotUpdate(actor: Actor, pilotId: string, input: PilotUpdateInput, file: FileInput | null = null) {
  const attachment = file ? { name: await storeFile('attachment', file), originalName: file.name.slice(0, 200) || 'adjunto' } : null
  try {
    return await insertUpdate(actor, pilotId, input, attachment)
  } catch (error) {
    if (attachment) await removeStoredFile('attachment', attachment.name)
    throw error
  }
}

async function insertUpdate(actor: Actor, pilotId: string, input: PilotUpdateInput, attachment: { name: string; originalName: string } | null) {
  const posted = await getDb().transaction(async (tx) => {
    const { user, pilot } = await requireReporter(actor, tx, pilotId)
    const [row] = await tx
      .insert(pilotUpdates)
      .values({ pilotId: pilot.id, authorId: user.id, body: input.body, progress: input.progress, attachment: attachment?.name ?? null, attachmentName: attachment?.originalName ?? null })
      .returning()
    await tx.update(pilots).set({ lastUpdateAt: row.createdAt, updatedAt: new Date() }).where(eq(pilots.id, pilot.id))
    await recordAudit(tx, { actorId: user.id, action: 'pilot.update', entityType: 'pilot', entityId: pilot.id, after: row })
    return { user, pilot, row }
  })
  await notifyFollowers(
    { targetType: 'pilot', targetId: posted.pilot.id },
    { kind: 'pilot.update', payload: { title: posted.pilot.title, author: posted.user.name }, link: `${pilotLink(posted.pilot.slug)}#update-${posted.row.id}` },
    { except: [posted.user.id] },
  )
  return serializeUpdate(posted.row, posted.user.name)
}
