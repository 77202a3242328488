import { and, eq, isNull } from 'drizzle-orm'
import { type z } from 'zod'
import { getDb } from '#db/client.ts'
import { accountTokens, sessions, users, type AccountTokenPurpose, type User } from '#db/schema.ts'
import { getT } from '#app/i18n/i18n.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { countMailLinkRequest } from '../platform/rate-limits.server.ts'
import { type emailChangeSchema, type passwordResetRequestSchema, type passwordResetSchema } from '../platform/schemas.ts'
import { type Actor, type Tx } from '../platform/types.ts'
import { logLine, publicUrl, sendMail } from '../notifications/mail.server.ts'
import { authSessionIdFromToken, generateAuthSessionToken } from './auth-sessions.server.ts'
import { hashPassword, isGuessablePassword, verifyPassword } from './passwords.server.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type SessionUser } from '../platform/types.ts'

/**
 * Single-use links sent by e-mail (ADR 035): a password reset (valid one hour) and the proof that an
 * address is the person's (valid two days). The link carries 160 random bits; the table keeps only
 * their SHA-256, as for sessions. A new link of one kind replaces the person's unused ones.
 */
const HOUR = 60 * 60 * 1000
export const LINK_LIFETIME_MS: Record<AccountTokenPurpose, number> = { password_reset: HOUR, email_verification: 48 * HOUR }
const PATHS: Record<AccountTokenPurpose, string> = { password_reset: '/restablecer-contrasena', email_verification: '/verificar-correo' }

type Db = ReturnType<typeof getDb> | Tx

async function issueLink(db: ReturnType<typeof getDb>, user: Pick<User, 'id' | 'email'>, purpose: AccountTokenPurpose) {
  const token = generateAuthSessionToken()
  // Under the person's row lock, so two requests at once still leave exactly one unused link.
  await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update')
    await tx.delete(accountTokens).where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)))
    await tx.insert(accountTokens).values({ id: authSessionIdFromToken(token), userId: user.id, purpose, email: user.email, expiresAt: new Date(Date.now() + LINK_LIFETIME_MS[purpose]) })
  })
  return `${publicUrl()}${PATHS[purpose]}?${new URLSearchParams({ token })}`
}

function linkEmail(user: Pick<User, 'email' | 'name' | 'language'>, purpose: AccountTokenPurpose, url: string) {
  const t = getT(user.language)
  const key = purpose === 'password_reset' ? 'account.resetEmail' : 'account.verifyEmail'
  return {
    to: user.email,
    subject: t(`${key}.subject`),
    text: [t('notifications.email.greeting', { name: user.name }), '', t(`${key}.body`), '', url, '', t(`${key}.ignore`)].join('\n'),
  }
}

/** Sends in the background: the answer to the request never waits for (or tells about) the mail server. */
function sendInBackground(message: ReturnType<typeof linkEmail>, what: string) {
  setImmediate(() => {
    sendMail(message).catch((err: unknown) => logLine('error', `${what} e-mail failed`, { err: String(err) }))
  })
}

/**
 * "¿Olvidaste tu contraseña?": the same answer whether or not the address has an account (the caller
 * always shows "if an account exists, a link is on its way"); a blocked account gets no link.
 */
export async function requestPasswordReset(input: z.output<typeof passwordResetRequestSchema>, ip: string) {
  await countMailLinkRequest(ip, input.email)
  // Looked up after the answer: an address with an account takes no longer to answer than one without.
  setImmediate(() => {
    sendPasswordResetLink(input.email).catch((err: unknown) => logLine('error', 'password reset link failed', { err: String(err) }))
  })
}

async function sendPasswordResetLink(email: string) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email))
  if (!user || user.blockedAt || user.deletedAt) return
  const url = await issueLink(getDb(), user, 'password_reset')
  await sendMail(linkEmail(user, 'password_reset', url))
}

/** The link's row if it can still be used; otherwise a refusal that says why (unknown, used, expired). */
async function usableLink(db: Db, token: string, purpose: AccountTokenPurpose, lock = false) {
  const messages = purpose === 'password_reset' ? 'account.reset' : 'account.verify'
  if (!/^[a-z2-7]{32}$/.test(token)) throw new DomainError('link_invalid', `${messages}.linkUnknown`)
  const query = db
    .select({ link: accountTokens, user: users })
    .from(accountTokens)
    .innerJoin(users, eq(accountTokens.userId, users.id))
    .where(and(eq(accountTokens.id, authSessionIdFromToken(token)), eq(accountTokens.purpose, purpose)))
  const [row] = lock ? await query.for('update') : await query
  // A link sent to an address the account no longer has is as good as unknown.
  if (!row || row.link.email !== row.user.email) throw new DomainError('link_invalid', `${messages}.linkUnknown`)
  if (row.link.usedAt) throw new DomainError('link_invalid', `${messages}.linkUsed`)
  if (row.link.expiresAt.getTime() <= Date.now()) throw new DomainError('link_invalid', `${messages}.linkExpired`)
  return row
}

