import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { comments, ideas, reports, users } from '#db/schema.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor } from '../platform/types.ts'
import { targetKey, type ModerationTarget } from './moderation-schemas.ts'
import { commentLink, excerpt } from './targets.server.ts'

// What moderators work through: open reports by target, recently hidden content, blocked people.

export type QueueItem = {
  target: ModerationTarget
  key: string
  reports: number
  lastReportedAt: Date
  reasons: string[]
  excerpt: string
  title: string
  link: string
  hidden: boolean
  author: { id: string; name: string; blocked: boolean } | null
}

/** Open reports grouped by target, the most recently reported first, with what was reported and who wrote it. */
export async function queue(actor: Actor, { limit = 100 }: { limit?: number } = {}): Promise<QueueItem[]> {
  requirePermission(actor, 'moderate')
  const db = getDb()
  const open = await db
    .select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, createdAt: reports.createdAt })
    .from(reports)
    .where(isNull(reports.resolvedAt))
    .orderBy(desc(reports.createdAt))
    .limit(5000)
  const groups = new Map<string, { target: ModerationTarget; reports: number; lastReportedAt: Date; reasons: string[] }>()
  for (const r of open) {
    if (r.targetType !== 'comment' && r.targetType !== 'idea') continue
    const target = { type: r.targetType, id: r.targetId }
    const key = targetKey(target)
    const group = groups.get(key)
    if (!group) groups.set(key, { target, reports: 1, lastReportedAt: r.createdAt, reasons: [r.reason] })
    else {
      group.reports++
      if (group.reasons.length < 5 && !group.reasons.includes(r.reason)) group.reasons.push(r.reason)
    }
  }
  const selected = [...groups.values()].slice(0, limit)
  const commentIds = selected.filter((g) => g.target.type === 'comment').map((g) => g.target.id)
  const ideaIds = selected.filter((g) => g.target.type === 'idea').map((g) => g.target.id)
  const [commentRows, ideaRows] = await Promise.all([
    commentIds.length
      ? db
          .select({ comment: comments, authorName: users.name, authorBlockedAt: users.blockedAt })
          .from(comments)
          .innerJoin(users, eq(comments.authorId, users.id))
          .where(inArray(comments.id, commentIds))
      : [],
    ideaIds.length
      ? db
          .select({ idea: ideas, authorName: users.name, authorBlockedAt: users.blockedAt })
          .from(ideas)
          .innerJoin(users, eq(ideas.createdBy, users.id))
          .where(inArray(ideas.id, ideaIds))
      : [],
  ])
  const commentsById = new Map(commentRows.map((r) => [r.comment.id, r]))
  const ideasById = new Map(ideaRows.map((r) => [r.idea.id, r]))
  const items: QueueItem[] = []
  for (const g of selected) {
    const key = targetKey(g.target)
    if (g.target.type === 'comment') {
      const row = commentsById.get(g.target.id)
      if (!row) continue
      items.push({
        ...g,
        key,
        title: '',
        excerpt: excerpt(row.comment.body),
        link: await commentLink(db, row.comment),
        hidden: !!row.comment.hiddenAt,
        author: { id: row.comment.authorId, name: row.authorName, blocked: !!row.authorBlockedAt },
      })
    } else {
      const row = ideasById.get(g.target.id)
      if (!row) continue
      items.push({
        ...g,
        key,
        title: row.idea.title,
        excerpt: excerpt(`${row.idea.title}. ${row.idea.description}`),
        link: `/ideas/${row.idea.id}`,
        hidden: row.idea.status === 'hidden',
        author: { id: row.idea.createdBy, name: row.authorName, blocked: !!row.authorBlockedAt },
      })
    }
  }
  return items
}

/** Recently hidden comments and ideas, for restoring a mistake. */
export async function listHidden(actor: Actor, { limit = 50 }: { limit?: number } = {}) {
  requirePermission(actor, 'moderate')
  const db = getDb()
  const [hiddenComments, hiddenIdeas] = await Promise.all([
    db
      .select({ id: comments.id, body: comments.body, reason: comments.hiddenReason, at: comments.hiddenAt, authorName: users.name })
      .from(comments)
      .innerJoin(users, eq(comments.authorId, users.id))
      .where(and(isNotNull(comments.hiddenAt), isNull(comments.deletedAt)))
      .orderBy(desc(comments.hiddenAt))
      .limit(limit),
    db
      .select({ id: ideas.id, title: ideas.title, reason: ideas.statusReason, at: ideas.updatedAt, authorName: users.name })
      .from(ideas)
      .innerJoin(users, eq(ideas.createdBy, users.id))
      .where(eq(ideas.status, 'hidden'))
      .orderBy(desc(ideas.updatedAt))
      .limit(limit),
  ])
  return [
    ...hiddenComments.map((c) => ({ target: { type: 'comment' as const, id: c.id }, excerpt: excerpt(c.body, 140), reason: c.reason ?? '', at: c.at!, authorName: c.authorName })),
    ...hiddenIdeas.map((i) => ({ target: { type: 'idea' as const, id: i.id }, excerpt: excerpt(i.title, 140), reason: i.reason ?? '', at: i.at, authorName: i.authorName })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit)
}

export async function listBlocked(actor: Actor) {
  requirePermission(actor, 'block:user')
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, blockedAt: users.blockedAt })
    .from(users)
    .where(isNotNull(users.blockedAt))
    .orderBy(desc(users.blockedAt))
}
