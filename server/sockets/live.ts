import { type Namespace, type Socket } from 'socket.io'
import { z } from 'zod'
import { getChallenge } from '#app/services/challenges/challenges.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { rooms } from '#app/services/notifications/live.server.ts'
import { getSession } from '#app/services/sessions/cocreation-sessions.server.ts'
import { toPublicUser } from '#app/services/accounts/users.server.ts'
import { LIVE_EVENTS, type LiveAck, type LiveClientToServerEvents, type LiveErrorCode, type LiveRefusal, type LiveServerToClientEvents } from '#app/board/protocol.ts'
import { type SessionView } from '#app/services/sessions/session-view.ts'
import { authenticateSocket, type SocketData } from './auth.ts'

export type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, SocketData>
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, SocketData>
type Ack = (reply: LiveAck) => void

/** One socket may watch a handful of challenges at once (a page, a few tabs sharing it); not the whole site. */
export const MAX_WATCHED_CHALLENGES = 20

const challengeId = z.uuid()

const refuse = (ack: ((reply: LiveRefusal) => void) | undefined, code: LiveErrorCode, message: string) => ack?.({ ok: false, error: { code, message } })

/**
 * `/live`: tallies, presence and notifications. Each signed-in socket joins its own
 * `user:<id>` room so services can notify a person on every device.
 */
export function registerLiveNamespace(live: LiveNamespace) {
  live.use(authenticateSocket)
  live.on('connection', (socket) => {
    const data = socket.data
    if (data.user) void socket.join(rooms.user(data.user.id))
    socket.on(LIVE_EVENTS.whoami, (ack: unknown) => {
      if (typeof ack !== 'function') return
      ack({ ok: true, user: data.user ? toPublicUser(data.user) : null })
    })
    registerChallengeWatch(socket)
    registerSessionWatch(socket)
  })
}

/**
 * `challenge:watch (challengeId, ack)`: join `challenge:<id>` to receive `tally:update
 * {challengeId, ideaId, votes}` — only for a challenge this socket's person may see.
 * `challenge:unwatch (challengeId, ack?)` leaves it. A malformed payload is refused through
 * the ack (or ignored without one); the connection stays.
 */
function registerChallengeWatch(socket: LiveSocket) {
  const data = socket.data
  socket.on(LIVE_EVENTS.watchChallenge, async (raw: unknown, maybeAck: unknown) => {
    const ack = typeof maybeAck === 'function' ? (maybeAck as Ack) : undefined
    const parsed = challengeId.safeParse(raw)
    if (!parsed.success) return refuse(ack, 'validation', 'challengeId must be a UUID')
    const room = rooms.challenge(parsed.data)
    if (!socket.rooms.has(room)) {
      const watched = [...socket.rooms].filter((r) => r.startsWith(rooms.challenge(''))).length
      if (watched >= MAX_WATCHED_CHALLENGES) return refuse(ack, 'too_many', `at most ${MAX_WATCHED_CHALLENGES} challenges per connection`)
      try {
        await getChallenge(data.user, parsed.data)
      } catch (error) {
        if (isDomainError(error)) return refuse(ack, error.code, 'challenge not found')
        return refuse(ack, 'internal', 'could not watch the challenge')
      }
      if (!socket.connected) return
      await socket.join(room)
    }
    ack?.({ ok: true })
  })
  socket.on(LIVE_EVENTS.unwatchChallenge, async (raw: unknown, maybeAck: unknown) => {
    const ack = typeof maybeAck === 'function' ? (maybeAck as Ack) : undefined
    const parsed = challengeId.safeParse(raw)
    if (!parsed.success) return refuse(ack, 'validation', 'challengeId must be a UUID')
    await socket.leave(rooms.challenge(parsed.data))
    ack?.({ ok: true })
  })
}

/**
 * `session:watch (sessionId, ack)`: join `session:<id>` to receive `session:state` (a SessionView)
 * on every change the facilitator makes — only for a session this socket's person may see;
 * `session:unwatch (sessionId, ack?)` leaves it. Answers `{ok, session}` with the current state.
 */
function registerSessionWatch(socket: LiveSocket) {
  const data = socket.data
  socket.on(LIVE_EVENTS.watchSession, async (raw: unknown, maybeAck: unknown) => {
    const ack = typeof maybeAck === 'function' ? (maybeAck as (reply: { ok: true; session: SessionView } | LiveRefusal) => void) : undefined
    const parsed = challengeId.safeParse(raw)
    if (!parsed.success) return refuse(ack, 'validation', 'sessionId must be a UUID')
    const room = rooms.session(parsed.data)
    if (!socket.rooms.has(room) && [...socket.rooms].filter((r) => r.startsWith(rooms.session(''))).length >= MAX_WATCHED_CHALLENGES) {
      return refuse(ack, 'too_many', `at most ${MAX_WATCHED_CHALLENGES} sessions per connection`)
    }
    try {
      const session = await getSession(data.user, parsed.data)
      if (!socket.connected) return
      await socket.join(room)
      ack?.({ ok: true, session })
    } catch (error) {
      if (isDomainError(error)) return refuse(ack, error.code, 'session not found')
      return refuse(ack, 'internal', 'could not watch the session')
    }
  })
  socket.on(LIVE_EVENTS.unwatchSession, async (raw: unknown, maybeAck: unknown) => {
    const ack = typeof maybeAck === 'function' ? (maybeAck as Ack) : undefined
    const parsed = challengeId.safeParse(raw)
    if (!parsed.success) return refuse(ack, 'validation', 'sessionId must be a UUID')
    await socket.leave(rooms.session(parsed.data))
    ack?.({ ok: true })
  })
}
