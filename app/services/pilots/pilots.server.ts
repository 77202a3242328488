import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { getDb, type Db } from '#db/client.ts'
import {
  challenges,
  follows,
  ideas,
  institutions,
  kpiMeasurements,
  kpis,
  milestones,
  pilotIdeas,
  pilots,
  pilotTeam,
  pilotUpdates,
  users,
  type Kpi,
  type KpiMeasurement,
  type Milestone,
  type Pilot,
  type PilotUpdate,
} from '#db/schema.ts'
import { DomainError } from '../platform/errors.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { daysSinceUpdate, isMilestoneOverdue, isOpenStatus, isStale, labDate, pilotProgress, pilotSchedule } from './pilot-progress.ts'
import { type PilotListQuery } from './pilot-schemas.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'
import { type Actor, type Tx } from '../platform/types.ts'
import { isUuid } from '../platform/schemas.ts'



export const pilotLink = (slug: string) => `/pilotos/${slug}`

// ——— Reading: one loader for pages, the API and open data ———

/** Pilots with everything the public sees, loaded in a few batched queries. */
export async function loadPilots(where: SQL | undefined, { limit, offset }: { limit?: number; offset?: number } = {}) {
  const db = getDb()
  let query = db
    .select({ pilot: pilots, institutionName: institutions.name, institutionAcronym: institutions.acronym, leadName: users.name, leadDeleted: sql<boolean>`${users.deletedAt} is not null`, challengeSlug: challenges.slug, challengeTitle: challenges.title })
    .from(pilots)
    .innerJoin(institutions, eq(pilots.institutionId, institutions.id))
    .innerJoin(users, eq(pilots.leadId, users.id))
    .leftJoin(challenges, eq(pilots.challengeId, challenges.id))
    .where(where)
    .orderBy(desc(pilots.createdAt), asc(pilots.id))
    .$dynamic()
  if (limit !== undefined) query = query.limit(limit).offset(offset ?? 0)
  const rows = await query
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.pilot.id)
  const [milestoneRows, kpiRows, updateRows, teamRows, ideaRows] = await Promise.all([
    db.select().from(milestones).where(inArray(milestones.pilotId, ids)).orderBy(asc(milestones.dueDate), asc(milestones.createdAt)),
    db.select().from(kpis).where(inArray(kpis.pilotId, ids)).orderBy(asc(kpis.createdAt)),
    db
      .select({ update: pilotUpdates, authorName: users.name, authorDeleted: sql<boolean>`${users.deletedAt} is not null` })
      .from(pilotUpdates)
      .innerJoin(users, eq(pilotUpdates.authorId, users.id))
      .where(inArray(pilotUpdates.pilotId, ids))
      .orderBy(desc(pilotUpdates.createdAt), desc(pilotUpdates.id)),
    db.select({ pilotId: pilotTeam.pilotId, id: users.id, name: users.name, deleted: sql<boolean>`${users.deletedAt} is not null` }).from(pilotTeam).innerJoin(users, eq(pilotTeam.userId, users.id)).where(inArray(pilotTeam.pilotId, ids)).orderBy(asc(pilotTeam.createdAt)),
    db.select({ pilotId: pilotIdeas.pilotId, id: ideas.id, title: ideas.title }).from(pilotIdeas).innerJoin(ideas, eq(pilotIdeas.ideaId, ideas.id)).where(inArray(pilotIdeas.pilotId, ids)),
  ])
  const kpiIds = kpiRows.map((k) => k.id)
  const measurementRows = kpiIds.length ? await db.select().from(kpiMeasurements).where(inArray(kpiMeasurements.kpiId, kpiIds)).orderBy(asc(kpiMeasurements.measuredOn), asc(kpiMeasurements.createdAt)) : []
  const group = <T, K extends keyof T>(items: T[], key: K) => {
    const map = new Map<T[K], T[]>()
    for (const item of items) map.set(item[key], [...(map.get(item[key]) ?? []), item])
    return map
  }
  const milestonesOf = group(milestoneRows, 'pilotId')
  const kpisOf = group(kpiRows, 'pilotId')
  const measurementsOf = group(measurementRows, 'kpiId')
  const updatesOf = new Map<string, { update: PilotUpdate; authorName: string; authorDeleted: boolean }[]>()
  for (const u of updateRows) updatesOf.set(u.update.pilotId, [...(updatesOf.get(u.update.pilotId) ?? []), u])
  const teamOf = group(teamRows, 'pilotId')
  const ideasOf = group(ideaRows, 'pilotId')
  return rows.map((r) => ({
    ...r,
    milestones: milestonesOf.get(r.pilot.id) ?? [],
    kpis: (kpisOf.get(r.pilot.id) ?? []).map((k) => ({ kpi: k, measurements: measurementsOf.get(k.id) ?? [] })),
    updates: updatesOf.get(r.pilot.id) ?? [],
    team: (teamOf.get(r.pilot.id) ?? []).map(({ id, name, deleted }) => ({ id, name, ...(deleted ? { deleted: true as const } : {}) })),
    ideas: (ideasOf.get(r.pilot.id) ?? []).map(({ id, title }) => ({ id, title })),
  }))
}
export type PilotRecord = Awaited<ReturnType<typeof loadPilots>>[number]

