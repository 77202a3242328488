import { type Socket } from 'socket.io'
import { z } from 'zod'
import { validateAuthSessionToken, type SessionUser } from '#app/services/accounts/auth-sessions.server.ts'
import { sessionTokenFrom } from '#app/utils/cookies.server.ts'

export type SocketData = { user: SessionUser | null; sessionId: string | null }

const handshakeAuth = z.object({ token: z.string().max(200).optional() }).passthrough()

/**
 * The same session lookup as pages and the API: `auth.token` in the handshake (the bearer
 * token), or the session cookie. A token that is given but invalid is refused; no token
 * at all connects as an anonymous reader.
 */
export async function authenticateSocket(socket: { handshake: Socket['handshake']; data: SocketData }, next: (err?: Error) => void) {
  try {
    const parsed = handshakeAuth.safeParse(socket.handshake.auth ?? {})
    const given = parsed.success && parsed.data.token ? parsed.data.token : undefined
    const found = given ? { token: given } : sessionTokenFrom({ cookie: socket.handshake.headers.cookie })
    const auth = found ? await validateAuthSessionToken(found.token) : null
    if (given && !auth) return next(new Error('unauthenticated'))
    socket.data = { user: auth?.user ?? null, sessionId: auth?.session.id ?? null } satisfies SocketData
    next()
  } catch (error) {
    next(error as Error)
  }
}
