import { and, eq, isNotNull } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, ideas, reports } from '#db/schema.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor } from '../platform/types.ts'
import { reportSchema, type ModerationTarget, type ReportTargetType } from './moderation-schemas.ts'
import { excerpt, loadTarget, valid } from './targets.server.ts'

/** What a person may report: content they can see (not hidden, not deleted, not in a draft). Otherwise `not_found`. */
export async function reportable(actor: Actor, target: ModerationTarget) {
  const db = getDb()
  const loaded = await loadTarget(db, target)
  if (loaded.hidden) throw new DomainError('not_found')
  if (target.type === 'idea') {
    const [row] = await db
      .select({ status: ideas.status, challenge: challenges })
      .from(ideas)
      .innerJoin(challenges, eq(ideas.challengeId, challenges.id))
      .where(eq(ideas.id, target.id))
    const visible = ['published', 'shortlisted', 'selected', 'not_selected', 'merged'].includes(row.status) && canSeeChallenge(actor, row.challenge)
    if (!visible) throw new DomainError('not_found')
  }
  return { target, title: loaded.title, excerpt: excerpt(loaded.title ? `${loaded.title}. ${loaded.body}` : loaded.body), link: loaded.link }
}

/**
 * A person reports a comment or an idea. One open report per person and target: reporting
 * again while it is open changes nothing; after it was resolved, reporting again reopens it.
 */
export async function report(actor: Actor, input: { targetType: ReportTargetType; targetId: string; reason: string }) {
  const person = requirePermission(actor, 'report:content')
  const parsed = valid(reportSchema, input)
  const target = { type: parsed.targetType, id: parsed.targetId }
  const db = getDb()
  await reportable(person, target)
  const [reopenedOrNew] = await db
    .insert(reports)
    .values({ targetType: target.type, targetId: target.id, reporterId: person.id, reason: parsed.reason })
    .onConflictDoUpdate({
      target: [reports.targetType, reports.targetId, reports.reporterId],
      set: { reason: parsed.reason, resolvedAt: null, resolvedBy: null, resolution: null, createdAt: new Date() },
      setWhere: isNotNull(reports.resolvedAt),
    })
    .returning()
  if (reopenedOrNew) return { report: reopenedOrNew, created: true }
  const [existing] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), eq(reports.reporterId, person.id)))
  return { report: existing, created: false }
}