export const attachmentUrl = (name: string | null) => (name ? `/pilotos/adjuntos/${name}` : null)
const num = (v: string) => Number(v)
const iso = (d: Date | null) => d?.toISOString() ?? null

function serializeMilestone(m: Milestone, now: Date) {
  return { id: m.id, title: m.title, description: m.description, weight: m.weight, dueDate: m.dueDate, completedAt: iso(m.completedAt), overdue: isMilestoneOverdue(m, now) }
}
function serializeKpi(k: Kpi, measurements: KpiMeasurement[]) {
  return {
    id: k.id,
    name: k.name,
    unit: k.unit,
    baseline: num(k.baseline),
    target: num(k.target),
    /** The declared range measurements must fall in (null: unbounded on that side). */
    minValue: k.minValue === null ? null : num(k.minValue),
    maxValue: k.maxValue === null ? null : num(k.maxValue),
    /** The figures: withdrawn measurements are left out of charts, tables of values and the latest value. */
    measurements: measurements.filter((m) => !m.withdrawnAt).map((m) => ({ id: m.id, measuredOn: m.measuredOn, value: num(m.value), note: m.note, correctedAt: iso(m.correctedAt) })),
    /** Withdrawn measurements stay in the record, with when and why. */
    withdrawn: measurements
      .filter((m) => m.withdrawnAt)
      .map((m) => ({ id: m.id, measuredOn: m.measuredOn, value: num(m.value), note: m.note, withdrawnAt: iso(m.withdrawnAt)!, withdrawnReason: m.withdrawnReason ?? '' })),
  }
}
export function serializeUpdate(u: PilotUpdate, authorName: string, authorDeleted = false) {
  return {
    id: u.id,
    body: u.body,
    progress: u.progress,
    author: { id: u.authorId, name: authorName, ...(authorDeleted ? { deleted: true as const } : {}) },
    attachment: u.attachment ? { url: attachmentUrl(u.attachment)!, name: u.attachmentName ?? u.attachment } : null,
    createdAt: u.createdAt.toISOString(),
  }
}

/** A pilot as the API answers it (and pages read it): the one serialiser. Progress derives from the milestones. */
export function serializePilot(r: PilotRecord, now: Date = new Date()) {
  const p = r.pilot
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    status: p.status,
    statusReason: p.statusReason,
    progress: pilotProgress(r.milestones),
    /** The progress the team gave with its last update that gave one (the milestone figure stays the official one). */
    reportedProgress: r.updates.find((u) => u.update.progress !== null)?.update.progress ?? null,
    schedule: pilotSchedule(p, r.milestones, now),
    stale: isStale(p, now),
    daysSinceUpdate: daysSinceUpdate(p, now),
    institution: { id: p.institutionId, name: r.institutionName, acronym: r.institutionAcronym },
    lead: { id: p.leadId, name: r.leadName, ...(r.leadDeleted ? { deleted: true as const } : {}) },
    team: r.team,
    challenge: p.challengeId && r.challengeSlug ? { id: p.challengeId, slug: r.challengeSlug, title: r.challengeTitle ?? '' } : null,
    ideas: r.ideas,
    summary: p.summary,
    summaryHtml: renderMarkdown(p.summary),
    territory: { department: p.department, municipality: p.municipality },
    startDate: p.startDate,
    endDate: p.endDate,
    budgetGtq: num(p.budgetGtq),
    milestones: r.milestones.map((m) => serializeMilestone(m, now)),
    kpis: r.kpis.map((k) => serializeKpi(k.kpi, k.measurements)),
    updates: r.updates.map((u) => serializeUpdate(u.update, u.authorName, u.authorDeleted)),
    lastUpdateAt: iso(p.lastUpdateAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }
}
export type PilotJson = ReturnType<typeof serializePilot>

const pilotWhere = (idOrSlug: string) => (isUuid(idOrSlug) ? or(eq(pilots.id, idOrSlug), eq(pilots.slug, idOrSlug)) : eq(pilots.slug, idOrSlug))

/** One pilot by id or slug (pilots are public), or `not_found`. */
export async function getPilotRecord(idOrSlug: string): Promise<PilotRecord> {
  const [row] = await loadPilots(pilotWhere(idOrSlug))
  if (!row) throw new DomainError('not_found')
  return row
}

export const PILOTS_PAGE_SIZE = 50

