import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { type z } from 'zod'
import { type Db } from '#db/client.ts'
import { challenges, comments, ideaAuthors, ideas, reports } from '#db/schema.ts'
import { notifyUsers, type NotificationInput } from '../notifications/notifications.server.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldErrors } from '../platform/schemas.ts'
import { type SessionUser, type Tx } from '../platform/types.ts'
import { type ModerationTarget } from './moderation-schemas.ts'

// What every part of moderation shares: a reported comment or idea as moderators see it, its open
// reports, and the notices its authors get once a decision is committed.

/** Parses with a schema; a failure is a `validation` refusal with field messages (as forms and the API show them). */
export function valid<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fields = fieldErrors(result.error)
  throw new DomainError('validation', 'errors.validation', { fields: field ? { [field]: Object.values(fields).flat() } : fields })
}

export type Notice = { userIds: string[]; input: NotificationInput }

const EXCERPT = 280

/** Plain text from Markdown or HTML, shortened: what a moderator needs to judge, never markup. */
export function excerpt(text: string, max = EXCERPT) {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_~#>|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain
}

type LoadedTarget = {
  target: ModerationTarget
  authorIds: string[]
  /** Where the content is shown. */
  link: string
  title: string
  body: string
  hidden: boolean
}

export async function commentLink(db: Pick<Db, 'select'>, c: { id: string; targetType: string; targetId: string }) {
  if (c.targetType === 'idea') return `/ideas/${c.targetId}#comment-${c.id}`
  if (c.targetType === 'challenge') {
    const [ch] = await db.select({ slug: challenges.slug }).from(challenges).where(eq(challenges.id, c.targetId))
    return ch ? `/retos/${ch.slug}#comment-${c.id}` : '/'
  }
  if (c.targetType === 'pilot') return `/pilotos/${c.targetId}#comment-${c.id}`
  return '/'
}

export async function loadTarget(db: Pick<Db, 'select'>, target: ModerationTarget, { lock = false } = {}): Promise<LoadedTarget> {
  if (target.type === 'comment') {
    const q = db.select().from(comments).where(eq(comments.id, target.id))
    const [c] = lock ? await q.for('update') : await q
    if (!c || c.deletedAt) throw new DomainError('not_found')
    return { target, authorIds: [c.authorId], link: await commentLink(db, c), title: '', body: c.body, hidden: !!c.hiddenAt }
  }
  const q = db.select().from(ideas).where(eq(ideas.id, target.id))
  const [i] = lock ? await q.for('update') : await q
  if (!i) throw new DomainError('not_found')
  const coAuthors = await db
    .select({ userId: ideaAuthors.userId })
    .from(ideaAuthors)
    .where(and(eq(ideaAuthors.ideaId, i.id), isNotNull(ideaAuthors.acceptedAt)))
  return { target, authorIds: [...new Set([i.createdBy, ...coAuthors.map((a) => a.userId)])], link: `/ideas/${i.id}`, title: i.title, body: i.description, hidden: i.status === 'hidden' }
}

/** Closes the target's open reports; returns who had reported it (each is told how it ended). */
export async function resolveReports(tx: Tx, actor: SessionUser, target: ModerationTarget, resolution: ReportResolution) {
  const resolved = await tx
    .update(reports)
    .set({ resolvedAt: new Date(), resolvedBy: actor.id, resolution })
    .where(and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), isNull(reports.resolvedAt)))
    .returning({ reporterId: reports.reporterId })
  return resolved.map((r) => r.reporterId)
}

export type ReportResolution = 'hidden' | 'restored' | 'dismissed'

/** What the people who reported something are told once the moderation team has decided. */
export function reportersNotice(reporterIds: string[], resolution: ReportResolution, link: string): Notice | null {
  if (reporterIds.length === 0) return null
  return { userIds: reporterIds, input: { kind: 'report.resolved', payload: { resolution }, link } }
}

export async function sendNotices(notices: (Notice | null)[]) {
  // One at a time: each is a small insert, and the e-mails are queued, not awaited.
  for (const n of notices) if (n) await notifyUsers(n.userIds, n.input)
}
