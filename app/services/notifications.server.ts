import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { follows, notifications, type TargetType } from '#db/schema.ts'
import { publishLive, rooms } from './live.server.ts'

export type NotificationInput = {
  /** e.g. comment.reply, idea.status, challenge.phase, idea.decision; the text comes from i18n `notifications.kinds.<kind>`. */
  kind: string
  payload: Record<string, string | number | null>
  /** A path on this site the notification leads to. */
  link: string
}

/** Stores one notification per person and pushes it live to their open pages. */
export async function notifyUsers(userIds: string[], input: NotificationInput) {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return []
  const rows = await getDb()
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, ...input })))
    .returning()
  for (const row of rows) publishLive(rooms.user(row.userId), 'notification:new', row)
  return rows
}

/** Notifies everyone who follows the target, except (usually) the person who caused it. */
export async function notifyFollowers(target: { targetType: TargetType; targetId: string }, input: NotificationInput, { exceptUserId }: { exceptUserId?: string } = {}) {
  const where = and(eq(follows.targetType, target.targetType), eq(follows.targetId, target.targetId), exceptUserId ? ne(follows.userId, exceptUserId) : undefined)
  const followers = await getDb().select({ userId: follows.userId }).from(follows).where(where)
  return notifyUsers(
    followers.map((f) => f.userId),
    input,
  )
}

/** Follows a target (idempotent): authors follow their ideas, people follow what interests them. */
export async function addFollow(userId: string, targetType: TargetType, targetId: string) {
  await getDb().insert(follows).values({ userId, targetType, targetId }).onConflictDoNothing()
}

export async function unreadCount(userId: string) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row.n
}
