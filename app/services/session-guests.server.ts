import { and, eq, ne } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '#db/client.ts'
import { challenges, cocreationSessions, sessionParticipants } from '#db/schema.ts'
import { DomainError } from './errors.ts'
import { isPublic } from './phases.ts'
import { checkSessionCodeLookup, countWrongSessionCode } from './rate-limits.server.ts'
import { generateSessionToken, sessionIdFromToken } from './sessions.server.ts'
import { type GuestActor } from './session-view.ts'

/** The cookie that carries a guest's token (HttpOnly, this site only). */
export const GUEST_COOKIE = 'cocrea_guest'

export const guestJoinSchema = z.object({
  sessionCode: z.string().trim().regex(/^\d{6}$/, 'sessions.validation.code'),
  name: z.string().trim().min(2, 'sessions.validation.nickname').max(40, 'sessions.validation.nickname'),
})
export type GuestJoin = z.infer<typeof guestJoinSchema>

const TOKEN = /^[a-z2-7]{32}$/

/** What a guest join knows of the browser: its address (wrong codes are counted per address) and the guest cookie it already holds. */
export type GuestJoinContext = { ip: string; token?: string | null }

/**
 * Joins a live session as a guest: a participant row with the nickname and a token (only its
 * hash is stored) that the guest's browser keeps in a cookie. A browser that already holds the
 * cookie of this session is the same guest again (a reload, a second tab, a new nickname: one
 * participant, one dot budget). Refused unless the session is live and its challenge public: a
 * guest can never do more than edit that one board. Wrong codes are counted per address, and
 * an address with too many is refused any lookup for a while.
 */
export async function joinSessionAsGuest(input: GuestJoin, { ip, token: held }: GuestJoinContext): Promise<{ guest: GuestActor; token: string }> {
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
  if (held && TOKEN.test(held)) {
    const [again] = await db
      .update(sessionParticipants)
      .set({ guestName: name, lastSeenAt: new Date() })
      .where(and(eq(sessionParticipants.sessionId, session.id), eq(sessionParticipants.guestTokenHash, sessionIdFromToken(held))))
      .returning()
    if (again) return { token: held, guest: { role: 'guest', participantId: again.id, sessionId: session.id, boardId: session.boardId, name } }
  }
  const token = generateSessionToken()
  const [participant] = await db
    .insert(sessionParticipants)
    .values({ sessionId: session.id, guestName: name, guestTokenHash: sessionIdFromToken(token) })
    .returning()
  return { token, guest: { role: 'guest', participantId: participant.id, sessionId: session.id, boardId: session.boardId, name } }
}

/** The guest a token belongs to, while their session is live; null otherwise (ended, unknown, forged). */
export async function guestFromToken(token: string): Promise<GuestActor | null> {
  if (!TOKEN.test(token)) return null
  const db = getDb()
  const [row] = await db
    .select({ participant: sessionParticipants, session: cocreationSessions, phase: challenges.phase })
    .from(sessionParticipants)
    .innerJoin(cocreationSessions, eq(cocreationSessions.id, sessionParticipants.sessionId))
    .innerJoin(challenges, eq(challenges.id, cocreationSessions.challengeId))
    .where(eq(sessionParticipants.guestTokenHash, sessionIdFromToken(token)))
  if (!row || row.session.status !== 'live' || !row.participant.guestName || !isPublic(row.phase)) return null
  await db.update(sessionParticipants).set({ lastSeenAt: new Date() }).where(eq(sessionParticipants.id, row.participant.id))
  return { role: 'guest', participantId: row.participant.id, sessionId: row.session.id, boardId: row.session.boardId, name: row.participant.guestName }
}

/** Counts a signed-in person as present in the session of a board they open (attendance). */
export async function recordAttendance(sessionId: string, userId: string) {
  await getDb()
    .insert(sessionParticipants)
    .values({ sessionId, userId })
    .onConflictDoUpdate({ target: [sessionParticipants.sessionId, sessionParticipants.userId], set: { lastSeenAt: new Date() } })
}
