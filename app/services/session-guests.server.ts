import { and, eq, ne } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '#db/client.ts'
import { cocreationSessions, sessionParticipants } from '#db/schema.ts'
import { DomainError } from './errors.ts'
import { generateSessionToken, sessionIdFromToken } from './sessions.server.ts'
import { type GuestActor } from './session-view.ts'
import { safeText } from './schemas.ts'

/** The cookie that carries a guest's token (HttpOnly, this site only). */
export const GUEST_COOKIE = 'cocrea_guest'

export const guestJoinSchema = z.object({
  sessionCode: z.string().trim().regex(/^\d{6}$/, 'sessions.validation.code'),
  name: safeText().trim().min(2, 'sessions.validation.nickname').max(40, 'sessions.validation.nickname'),
})
export type GuestJoin = z.infer<typeof guestJoinSchema>

/**
 * Joins a live session as a guest: a participant row with the nickname and a fresh token
 * (only its hash is stored) that the guest's browser keeps in a cookie for this session.
 * Refused unless the session is live: a guest can never do more than edit that one board.
 */
export async function joinSessionAsGuest(input: GuestJoin): Promise<{ guest: GuestActor; token: string }> {
  const { sessionCode, name } = guestJoinSchema.parse(input)
  const db = getDb()
  const [session] = await db
    .select()
    .from(cocreationSessions)
    .where(and(eq(cocreationSessions.code, sessionCode), ne(cocreationSessions.status, 'ended')))
  if (!session) throw new DomainError('not_found')
  if (session.status !== 'live') throw new DomainError('outside_phase')
  const token = generateSessionToken()
  const [participant] = await db
    .insert(sessionParticipants)
    .values({ sessionId: session.id, guestName: name, guestTokenHash: sessionIdFromToken(token) })
    .returning()
  return { token, guest: { role: 'guest', participantId: participant.id, sessionId: session.id, boardId: session.boardId, name } }
}

/** The guest a token belongs to, while their session is live; null otherwise (ended, unknown, forged). */
export async function guestFromToken(token: string): Promise<GuestActor | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const db = getDb()
  const [row] = await db
    .select({ participant: sessionParticipants, session: cocreationSessions })
    .from(sessionParticipants)
    .innerJoin(cocreationSessions, eq(cocreationSessions.id, sessionParticipants.sessionId))
    .where(eq(sessionParticipants.guestTokenHash, sessionIdFromToken(token)))
  if (!row || row.session.status !== 'live' || !row.participant.guestName) return null
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
