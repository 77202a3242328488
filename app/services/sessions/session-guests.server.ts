import { and, eq, inArray, ne, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '#db/client.ts'
import { challenges, cocreationSessions, sessionParticipants } from '#db/schema.ts'
import { DomainError } from '../platform/errors.ts'
import { isPublic } from '../challenges/phases.ts'
import { checkSessionCodeLookup, countWrongSessionCode } from '../platform/rate-limits.server.ts'
import { generateAuthSessionToken, authSessionIdFromToken } from '../accounts/auth-sessions.server.ts'
import { type GuestActor } from './session-view.ts'
import { safeText } from '../platform/schemas.ts'
import { isUuid } from '../platform/schemas.ts'

/**
 * A browser holds one guest token per session it joined (app/utils/guest-cookie.server.ts keeps
 * them in a cookie), at most MAX_GUEST_TOKENS: coming back to an earlier session is the same guest there.
 */
export const MAX_GUEST_TOKENS = 8

export const guestJoinSchema = z.object({
  sessionCode: z.string().trim().regex(/^\d{6}$/, 'sessions.validation.code'),
  name: safeText().trim().min(2, 'sessions.validation.nickname').max(40, 'sessions.validation.nickname'),
})
export type GuestJoin = z.infer<typeof guestJoinSchema>

/** The form of a guest token (base32, as auth session tokens). */
export const GUEST_TOKEN = /^[a-z2-7]{32}$/
const TOKEN = GUEST_TOKEN

/** What a guest join knows of the browser: its address (wrong codes are counted per address) and the guest tokens its cookie already holds. */
export type GuestJoinContext = { ip: string; tokens?: string[] }

/**
 * Joins a live session as a guest: a participant row with the nickname and a token (only its
 * hash is stored) that the guest's browser keeps in a cookie. A browser that already holds the
 * cookie of this session is the same guest again (a reload, a second tab, a new nickname: one
 * participant, one dot budget). Refused unless the session is live and its challenge public: a
 * guest can never do more than edit that one board. Wrong codes are counted per address, and
 * an address with too many is refused any lookup for a while.
 */
export async function joinSessionAsGuest(input: GuestJoin, { ip, tokens: held = [] }: GuestJoinContext): Promise<{ guest: GuestActor; token: string }> {
  const { sessionCode, name } = guestJoinSchema.parse(input)
  await checkSessionCodeLookup(ip)
  const db = getDb()
  const [found] = await db
    .select({ session: cocreationSessions, phase: challenges.phase })
    .from(cocreationSessions)
    .innerJoin(challenges, eq(challenges.id, cocreationSessions.challengeId))
    .where(and(eq(cocreationSessions.code, sessionCode), ne(cocreationSessions.status, 'ended')))
  if (!found) {
    await countWrongSessionCode(ip)
    throw new DomainError('not_found')
  }
  const { session } = found
  // A draft challenge does not exist for people without an account.
  if (!isPublic(found.phase)) throw new DomainError('not_found')
  if (session.status !== 'live') throw new DomainError('outside_phase')
  const tokens = held.filter((t) => TOKEN.test(t)).slice(0, MAX_GUEST_TOKENS)
  if (tokens.length > 0) {
    const hashes = new Map(tokens.map((t) => [authSessionIdFromToken(t), t]))
    const [again] = await db
      .update(sessionParticipants)
      .set({ guestName: name, lastSeenAt: new Date() })
      .where(and(eq(sessionParticipants.sessionId, session.id), inArray(sessionParticipants.guestTokenHash, [...hashes.keys()])))
      .returning()
    if (again) return { token: hashes.get(again.guestTokenHash!)!, guest: { role: 'guest', participantId: again.id, sessionId: session.id, boardId: session.boardId, name } }
  }
  const token = generateAuthSessionToken()
  const [participant] = await db
    .insert(sessionParticipants)
    .values({ sessionId: session.id, guestName: name, guestTokenHash: authSessionIdFromToken(token) })
    .returning()
  return { token, guest: { role: 'guest', participantId: participant.id, sessionId: session.id, boardId: session.boardId, name } }
}

/** The guest a token belongs to, while their session is live; null otherwise (ended, unknown, forged). */
export async function guestFromToken(token: string): Promise<GuestActor | null> {
  return guestFromTokens([token])
}

/**
 * Of the guest tokens a browser holds, the guest of one session (by its id or its board's id),
 * while that session is live on a public challenge; null otherwise. Without a scope, the first
 * (newest) token that still works.
 */
export async function guestFromTokens(held: string[], scope: { sessionId: string } | { boardId: string } | null = null): Promise<GuestActor | null> {
  const tokens = held.filter((t) => TOKEN.test(t)).slice(0, MAX_GUEST_TOKENS)
  if (tokens.length === 0) return null
  let where: SQL | undefined = inArray(sessionParticipants.guestTokenHash, tokens.map(authSessionIdFromToken))
  if (scope && 'sessionId' in scope) {
    if (!isUuid(scope.sessionId)) return null
    where = and(where, eq(cocreationSessions.id, scope.sessionId))
  } else if (scope) {
    if (!isUuid(scope.boardId)) return null
    where = and(where, eq(cocreationSessions.boardId, scope.boardId))
  }
  const db = getDb()
  const rows = await db
    .select({ participant: sessionParticipants, session: cocreationSessions, phase: challenges.phase })
    .from(sessionParticipants)
    .innerJoin(cocreationSessions, eq(cocreationSessions.id, sessionParticipants.sessionId))
    .innerJoin(challenges, eq(challenges.id, cocreationSessions.challengeId))
    .where(where)
  const usable = rows.filter((r) => r.session.status === 'live' && r.participant.guestName && isPublic(r.phase))
  const order = tokens.map(authSessionIdFromToken)
  const row = usable.sort((a, b) => order.indexOf(a.participant.guestTokenHash!) - order.indexOf(b.participant.guestTokenHash!))[0]
  if (!row) return null
  await db.update(sessionParticipants).set({ lastSeenAt: new Date() }).where(eq(sessionParticipants.id, row.participant.id))
  return { role: 'guest', participantId: row.participant.id, sessionId: row.session.id, boardId: row.session.boardId, name: row.participant.guestName! }
}

/** Counts a signed-in person as present in the session of a board they open (attendance). */
export async function recordAttendance(sessionId: string, userId: string) {
  await getDb()
    .insert(sessionParticipants)
    .values({ sessionId, userId })
    .onConflictDoUpdate({ target: [sessionParticipants.sessionId, sessionParticipants.userId], set: { lastSeenAt: new Date() } })
}
