import { desc, eq, getTableColumns } from 'drizzle-orm'
import { type Db, getDb } from '#db/client.ts'
import { auditLog, users } from '#db/schema.ts'

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
    .select({ ...getTableColumns(auditLog), actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorId, users.id))
    .orderBy(desc(auditLog.id))
    .limit(limit)
}
