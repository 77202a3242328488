import { and, eq, isNull } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { ideaAuthors, users } from '#db/schema.ts'
import { addFollow, notifyUsers } from '../notifications/notifications.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor } from '../platform/types.ts'
import { isAcceptedAuthor, loadIdea } from './ideas.server.ts'

/** An accepted author invites someone with an account (by e-mail) to co-author; they become an author once they accept. */
export async function inviteCoauthor(actor: Actor, ideaId: string, email: string) {
  const user = requirePermission(actor, 'update:idea:own')
  const { idea } = await loadIdea(user, ideaId)
  if (!(await isAcceptedAuthor(idea.id, user.id))) throw new DomainError('forbidden')
  if (idea.status === 'hidden' || idea.status === 'merged') throw new DomainError('conflict', 'ideas.errors.notEditable')
  const [invitee] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase()))
  if (!invitee || invitee.blockedAt) throw new DomainError('validation', 'errors.validation', { fields: { email: ['ideas.errors.noSuchPerson'] } })
  const inserted = await getDb().transaction(async (tx) => {
    const rows = await tx.insert(ideaAuthors).values({ ideaId, userId: invitee.id, invitedBy: user.id, acceptedAt: null }).onConflictDoNothing().returning()
    if (rows.length) await recordAudit(tx, { actorId: user.id, action: 'idea.invite', entityType: 'idea', entityId: ideaId, after: { invitedUserId: invitee.id } })
    return rows
  })
  if (inserted.length === 0) throw new DomainError('validation', 'errors.validation', { fields: { email: ['ideas.errors.alreadyAuthor'] } })
  await notifyUsers([invitee.id], { kind: 'idea.invitation', payload: { ideaId, title: idea.title, inviter: user.name }, link: `/ideas/${ideaId}` })
  return { id: invitee.id, name: invitee.name }
}

async function answerInvitation(actor: Actor, ideaId: string, accept: boolean) {
  const user = requirePermission(actor, 'update:idea:own')
  await loadIdea(user, ideaId)
  const db = getDb()
  const pending = and(eq(ideaAuthors.ideaId, ideaId), eq(ideaAuthors.userId, user.id), isNull(ideaAuthors.acceptedAt))
  await db.transaction(async (tx) => {
    const rows = accept
      ? await tx.update(ideaAuthors).set({ acceptedAt: new Date() }).where(pending).returning()
      : await tx.delete(ideaAuthors).where(pending).returning()
    if (rows.length === 0) throw new DomainError('not_found', 'ideas.errors.noInvitation')
    await recordAudit(tx, { actorId: user.id, action: accept ? 'idea.invitation_accept' : 'idea.invitation_decline', entityType: 'idea', entityId: ideaId })
  })
  if (accept) await addFollow(user.id, 'idea', ideaId)
}

export const acceptInvitation = (actor: Actor, ideaId: string) => answerInvitation(actor, ideaId, true)
export const declineInvitation = (actor: Actor, ideaId: string) => answerInvitation(actor, ideaId, false)
