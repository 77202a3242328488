import { and, asc, eq, sql } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { comments, follows, users, type Challenge, type Comment } from '#db/schema.ts'
import { getChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { ideaVisibleTo, loadIdea } from './ideas.server.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { pilotForThread } from '../pilots/pilots.server.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { can } from '../platform/permissions.ts'
import { acceptsComments } from '../challenges/phases.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'
import { type Actor } from '../platform/types.ts'


/** What can carry a comment thread here (pilots join later, with their own phase rule). */
export type CommentTarget = { type: 'challenge' | 'idea' | 'pilot'; id: string }

/** A comment may be edited by its author this long after writing it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000

/**
 * The public form of a comment, the same for pages and the JSON API. The body is plain text
 * as written; a deleted comment has no body (`deleted`), a hidden one shows the public reason.
 */
export type CommentView = {
  id: string
  body: string | null
  parentId: string | null
  /** `deleted` (only when true, so the API's shape is unchanged for everyone else): the account was deleted (the name is then "Cuenta eliminada" and there is no profile to link to). */
  author: { id: string; name: string; deleted?: true }
  createdAt: string
  editedAt: string | null
  deleted: boolean
  hidden: boolean
  hiddenReason: string | null
  replies?: CommentView[]
}

export function serializeComment(c: Comment, authorName: string, authorDeleted = false): CommentView {
  const deleted = !!c.deletedAt
  const hidden = !deleted && !!c.hiddenAt
  return {
    id: c.id,
    body: deleted || hidden ? null : c.body,
    parentId: c.parentId,
    author: { id: c.authorId, name: authorName, ...(authorDeleted ? { deleted: true as const } : {}) },
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    deleted,
    hidden,
    hiddenReason: hidden ? c.hiddenReason : null,
  }
}

type ResolvedTarget = {
  challenge: Challenge
  /** Whether the actor may read the thread (a hidden idea's thread is not shown to outsiders). */
  readable: boolean
  /** Whether new comments are possible at all (hidden or merged ideas take no new comments). */
  open: boolean
  link: string
  /** The target's title, for notifications. */
  title: string
}

async function resolveTarget(actor: Actor, target: CommentTarget): Promise<ResolvedTarget> {
  if (target.type === 'challenge') {
    const challenge = await getChallenge(actor, target.id)
    return { challenge, readable: true, open: true, link: `/retos/${challenge.slug}`, title: challenge.title }
  }
  if (target.type === 'pilot') {
    // Pilots are public and take comments whatever their challenge's phase (until cancelled): read as in piloting.
    const pilot = await pilotForThread(target.id)
    return { challenge: { phase: 'piloting' } as Challenge, readable: true, open: pilot.open, link: pilot.link, title: pilot.title }
  }
  const { idea, challenge } = await loadIdea(actor, target.id)
  const readable = await ideaVisibleTo(actor, idea)
  return { challenge, readable, open: idea.status !== 'hidden' && idea.status !== 'merged', link: `/ideas/${idea.id}`, title: idea.title }
}

/** The thread of a target: top-level comments oldest first, each with its replies (one level). */
export async function listComments(actor: Actor, target: CommentTarget): Promise<CommentView[]> {
  return (await commentThread(actor, target)).comments
}

/** Open for comments: visible to the actor, not hidden or merged, and its challenge's phase allows discussion. */
const isOpen = (resolved: ResolvedTarget) => resolved.readable && resolved.open && acceptsComments(resolved.challenge.phase)

/**
 * A page's thread in one go: the comments and whether this person may add one (the target is
 * resolved once, not once for each).
 */
export async function commentThread(actor: Actor, target: CommentTarget): Promise<{ comments: CommentView[]; canComment: boolean }> {
  const resolved = await resolveTarget(actor, target)
  if (!resolved.readable) return { comments: [], canComment: false }
  const targetId = target.type === 'challenge' ? resolved.challenge.id : target.id
  const rows = await getDb()
    .select({ comment: comments, authorName: users.name, authorDeleted: sql<boolean>`${users.deletedAt} is not null` })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.targetType, target.type), eq(comments.targetId, targetId)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
  const top: CommentView[] = []
  const byId = new Map<string, CommentView>()
  for (const r of rows) {
    if (r.comment.parentId) continue
    const view = { ...serializeComment(r.comment, r.authorName, r.authorDeleted), replies: [] }
    top.push(view)
    byId.set(view.id, view)
  }
  for (const r of rows) {
    if (!r.comment.parentId) continue
    byId.get(r.comment.parentId)?.replies?.push(serializeComment(r.comment, r.authorName, r.authorDeleted))
  }
  return { comments: top, canComment: !!actor && can(actor, 'create:comment') && isOpen(resolved) }
}

