import { asc, eq } from 'drizzle-orm'
import { type z } from 'zod'
import { getDb } from '#db/client.ts'
import { institutions, users, type Language, type Role, type User } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { boardUserChanged } from '../boards/board-documents.server.ts'
import { DomainError } from '../platform/errors.ts'
import { decoyPasswordHash, hashPassword, isGuessablePassword, verifyPassword } from './passwords.server.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { logLine } from '../notifications/mail.server.ts'
import { sendVerificationLink } from './account-links.server.ts'
import { countSignInAttempt, countSignUp, forgetSignInAttempts } from '../platform/rate-limits.server.ts'
import {
  type createUserSchema,
  type passwordChangeSchema,
  type profileSchema,
  type signInSchema,
  type signUpSchema,
  type userRoleSchema,
} from '../platform/schemas.ts'
import { invalidateOtherAuthSessions, startAuthSession, type SessionUser } from './auth-sessions.server.ts'

export type PublicUser = { id: string; name: string; role: Role }
export const toPublicUser = (u: Pick<User, 'id' | 'name' | 'role'>): PublicUser => ({ id: u.id, name: u.name, role: u.role })

/** What the audit log may keep of a user: never the password hash. */
const auditView = (u: User) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  institutionId: u.institutionId,
  language: u.language,
  blockedAt: u.blockedAt,
})

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } }
  return e?.code === '23505' || e?.cause?.code === '23505'
}

type NewUser = z.output<typeof createUserSchema>

/** `self`: a person signing up (the audit names them); `system`: the admin command (no actor). */
/** A common or easily guessed password (or one made of the person's e-mail or name) is refused with a field message. */
function refuseGuessable(password: string, field: string, personal: string[]) {
  if (isGuessablePassword(password, personal)) throw new DomainError('validation', 'errors.validation', { fields: { [field]: ['validation.passwordCommon'] } })
}

async function insertUser(actor: { id: string } | 'self' | 'system', input: NewUser, termsAcceptedAt: Date | null = null): Promise<User> {
  refuseGuessable(input.password, 'password', [input.email, input.name])
  const passwordHash = await hashPassword(input.password)
  try {
    return await getDb().transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          passwordHash,
          role: input.role,
          institutionId: input.institutionId,
          language: input.language ?? 'es',
          // Self sign-up starts unconfirmed (ADR 035); accounts made by an admin or the admin command count as confirmed.
          ...(actor === 'self' ? { emailVerifiedAt: null } : {}),
          termsAcceptedAt,
        })
        .returning()
      const actorId = actor === 'system' ? null : actor === 'self' ? user.id : actor.id
      await recordAudit(tx, { actorId, action: 'user.create', entityType: 'user', entityId: user.id, after: auditView(user) })
      return user
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('email_taken', 'errors.email_taken', { fields: { email: ['validation.emailTaken'] } })
    if ((error as { cause?: { code?: string } })?.cause?.code === '23503') {
      throw new DomainError('validation', 'errors.validation', { fields: { institutionId: ['validation.institution'] } })
    }
    throw error
  }
}

/** Anyone may sign up (a few times per hour from one address); they start as citizens, with the address to confirm. */
export async function signUp(input: z.output<typeof signUpSchema> & { acceptedTerms?: boolean }, ip: string) {
  await countSignUp(ip)
  const user = await insertUser('self', { ...input, role: 'citizen', institutionId: null }, input.acceptedTerms ? new Date() : null)
  // The link that confirms the address goes out in the background; a mail failure never fails the sign-up.
  await sendVerificationLink(user).catch((err: unknown) => logLine('error', 'verification link failed', { err: String(err) }))
  return user
}

/** Admins (and the admin command, acting as nobody) create accounts with any role. */
export function createUser(actor: SessionUser | 'system', input: NewUser) {
  if (actor !== 'system') requirePermission(actor, 'manage:user')
  return insertUser(actor, input)
}

/**
 * Checks the credentials and opens a session. Unknown e-mail and wrong password give the
 * same error after the same amount of work, so the answer does not tell whether an account exists.
 */
