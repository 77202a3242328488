import { and, asc, desc, eq, inArray, isNotNull, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm'
import { isMunicipalityOf } from '#app/data/guatemala.ts'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { getDb, type Db } from '#db/client.ts'
import {
  challenges,
  comments,
  follows,
  ideaAuthors,
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
  type PilotStatus,
  type PilotUpdate,
} from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { slugify } from '../accounts/institutions.server.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { daysSinceUpdate, isMilestoneOverdue, isOpenStatus, isStale, labDate, pilotProgress, pilotSchedule } from './pilot-progress.ts'
import { type PilotInput, type PilotListQuery } from './pilot-schemas.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'
import { type Actor, type Tx } from '../platform/types.ts'
import { isUuid } from '../platform/schemas.ts'


/** Words that are pages under /pilotos/, never a pilot's slug. */
const RESERVED_SLUGS = new Set(['nuevo', 'adjuntos'])

const validationFailed = (fields: Record<string, string[]>) => new DomainError('validation', 'errors.validation', { fields })
export const pilotLink = (slug: string) => `/pilotos/${slug}`

// ——— Reading: one loader for pages, the API and open data ———

/** Pilots with everything the public sees, loaded in a few batched queries. */
async function loadPilots(where: SQL | undefined, { limit, offset }: { limit?: number; offset?: number } = {}) {
  const db = getDb()
  let query = db
    .select({ pilot: pilots, institutionName: institutions.name, institutionAcronym: institutions.acronym, leadName: users.name, challengeSlug: challenges.slug, challengeTitle: challenges.title })
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
      .select({ update: pilotUpdates, authorName: users.name })
      .from(pilotUpdates)
      .innerJoin(users, eq(pilotUpdates.authorId, users.id))
      .where(inArray(pilotUpdates.pilotId, ids))
      .orderBy(desc(pilotUpdates.createdAt), desc(pilotUpdates.id)),
    db.select({ pilotId: pilotTeam.pilotId, id: users.id, name: users.name }).from(pilotTeam).innerJoin(users, eq(pilotTeam.userId, users.id)).where(inArray(pilotTeam.pilotId, ids)).orderBy(asc(pilotTeam.createdAt)),
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
  const updatesOf = new Map<string, { update: PilotUpdate; authorName: string }[]>()
  for (const u of updateRows) updatesOf.set(u.update.pilotId, [...(updatesOf.get(u.update.pilotId) ?? []), u])
  const teamOf = group(teamRows, 'pilotId')
  const ideasOf = group(ideaRows, 'pilotId')
  return rows.map((r) => ({
    ...r,
    milestones: milestonesOf.get(r.pilot.id) ?? [],
    kpis: (kpisOf.get(r.pilot.id) ?? []).map((k) => ({ kpi: k, measurements: measurementsOf.get(k.id) ?? [] })),
    updates: updatesOf.get(r.pilot.id) ?? [],
    team: (teamOf.get(r.pilot.id) ?? []).map(({ id, name }) => ({ id, name })),
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
    measurements: measurements.map((m) => ({ id: m.id, measuredOn: m.measuredOn, value: num(m.value), note: m.note })),
  }
}
export function serializeUpdate(u: PilotUpdate, authorName: string) {
  return {
    id: u.id,
    body: u.body,
    progress: u.progress,
    author: { id: u.authorId, name: authorName },
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
    lead: { id: p.leadId, name: r.leadName },
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
    updates: r.updates.map((u) => serializeUpdate(u.update, u.authorName)),
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

/**
 * The lab's portfolio: how many pilots per status, and per institution how many are on time
 * and late (cancelled ones count in their status only).
 */
export async function portfolioSummary(now: Date = new Date()) {
  const db = getDb()
  const rows = await db
    .select({ id: pilots.id, status: pilots.status, endDate: pilots.endDate, createdAt: pilots.createdAt, lastUpdateAt: pilots.lastUpdateAt, institutionId: pilots.institutionId, institutionName: institutions.name, institutionAcronym: institutions.acronym })
    .from(pilots)
    .innerJoin(institutions, eq(pilots.institutionId, institutions.id))
  const ms = rows.length ? await db.select({ pilotId: milestones.pilotId, weight: milestones.weight, dueDate: milestones.dueDate, completedAt: milestones.completedAt }).from(milestones) : []
  const byStatus: Record<PilotStatus, number> = { planned: 0, active: 0, paused: 0, completed: 0, cancelled: 0 }
  const byInstitution = new Map<string, { id: string; name: string; acronym: string; total: number; onTime: number; late: number }>()
  let onTime = 0
  let late = 0
  for (const p of rows) {
    byStatus[p.status]++
    const entry = byInstitution.get(p.institutionId) ?? { id: p.institutionId, name: p.institutionName, acronym: p.institutionAcronym, total: 0, onTime: 0, late: 0 }
    entry.total++
    const schedule = pilotSchedule(
      p,
      ms.filter((m) => m.pilotId === p.id),
      now,
    )
    if (schedule === 'late') {
      entry.late++
      late++
    } else if (schedule === 'onTime') {
      entry.onTime++
      onTime++
    }
    byInstitution.set(p.institutionId, entry)
  }
  return {
    total: rows.length,
    onTime,
    late,
    byStatus,
    byInstitution: [...byInstitution.values()].sort((a, b) => b.total - a.total || a.acronym.localeCompare(b.acronym, 'es')),
  }
}

/** The institutions that have pilots (for the list's filter). */
export function pilotInstitutions() {
  return getDb()
    .selectDistinct({ id: institutions.id, name: institutions.name, acronym: institutions.acronym })
    .from(institutions)
    .innerJoin(pilots, eq(pilots.institutionId, institutions.id))
    .orderBy(asc(institutions.acronym))
}

// ——— Who may report ———

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

/** A slug from the title, unique and never a reserved word: "mi-piloto", then "mi-piloto-2"… */
async function freeSlug(tx: Tx, title: string) {
  const base = slugify(title) || 'piloto'
  const taken = new Set((await tx.select({ slug: pilots.slug }).from(pilots).where(or(eq(pilots.slug, base), like(pilots.slug, `${base}-%`)))).map((r) => r.slug))
  for (const r of RESERVED_SLUGS) taken.add(r)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

const REPORTER_ROLES = ['official', 'facilitator', 'admin'] as const

/** The choices of the new-pilot form: the challenge's selected ideas, institutions, and the people who can lead or join. */
export async function pilotFormOptions(challengeIdOrSlug: string | null) {
  const db = getDb()
  const [challengeRows, institutionRows, people] = await Promise.all([
    db
      .selectDistinct({ id: challenges.id, slug: challenges.slug, title: challenges.title, institutionId: challenges.institutionId, department: challenges.department, municipality: challenges.municipality })
      .from(challenges)
      .innerJoin(ideas, eq(ideas.challengeId, challenges.id))
      .where(eq(ideas.status, 'selected'))
      .orderBy(asc(challenges.title)),
    db.select({ id: institutions.id, acronym: institutions.acronym, name: institutions.name }).from(institutions).orderBy(asc(institutions.acronym)),
    db
      .select({ id: users.id, name: users.name, role: users.role, institutionAcronym: institutions.acronym })
      .from(users)
      .leftJoin(institutions, eq(users.institutionId, institutions.id))
      .where(and(inArray(users.role, [...REPORTER_ROLES]), isNull(users.blockedAt)))
      .orderBy(asc(users.name)),
  ])
  const challenge = challengeIdOrSlug ? (challengeRows.find((c) => c.id === challengeIdOrSlug || c.slug === challengeIdOrSlug) ?? null) : null
  const selectedIdeas = challenge
    ? await db
        .select({ id: ideas.id, title: ideas.title, votes: ideas.voteTotal })
        .from(ideas)
        .where(and(eq(ideas.challengeId, challenge.id), eq(ideas.status, 'selected')))
        .orderBy(desc(ideas.voteTotal), asc(ideas.title))
    : []
  return { challenges: challengeRows, challenge, selectedIdeas, institutions: institutionRows, people }
}

/**
 * A facilitator turns one selected idea (or several, merged) of a challenge into a pilot with a
 * responsible institution, a lead official and a team. The idea authors are told.
 */
export async function createPilot(actor: Actor, input: PilotInput): Promise<PilotRecord> {
  const user = requirePermission(actor, 'create:pilot')
  if (input.municipality && (!input.department || !isMunicipalityOf(input.department, input.municipality))) throw validationFailed({ municipality: ['pilots.validation.municipality'] })
  const created = await getDb().transaction(async (tx) => {
    const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, input.challengeId))
    if (!challenge) throw validationFailed({ challengeId: ['pilots.validation.challenge'] })
    const chosen = await tx
      .select({ id: ideas.id, status: ideas.status, title: ideas.title })
      .from(ideas)
      .where(and(inArray(ideas.id, input.ideaIds), eq(ideas.challengeId, challenge.id)))
    if (chosen.length !== input.ideaIds.length || chosen.some((i) => i.status !== 'selected')) throw validationFailed({ ideaIds: ['pilots.validation.ideasSelected'] })
    const [institution] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, input.institutionId))
    if (!institution) throw validationFailed({ institutionId: ['validation.institution'] })
    const people = await tx
      .select({ id: users.id, role: users.role, blockedAt: users.blockedAt })
      .from(users)
      .where(inArray(users.id, [input.leadId, ...input.teamIds]))
    const reporter = (id: string) => people.some((p) => p.id === id && (REPORTER_ROLES as readonly string[]).includes(p.role) && !p.blockedAt)
    if (!reporter(input.leadId)) throw validationFailed({ leadId: ['pilots.validation.lead'] })
    const team = input.teamIds.filter((id) => id !== input.leadId)
    if (!team.every(reporter)) throw validationFailed({ teamIds: ['pilots.validation.team'] })
    const slug = await freeSlug(tx, input.title)
    const [row] = await tx
      .insert(pilots)
      .values({
        slug,
        challengeId: challenge.id,
        title: input.title,
        summary: input.summary,
        institutionId: input.institutionId,
        leadId: input.leadId,
        department: input.department,
        municipality: input.municipality,
        startDate: input.startDate,
        endDate: input.endDate,
        budgetGtq: input.budgetGtq.toFixed(2),
        createdBy: user.id,
      })
      .returning()
    await tx.insert(pilotIdeas).values(input.ideaIds.map((ideaId) => ({ pilotId: row.id, ideaId })))
    if (team.length) await tx.insert(pilotTeam).values(team.map((userId) => ({ pilotId: row.id, userId })))
    // The lead and the team follow their pilot, so they hear of comments and missed milestones.
    await tx
      .insert(follows)
      .values([input.leadId, ...team].map((userId) => ({ userId, targetType: 'pilot' as const, targetId: row.id })))
      .onConflictDoNothing()
    await recordAudit(tx, { actorId: user.id, action: 'pilot.create', entityType: 'pilot', entityId: row.id, after: { ...row, ideaIds: input.ideaIds, teamIds: team } })
    return { row, ideaTitles: chosen.map((i) => i.title) }
  })
  const [coauthors, creators] = await Promise.all([
    getDb()
      .select({ userId: ideaAuthors.userId })
      .from(ideaAuthors)
      .where(and(inArray(ideaAuthors.ideaId, input.ideaIds), isNotNull(ideaAuthors.acceptedAt))),
    getDb().select({ userId: ideas.createdBy }).from(ideas).where(inArray(ideas.id, input.ideaIds)),
  ])
  await notifyUsers(
    [...creators, ...coauthors].map((a) => a.userId).filter((id) => id !== user.id),
    { kind: 'pilot.created', payload: { title: created.row.title }, link: pilotLink(created.row.slug) },
  )
  return getPilotRecord(created.row.id)
}

// ——— Missed milestones (run by the server's clock) ———

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

/**
 * An official's pilots (lead or team; facilitators see every open pilot), their overdue
 * milestones, the pilots with no update for 30 days, and recent citizen comments on them.
 */
export async function getDashboard(actor: Actor, now: Date = new Date()) {
  const user = requirePermission(actor, 'read:dashboard:own')!
  const db = getDb()
  const mine = can(user, 'report:pilot')
    ? inArray(pilots.status, ['planned', 'active', 'paused'])
    : or(eq(pilots.leadId, user.id), inArray(pilots.id, db.select({ id: pilotTeam.pilotId }).from(pilotTeam).where(eq(pilotTeam.userId, user.id))))
  const records = await loadPilots(mine)
  const items = records.map((r) => serializePilot(r, now))
  const overdue = items.flatMap((p) => p.milestones.filter((m) => m.overdue).map((m) => ({ pilot: { slug: p.slug, title: p.title }, milestone: m })))
  const stale = items.filter((p) => p.stale)
  const ids = items.map((p) => p.id)
  const recentComments = ids.length
    ? await db
        .select({ id: comments.id, body: comments.body, createdAt: comments.createdAt, authorName: users.name, pilotId: comments.targetId })
        .from(comments)
        .innerJoin(users, eq(comments.authorId, users.id))
        .where(and(eq(comments.targetType, 'pilot'), inArray(comments.targetId, ids), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
        .orderBy(desc(comments.createdAt))
        .limit(10)
    : []
  const byId = new Map(items.map((p) => [p.id, p]))
  return {
    allPilots: can(user, 'report:pilot'),
    pilots: items,
    overdue,
    stale,
    comments: recentComments.map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt.toISOString(), author: c.authorName, pilot: { slug: byId.get(c.pilotId)!.slug, title: byId.get(c.pilotId)!.title } })),
  }
}

// ——— For the comment thread and follows of pilots ———

/** What comments and follows need to know of a pilot; `not_found` when there is none. */
export async function pilotForThread(id: string) {
  if (!isUuid(id)) throw new DomainError('not_found')
  const [row] = await getDb().select({ id: pilots.id, slug: pilots.slug, title: pilots.title, status: pilots.status }).from(pilots).where(eq(pilots.id, id))
  if (!row) throw new DomainError('not_found')
  return { ...row, link: pilotLink(row.slug), open: isOpenStatus(row.status) || row.status === 'completed' }
}