/**
 * A signed-in person comments on a visible target while its challenge accepts comments. A
 * reply's parent must be a top-level comment of the same target. The parent's author is told
 * of the reply; the target's followers of the new comment (never the writer, never twice).
 */
export async function addComment(actor: Actor, target: CommentTarget, input: { body: string; parentId?: string | null }): Promise<CommentView> {
  const user = requirePermission(actor, 'create:comment')
  const resolved = await resolveTarget(user, target)
  if (!resolved.readable) throw new DomainError('not_found')
  if (!resolved.open) throw new DomainError('conflict', 'ideas.comments.closed')
  if (!acceptsComments(resolved.challenge.phase)) throw new DomainError('outside_phase')
  const targetId = target.type === 'challenge' ? resolved.challenge.id : target.id
  const db = getDb()
  let parent: Comment | undefined
  if (input.parentId) {
    ;[parent] = await db.select().from(comments).where(eq(comments.id, input.parentId))
    if (!parent || parent.targetType !== target.type || parent.targetId !== targetId) {
      throw new DomainError('validation', 'errors.validation', { fields: { parentId: ['ideas.comments.badParent'] } })
    }
    if (parent.parentId) throw new DomainError('validation', 'errors.validation', { fields: { parentId: ['ideas.comments.oneLevel'] } })
    if (parent.deletedAt || parent.hiddenAt) throw new DomainError('conflict', 'ideas.comments.parentGone')
  }
  const [row] = await db
    .insert(comments)
    .values({ targetType: target.type, targetId, parentId: parent?.id ?? null, authorId: user.id, body: input.body })
    .returning()

  const link = `${resolved.link}#comment-${row.id}`
  const payload = { targetType: target.type, targetId, commentId: row.id, author: user.name, title: resolved.title }
  const notified = new Set<string>([user.id])
  if (parent && parent.authorId !== user.id) {
    await notifyUsers([parent.authorId], { kind: 'comment.reply', payload, link })
    notified.add(parent.authorId)
  }
  const followers = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, target.type), eq(follows.targetId, targetId)))
  await notifyUsers(
    followers.map((f) => f.userId).filter((id) => !notified.has(id)),
    { kind: 'comment.new', payload, link },
  )
  return serializeComment(row, user.name)
}

async function ownComment(user: SessionUser, commentId: string) {
  const [row] = await getDb().select().from(comments).where(eq(comments.id, commentId))
  if (!row) throw new DomainError('not_found')
  if (row.authorId !== user.id) throw new DomainError('forbidden')
  if (row.deletedAt || row.hiddenAt) throw new DomainError('conflict', 'ideas.comments.parentGone')
  return row
}

/** Authors correct their comment within 15 minutes of writing it; the page then says it was edited. */
export async function editComment(actor: Actor, commentId: string, body: string, now = new Date()): Promise<CommentView> {
  const user = requirePermission(actor, 'update:comment:own')
  const row = await ownComment(user, commentId)
  if (now.getTime() - row.createdAt.getTime() > EDIT_WINDOW_MS) throw new DomainError('conflict', 'ideas.comments.editWindowClosed')
  const [after] = await getDb().update(comments).set({ body, editedAt: now }).where(eq(comments.id, commentId)).returning()
  return serializeComment(after, user.name)
}

/** Authors delete their comment: it stays as a placeholder ("comentario eliminado") so replies keep their place. */
export async function deleteComment(actor: Actor, commentId: string) {
  const user = requirePermission(actor, 'delete:comment:own')
  await ownComment(user, commentId)
  await getDb().update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, commentId))
}

/** A comment of this very target, or `not_found` (callers pass the target's id, not a slug). */
export async function requireCommentOn(commentId: string, target: CommentTarget) {
  const [row] = await getDb().select({ targetType: comments.targetType, targetId: comments.targetId }).from(comments).where(eq(comments.id, commentId))
  if (!row || row.targetType !== target.type || row.targetId !== target.id) throw new DomainError('not_found')
}