export async function signIn(input: z.output<typeof signInSchema>, ip: string) {
  await countSignInAttempt(ip, input.email)
  const [user] = await getDb().select().from(users).where(eq(users.email, input.email))
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await decoyPasswordHash(), input.password), false)
  if (!user || !valid) throw new DomainError('invalid_credentials')
  if (user.blockedAt) throw new DomainError('blocked')
  await forgetSignInAttempts(ip, input.email)
  return { ...(await startAuthSession(user.id)), user }
}

export async function getUserById(id: string) {
  const [user] = await getDb().select().from(users).where(eq(users.id, id))
  return user ?? null
}

/** A person as a session sees them (the socket's identity), read again from the database; null if gone. */
export async function getSessionUserById(id: string): Promise<SessionUser | null> {
  const user = await getUserById(id)
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role, institutionId: user.institutionId, language: user.language, blockedAt: user.blockedAt, emailVerifiedAt: user.emailVerifiedAt } : null
}

export async function updateProfile(actor: SessionUser, input: z.output<typeof profileSchema>) {
  requirePermission(actor, 'update:profile:own')
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update')
    const [after] = await tx
      .update(users)
      .set({ name: input.name, language: input.language, updatedAt: new Date() })
      .where(eq(users.id, actor.id))
      .returning()
    await recordAudit(tx, { actorId: actor.id, action: 'user.update_profile', entityType: 'user', entityId: actor.id, before: auditView(before), after: auditView(after) })
    return after
  })
}

export async function setLanguage(actor: SessionUser, language: Language) {
  await getDb().update(users).set({ language, updatedAt: new Date() }).where(eq(users.id, actor.id))
}

/** Changing the password ends every other session of the person: a thief's session dies with the old password. */
export async function changePassword(actor: SessionUser, currentSessionId: string | null, input: z.output<typeof passwordChangeSchema>) {
  requirePermission(actor, 'update:password:own')
  const user = await getUserById(actor.id)
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError('validation', 'errors.validation', { fields: { currentPassword: ['validation.wrongPassword'] } })
  }
  refuseGuessable(input.newPassword, 'newPassword', [user.email, user.name])
  const passwordHash = await hashPassword(input.newPassword)
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.id))
    await recordAudit(tx, { actorId: actor.id, action: 'user.change_password', entityType: 'user', entityId: actor.id })
  })
  await invalidateOtherAuthSessions(actor.id, currentSessionId)
}

export async function listUsers(actor: SessionUser) {
  requirePermission(actor, 'manage:user')
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      institutionId: users.institutionId,
      institutionAcronym: institutions.acronym,
      blockedAt: users.blockedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(institutions, eq(users.institutionId, institutions.id))
    .orderBy(asc(users.createdAt))
}

/** An admin changes a person's role (and institution, for officials). An admin cannot demote themselves: someone must stay admin. */
export async function setUserRole(actor: SessionUser, userId: string, input: z.output<typeof userRoleSchema>) {
  requirePermission(actor, 'manage:user')
  if (userId === actor.id && input.role !== 'admin') throw new DomainError('conflict', 'errors.cannotDemoteSelf')
  const changed = await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!before) throw new DomainError('not_found')
    const institutionId = input.role === 'official' ? input.institutionId : null
    if (input.role === 'official' && !institutionId) {
      throw new DomainError('validation', 'errors.validation', { fields: { institutionId: ['validation.officialNeedsInstitution'] } })
    }
    if (institutionId) {
      const [institution] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, institutionId))
      if (!institution) throw new DomainError('validation', 'errors.validation', { fields: { institutionId: ['validation.institution'] } })
    }
    const [after] = await tx.update(users).set({ role: input.role, institutionId, updatedAt: new Date() }).where(eq(users.id, userId)).returning()
    await recordAudit(tx, { actorId: actor.id, action: 'user.set_role', entityType: 'user', entityId: userId, before: auditView(before), after: auditView(after) })
    return after
  })
  // Boards they have open follow the new role at once (a demoted facilitator stops editing a locked board).
  await boardUserChanged(userId)
  return changed
}