/** For the page the link opens: whether it can still be used, before the person types a new password. */
export async function checkPasswordResetLink(token: string) {
  const { user } = await usableLink(getDb(), token, 'password_reset')
  return { email: user.email }
}

/**
 * Sets the new password (same rules as everywhere: length, not guessable), uses up the link, ends every
 * session of the person (whoever knew the old password is out), and writes the audit entry. Receiving
 * the link also proves the address, so an unverified account becomes verified.
 */
export async function resetPassword(input: z.output<typeof passwordResetSchema>) {
  const { user } = await usableLink(getDb(), input.token, 'password_reset')
  if (isGuessablePassword(input.newPassword, [user.email, user.name])) {
    throw new DomainError('validation', 'errors.validation', { fields: { newPassword: ['validation.passwordCommon'] } })
  }
  const passwordHash = await hashPassword(input.newPassword)
  return getDb().transaction(async (tx) => {
    // Again under a row lock: two tabs sending the same link at once change the password once.
    const { link } = await usableLink(tx, input.token, 'password_reset', true)
    const now = new Date()
    await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, link.id))
    const [after] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now })
      .where(eq(users.id, user.id))
      .returning()
    const ended = await tx.delete(sessions).where(eq(sessions.userId, user.id)).returning({ id: sessions.id })
    await recordAudit(tx, { actorId: user.id, action: 'user.reset_password', entityType: 'user', entityId: user.id, after: { sessionsEnded: ended.length } })
    return after
  })
}

/** At sign-up (and on "reenviar enlace"): a link that proves the address; sent in the background. */
export async function sendVerificationLink(user: Pick<User, 'id' | 'email' | 'name' | 'language'>) {
  const url = await issueLink(getDb(), user, 'email_verification')
  sendInBackground(linkEmail(user, 'email_verification', url), 'verification')
}

/** "Reenviar enlace" from the banner: only for the signed-in person, only while unverified, rate-limited like resets. */
export async function resendVerificationLink(actor: Actor, ip: string) {
  if (!actor) throw new DomainError('unauthenticated')
  const [user] = await getDb().select().from(users).where(eq(users.id, actor.id))
  if (!user) throw new DomainError('unauthenticated')
  if (user.emailVerifiedAt) return 'already' as const
  await countMailLinkRequest(ip, user.email)
  await sendVerificationLink(user)
  return 'sent' as const
}

/** Opens the link: the address is proven, the link used up, the audit log says so. */
export async function verifyEmail(token: string) {
  return getDb().transaction(async (tx) => {
    const { link, user } = await usableLink(tx, token, 'email_verification', true)
    const now = new Date()
    await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, link.id))
    const [after] = await tx.update(users).set({ emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now }).where(eq(users.id, user.id)).returning()
    await recordAudit(tx, { actorId: user.id, action: 'user.verify_email', entityType: 'user', entityId: user.id, after: { email: after.email } })
    return after
  })
}

/**
 * A new address from /settings, confirmed with the password: it must be proven again (a link goes to
 * it, and until it is opened the person waits as at sign-up), the old address hears of the change,
 * links sent to the old address stop working, and the audit log keeps before → after.
 */
export async function changeEmail(actor: SessionUser, input: z.output<typeof emailChangeSchema>) {
  requirePermission(actor, 'update:profile:own')
  const db = getDb()
  const [user] = await db.select().from(users).where(eq(users.id, actor.id))
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError('validation', 'errors.validation', { fields: { currentPassword: ['validation.wrongPassword'] } })
  }
  if (input.email === user.email) return user
  let after: User
  try {
    after = await db.transaction(async (tx) => {
      const [changed] = await tx.update(users).set({ email: input.email, emailVerifiedAt: null, updatedAt: new Date() }).where(eq(users.id, user.id)).returning()
      await tx.delete(accountTokens).where(and(eq(accountTokens.userId, user.id), isNull(accountTokens.usedAt)))
      await recordAudit(tx, { actorId: user.id, action: 'user.change_email', entityType: 'user', entityId: user.id, before: { email: user.email }, after: { email: changed.email } })
      return changed
    })
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } }
    if (e?.code === '23505' || e?.cause?.code === '23505') throw new DomainError('email_taken', 'errors.email_taken', { fields: { email: ['validation.emailTaken'] } })
    throw error
  }
  await sendVerificationLink(after)
  const t = getT(user.language)
  sendInBackground(
    { to: user.email, subject: t('account.email.noticeSubject'), text: [t('notifications.email.greeting', { name: user.name }), '', t('account.email.noticeBody', { email: after.email }), '', `${publicUrl()}/olvide-mi-contrasena`].join('\n') },
    'e-mail change notice',
  )
  return after
}