function listWhere(query: Partial<PilotListQuery>) {
  return and(
    query.status ? eq(pilots.status, query.status) : undefined,
    query.institution ? eq(pilots.institutionId, query.institution) : undefined,
    query.department ? eq(pilots.department, query.department) : undefined,
  )
}

/** Every pilot (public), newest first, filtered by status, institution and department. */
export async function listPilots(query: Partial<PilotListQuery> = {}, pageSize = PILOTS_PAGE_SIZE) {
  const page = Math.max(1, query.page ?? 1)
  const where = listWhere(query)
  const [items, [{ total }]] = await Promise.all([
    loadPilots(where, { limit: pageSize, offset: (page - 1) * pageSize }),
    getDb().select({ total: sql<number>`count(*)::int` }).from(pilots).where(where),
  ])
  return { items, total, page, pageSize }
}

/** Every pilot, for the open-data files. */
export const allPilots = () => loadPilots(undefined)

async function teamIds(pilotId: string, db: Pick<Db, 'select'> = getDb()) {
  return (await db.select({ userId: pilotTeam.userId }).from(pilotTeam).where(eq(pilotTeam.pilotId, pilotId))).map((r) => r.userId)
}

/** Facilitators report on any pilot; officials on the pilots they lead or are on the team of. */
export function canReportOn(actor: Actor, pilot: Pick<Pilot, 'leadId'>, team: readonly string[]): boolean {
  if (!actor || actor.blockedAt) return false
  if (can(actor, 'report:pilot')) return true
  return can(actor, 'report:pilot:own') && (pilot.leadId === actor.id || team.includes(actor.id))
}

/** The pilot (locked for update inside `tx`) if the actor may report on it; `forbidden` otherwise. */
export async function requireReporter(actor: Actor, tx: Tx, pilotId: string): Promise<{ user: SessionUser; pilot: Pilot }> {
  if (actor && !actor.blockedAt && !can(actor, 'report:pilot') && !can(actor, 'report:pilot:own')) throw new DomainError('forbidden', 'pilots.errors.notYourPilot')
  const user = can(actor, 'report:pilot') ? actor! : requirePermission(actor, 'report:pilot:own')
  const [pilot] = await tx.select().from(pilots).where(eq(pilots.id, pilotId)).for('update')
  if (!pilot) throw new DomainError('not_found')
  if (!canReportOn(user, pilot, await teamIds(pilot.id, tx))) throw new DomainError('forbidden', 'pilots.errors.notYourPilot')
  return { user, pilot }
}

/** What the page offers the viewer. */
export async function pilotAbilities(actor: Actor, record: PilotRecord) {
  return { report: canReportOn(actor, record.pilot, record.team.map((m) => m.id)) }
}

// ——— Creating ———

/**
 * Tells followers (and the lead and team) once of each milestone of an open pilot that passed
 * its due day undone. Claiming `missed_notified_at` first makes it once even with several
 * instances running the clock.
 */
export async function notifyMissedMilestones(now: Date = new Date()) {
  const db = getDb()
  const due = await db
    .select({ milestone: milestones, pilot: pilots })
    .from(milestones)
    .innerJoin(pilots, eq(milestones.pilotId, pilots.id))
    .where(and(isNull(milestones.completedAt), isNull(milestones.missedNotifiedAt), lt(milestones.dueDate, labDate(now)), inArray(pilots.status, ['planned', 'active', 'paused'])))
  const told: string[] = []
  for (const { milestone, pilot } of due) {
    const [claimed] = await db
      .update(milestones)
      .set({ missedNotifiedAt: now })
      .where(and(eq(milestones.id, milestone.id), isNull(milestones.missedNotifiedAt), isNull(milestones.completedAt)))
      .returning({ id: milestones.id })
    if (!claimed) continue
    const followers = await db
      .select({ userId: follows.userId })
      .from(follows)
      .where(and(eq(follows.targetType, 'pilot'), eq(follows.targetId, pilot.id)))
    await notifyUsers([...followers.map((f) => f.userId), pilot.leadId, ...(await teamIds(pilot.id))], {
      kind: 'pilot.milestoneMissed',
      payload: { title: pilot.title, milestone: milestone.title, dueDate: milestone.dueDate },
      link: `${pilotLink(pilot.slug)}#milestone-${milestone.id}`,
    })
    told.push(milestone.id)
  }
  return told
}

// ——— The officials' dashboard ———

/** What comments and follows need to know of a pilot; `not_found` when there is none. */
export async function pilotForThread(id: string) {
  if (!isUuid(id)) throw new DomainError('not_found')
  const [row] = await getDb().select({ id: pilots.id, slug: pilots.slug, title: pilots.title, status: pilots.status }).from(pilots).where(eq(pilots.id, id))
  if (!row) throw new DomainError('not_found')
  return { ...row, link: pilotLink(row.slug), open: isOpenStatus(row.status) || row.status === 'completed' }
}
