import { and, count, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm'
import { type Db, getDb } from '#db/client.ts'
import { auditLog, users } from '#db/schema.ts'
import { type AuditFilter } from './audit-schemas.ts'
import { requirePermission } from './permissions.server.ts'
import { type Actor } from './types.ts'

export type AuditEntryInput = {
  actorId: string | null
  action: string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
}

/** Append one record; pass the transaction so the record and the change commit together. */
export async function recordAudit(tx: Pick<Db, 'insert'>, entry: AuditEntryInput) {
  await tx.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null })
}

/** The newest records first, each with its actor's current name (null when nobody, e.g. the admin command). */
export async function listAudit({ limit = 50 }: { limit?: number } = {}) {
  return getDb()
    .select({ id: auditLog.id, actorId: auditLog.actorId, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after, createdAt: auditLog.createdAt, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorId, users.id))
    .orderBy(desc(auditLog.id))
    .limit(limit)
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number]

export const AUDIT_PAGE_SIZE = 50
/** A CSV export holds at most this many entries (the newest that match); the page says so. */
export const AUDIT_EXPORT_LIMIT = 10_000

// The lab's days: Guatemala is UTC−6 all year (no daylight saving), so a day is a fixed window.
const dayStart = (day: string) => new Date(`${day}T00:00:00-06:00`)
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 24 * 3600 * 1000)

/** The URL's filters, and (for a page about one thing, e.g. a person's edit page) the entity itself. */
export type AuditQuery = Partial<AuditFilter> & { entityId?: string }

function auditWhere(filter: AuditQuery): SQL | undefined {
  return and(
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.actor === 'system' ? isNull(auditLog.actorId) : filter.actor ? eq(auditLog.actorId, filter.actor) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.entity ? eq(auditLog.entityType, filter.entity) : undefined,
    filter.from ? gte(auditLog.createdAt, dayStart(filter.from)) : undefined,
    filter.to ? lt(auditLog.createdAt, nextDayStart(filter.to)) : undefined,
  )
}

/** The lab's reading of the log (facilitators and admins): the entries that match, newest first, a page at a time. */
export async function searchAudit(actor: Actor, filter: AuditQuery, { pageSize = AUDIT_PAGE_SIZE }: { pageSize?: number } = {}) {
  requirePermission(actor, 'read:audit')
  const db = getDb()
  const where = auditWhere(filter)
  const page = Math.max(1, filter.page ?? 1)
  const [[{ total }], entries] = await Promise.all([
    db.select({ total: count() }).from(auditLog).where(where),
    db
      .select({ id: auditLog.id, actorId: auditLog.actorId, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after, createdAt: auditLog.createdAt, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(auditLog.actorId, users.id))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ])
  return { entries, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) }
}

/** What the filters can offer: the people who appear in the log (by name) and the actions recorded so far. */
export async function auditFilterChoices(actor: Actor) {
  requirePermission(actor, 'read:audit')
  const db = getDb()
  const [people, actions] = await Promise.all([
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(auditLog)
      .innerJoin(users, eq(auditLog.actorId, users.id))
      .orderBy(users.name),
    db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action),
  ])
  return { people, actions: actions.map((a) => a.action) }
}
