import { and, count, desc, eq, isNull, ne, or } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { accountTokens, auditLog, comments, follows, ideaAuthors, ideas, institutions, notifications, reports, sessionParticipants, sessions, users, votes } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { verifyPassword } from './passwords.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type SessionUser } from '../platform/types.ts'

/**
 * "Descargar mis datos" (ADR 035, the right of access): everything the platform keeps about the
 * person, as one JSON document — never the password hash, nor other people's personal data.
 */
export async function exportMyData(actor: SessionUser) {
  requirePermission(actor, 'update:profile:own')
  const db = getDb()
  const [profile] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      institution: institutions.name,
      language: users.language,
      createdAt: users.createdAt,
      emailVerifiedAt: users.emailVerifiedAt,
      termsAcceptedAt: users.termsAcceptedAt,
      profileBio: users.profileBio,
      profileShowsSessions: users.profileShowsSessions,
    })
    .from(users)
    .leftJoin(institutions, eq(users.institutionId, institutions.id))
    .where(eq(users.id, actor.id))
  if (!profile) throw new DomainError('not_found')
  const [ideasWritten, coauthored, commentsWritten, votesCast, following, received, reportsMade, sessionsJoined, actions] = await Promise.all([
    db.select({ id: ideas.id, challengeId: ideas.challengeId, title: ideas.title, description: ideas.description, expectedBenefit: ideas.expectedBenefit, status: ideas.status, createdAt: ideas.createdAt }).from(ideas).where(eq(ideas.createdBy, actor.id)).orderBy(desc(ideas.createdAt)),
    db.select({ ideaId: ideaAuthors.ideaId, acceptedAt: ideaAuthors.acceptedAt }).from(ideaAuthors).where(eq(ideaAuthors.userId, actor.id)),
    db.select({ id: comments.id, targetType: comments.targetType, targetId: comments.targetId, body: comments.body, createdAt: comments.createdAt, deletedAt: comments.deletedAt }).from(comments).where(eq(comments.authorId, actor.id)).orderBy(desc(comments.createdAt)),
    db.select({ ideaId: votes.ideaId, challengeId: votes.challengeId, count: votes.count, updatedAt: votes.updatedAt }).from(votes).where(eq(votes.userId, actor.id)),
    db.select({ targetType: follows.targetType, targetId: follows.targetId }).from(follows).where(eq(follows.userId, actor.id)),
    db.select({ kind: notifications.kind, payload: notifications.payload, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt }).from(notifications).where(eq(notifications.userId, actor.id)).orderBy(desc(notifications.createdAt)),
    db.select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, createdAt: reports.createdAt }).from(reports).where(eq(reports.reporterId, actor.id)),
    db.select({ sessionId: sessionParticipants.sessionId, joinedAt: sessionParticipants.joinedAt, lastSeenAt: sessionParticipants.lastSeenAt }).from(sessionParticipants).where(eq(sessionParticipants.userId, actor.id)),
    db.select({ action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, createdAt: auditLog.createdAt }).from(auditLog).where(or(eq(auditLog.actorId, actor.id), eq(auditLog.entityId, actor.id))).orderBy(desc(auditLog.id)),
  ])
  return {
    exportedAt: new Date().toISOString(),
    profile,
    ideas: ideasWritten,
    coauthorships: coauthored,
    comments: commentsWritten,
    votes: votesCast,
    follows: following,
    notifications: received,
    reports: reportsMade,
    sessions: sessionsJoined,
    auditLog: actions,
  }
}

/** The name every contribution of a deleted account is signed with (ADR 035). */
export const DELETED_ACCOUNT_NAME = 'Cuenta eliminada'

/**
 * "Eliminar mi cuenta" (the right of deletion), confirmed with the password: the name, e-mail,
 * password, institution and language are erased, sessions, links, follows and notifications
 * deleted; ideas, comments and votes stay (the public record and the tallies do not change), signed
 * "Cuenta eliminada". The last admin cannot leave (someone must stay admin).
 */
export async function deleteMyAccount(actor: SessionUser, input: { currentPassword: string }) {
  requirePermission(actor, 'update:profile:own')
  const db = getDb()
  const [user] = await db.select().from(users).where(eq(users.id, actor.id))
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError('validation', 'errors.validation', { fields: { currentPassword: ['validation.wrongPassword'] } })
  }
  if (user.role === 'admin') {
    const [others] = await db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), ne(users.id, user.id), isNull(users.deletedAt)))
    if (others.n === 0) throw new DomainError('conflict', 'account.delete.lastAdmin')
  }
  await db.transaction(async (tx) => {
    const now = new Date()
    await tx
      .update(users)
      .set({
        name: DELETED_ACCOUNT_NAME,
        // Reserved TLD (RFC 2606): never deliverable, unique per account, and no longer the person's address.
        email: `eliminada.${user.id}@cuenta.invalid`,
        // Not an Argon2 hash: no password ever verifies against it.
        passwordHash: '!deleted',
        role: 'citizen',
        institutionId: null,
        emailVerifiedAt: null,
        profileBio: '',
        profileShowsSessions: false,
        deletedAt: now,
        updatedAt: now,
      })
      .where(eq(users.id, user.id))
    await tx.delete(sessions).where(eq(sessions.userId, user.id))
    await tx.delete(accountTokens).where(eq(accountTokens.userId, user.id))
    await tx.delete(follows).where(eq(follows.userId, user.id))
    await tx.delete(notifications).where(eq(notifications.userId, user.id))
    // The record says it happened, without repeating the personal data it erased.
    await recordAudit(tx, { actorId: user.id, action: 'user.delete_account', entityType: 'user', entityId: user.id })
  })
}
