import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import {
  comments,
  institutions,
  milestones,
  pilots,
  pilotTeam,
  users,
  type PilotStatus,
} from '#db/schema.ts'
import { pilotSchedule } from './pilot-progress.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor } from '../platform/types.ts'
import { loadPilots, serializePilot } from './pilots.server.ts'

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
