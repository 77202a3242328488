import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { and, eq, lt, ne } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { sessions, users, type Session } from '#db/schema.ts'
import { type SessionUser } from '../platform/types.ts'

// As lucia-auth.com teaches: 30 days, extended when less than 15 remain.
const DAY = 24 * 60 * 60 * 1000
export const AUTH_SESSION_DURATION_MS = 30 * DAY
const RENEW_WHEN_LESS_THAN_MS = 15 * DAY

export type { SessionUser }
export type Auth = { session: Session; user: SessionUser }

/** 20 random bytes (160 bits) in lower-case base32: the token only the client holds. */
export function generateAuthSessionToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

/** The stored id is the token's SHA-256, so the sessions table holds no usable token. */
export function authSessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export async function createAuthSession(token: string, userId: string): Promise<Session> {
  const session = { id: authSessionIdFromToken(token), userId, expiresAt: new Date(Date.now() + AUTH_SESSION_DURATION_MS) }
  const [row] = await getDb().insert(sessions).values(session).returning()
  return row
}

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  institutionId: users.institutionId,
  language: users.language,
  blockedAt: users.blockedAt,
  emailVerifiedAt: users.emailVerifiedAt,
}

/** A new session for a person who has just proven who they are; the token goes to them, its hash to the database. */
export async function startAuthSession(userId: string) {
  const token = generateAuthSessionToken()
  return { token, session: await createAuthSession(token, userId) }
}

/** The session and its user, or null; extends the expiry when it is past half-life (`renewed`). */
export async function validateAuthSessionToken(token: string): Promise<(Auth & { renewed: boolean }) | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const db = getDb()
  const id = authSessionIdFromToken(token)
  const [row] = await db
    .select({ session: sessions, user: userColumns })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, id))
  if (!row) return null
  const now = Date.now()
  if (now >= row.session.expiresAt.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id))
    return null
  }
  let renewed = false
  if (now >= row.session.expiresAt.getTime() - RENEW_WHEN_LESS_THAN_MS) {
    row.session.expiresAt = new Date(now + AUTH_SESSION_DURATION_MS)
    await db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id))
    renewed = true
  }
  return { ...row, renewed }
}

export async function invalidateAuthSession(sessionId: string) {
  await getDb().delete(sessions).where(eq(sessions.id, sessionId))
}

export async function invalidateOtherAuthSessions(userId: string, keepSessionId: string | null) {
  const db = getDb()
  await db
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
}

export async function deleteExpiredAuthSessions() {
  await getDb().delete(sessions).where(lt(sessions.expiresAt, new Date()))
}
