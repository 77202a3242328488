import proxyAddr from 'proxy-addr'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { type Namespace, type Socket } from 'socket.io'
import { z } from 'zod'
import { personColor } from '#app/board/people.ts'
import { asBytes, awarenessStatesFrame, syncStep1Frame } from '#app/board/frames.ts'
import {
  BOARD_EVENTS,
  type BoardAccess,
  type BoardErrorCode,
  type BoardJoinErrorCode,
  type BoardJoinReply,
  type BoardsClientToServerEvents,
  type BoardsInterServerEvents,
  type BoardsServerToClientEvents,
} from '#app/board/protocol.ts'
import { getT } from '#app/i18n/i18n.ts'
import { LANGUAGE_COOKIE, resolveLanguage } from '#app/i18n/language.server.ts'
import { type Writer } from '#app/services/boards/board-writers.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { guestFromTokens, guestJoinSchema, joinSessionAsGuest, recordAttendance } from '#app/services/sessions/session-guests.server.ts'
import { GUEST_COOKIE, guestTokensFrom } from '#app/utils/guest-cookie.server.ts'
import { type GuestActor } from '#app/services/sessions/session-view.ts'
import { getSessionUserById } from '#app/services/accounts/users.server.ts'
import { boardAccess, getBoardContext, type BoardActor, type BoardContext } from '#app/services/boards/boards.server.ts'
import { readCookie } from '#app/utils/cookies.server.ts'
import { type AwarenessIdentity } from '../boards/awareness-identity.ts'
import { BoardConnection } from '../boards/board-connection.ts'
import { type BoardRegistry } from '../boards/board-registry.ts'
import { DEFAULT_WRITE_QUOTA, WriteQuota } from '../boards/limits.ts'
import { watchWriters } from '../boards/writers.ts'
import { type Logger } from '../logger.ts'
import { authenticateSocket, type SocketData } from './auth.ts'

export const boardRoom = (boardId: string) => `board:${boardId}`
/** Every board socket of a signed-in person, so a block or a role change reaches them all at once. */
const userRoom = (userId: string) => `user:${userId}`

/** A socket may hold a few boards at once (a page and its previews), not the whole site. */
export const MAX_BOARDS_PER_SOCKET = 10

/** `guestTokens`: the guest cookie's tokens (one per session the browser joined); the guest of the first board joined with one of them becomes the socket's guest. */
export type BoardSocketData = SocketData & { guest: GuestActor | null; guestTokens: string[] }
export type BoardsNamespace = Namespace<BoardsClientToServerEvents, BoardsServerToClientEvents, BoardsInterServerEvents, BoardSocketData>
type BoardSocket = Socket<BoardsClientToServerEvents, BoardsServerToClientEvents, BoardsInterServerEvents, BoardSocketData>
/** Express's compiled `trust proxy` (`app.get('trust proxy fn')`): which hops may tell the client's address. */
export type TrustProxy = (address: string, hop: number) => boolean


const boardIdSchema = z.uuid()
const guestHandshake = z.object({ guest: guestJoinSchema }).passthrough()

const actorOf = (socket: BoardSocket): BoardActor => socket.data.guest ?? socket.data.user

/** Who a socket's edits are credited to (ADR 022): its authenticated person or guest, never what it writes in the document. */
const writerOf = (socket: BoardSocket | undefined): Writer | null => {
  const data = socket?.data
  if (data?.guest) return { participantId: data.guest.participantId }
  if (data?.user) return { userId: data.user.id }
  return null
}

/** Whose write quota a socket's updates count against: the person or guest, whichever sockets they use. */
const quotaKeyOf = (socket: BoardSocket) => (socket.data.guest ? `guest:${socket.data.guest.participantId}` : `user:${socket.data.user?.id}`)

/** Computed once per socket (cursors move often); forgotten when the person changes (refreshUser). */
const identities = new WeakMap<BoardSocket, AwarenessIdentity>()

/** The name, role and colour others see on this socket's cursor: from its identity, whatever the client sent. */
function identityOf(socket: BoardSocket): AwarenessIdentity {
  const known = identities.get(socket)
  if (known) return known
  const data = socket.data
  const [key, name, role] = data.guest
    ? [`guest:${data.guest.participantId}`, data.guest.name, 'guest']
    : data.user
      ? [`user:${data.user.id}`, data.user.name, data.user.role]
      : [`anonymous:${socket.id}`, getT(resolveLanguage({ cookieLanguage: readCookie(socket.handshake.headers.cookie, LANGUAGE_COOKIE), acceptLanguage: socket.handshake.headers['accept-language'] }))('boards.anonymous'), 'anonymous']
  const identity = { key, name, role, color: personColor(key) }
  identities.set(socket, identity)
  return identity
}

/**
 * Guests of a live session come with the guest cookie (set by the join page: a token per session
 * joined, resolved at `board:join` for that board's session) or `auth: {guest: {sessionCode,
 * name}}`; everyone else authenticates as on `/live`. A signed-in person is never taken for a
 * guest by a leftover cookie (as on the board page).
 */
async function authenticateBoardSocket(socket: BoardSocket, next: (err?: Error) => void, trustProxy: TrustProxy) {
  try {
    const guestTokens = guestTokensFrom(readCookie(socket.handshake.headers.cookie, GUEST_COOKIE))
    const asked = guestHandshake.safeParse(socket.handshake.auth ?? {})
    if (asked.success) {
      let guest: GuestActor
      try {
        // The client's address as Express sees it (trust proxy), so wrong codes are counted per
        // client behind a proxy; a workshop behind one address still gets in with the right code.
        guest = (await joinSessionAsGuest(asked.data.guest, { ip: proxyAddr(socket.request, trustProxy), tokens: guestTokens })).guest
      } catch (error) {
        if (isDomainError(error) && error.code === 'rate_limited') return next(new Error('rate_limited'))
        return next(new Error('session_not_live'))
      }
      socket.data = { user: null, sessionId: null, guest, guestTokens: [] }
      return next()
    }
    await authenticateSocket(socket, (err) => {
      if (!err) socket.data = { ...socket.data, guest: null, guestTokens }
      next(err)
    })
  } catch (error) {
    next(error as Error)
  }
}

/** A socket without a person or a guest yet, with the guest cookie: the guest of this board's session, if it holds one. */
async function bindGuest(socket: BoardSocket, boardId: string) {
  const data = socket.data
  if (data.user || data.guest || data.guestTokens.length === 0) return
  const guest = await guestFromTokens(data.guestTokens, { boardId })
  // One guest per socket: the first board that finds one decides (another join may have won meanwhile).
  if (guest && !data.guest && !data.user) {
    data.guest = guest
    identities.delete(socket)
  }
}

/**
 * `/boards`: Yjs documents over socket.io, as PROTOCOL.md says. Handlers stay thin: who
 * may do what comes from `boardAccess` (the permissions table plus the session's state) and is
 * held by the socket's BoardConnection, which also receives its frames; the registry owns the
 * documents, their fan-out and their storage.
 */
export function registerBoardsNamespace(
  nsp: BoardsNamespace,
  registry: BoardRegistry,
  {
    logger,
    framesPerSecond = 200,
    trustProxy = () => false,
    writeQuota = DEFAULT_WRITE_QUOTA,
  }: { logger: Logger; framesPerSecond?: number; trustProxy?: TrustProxy; writeQuota?: { bytes: number; seconds: number } },
) {
  const limiter = new RateLimiterMemory({ keyPrefix: 'board-frames', points: framesPerSecond, duration: 1 })
  const quota = new WriteQuota(writeQuota.bytes, writeQuota.seconds)
  /** This instance's connections, by socket id (the origin of their changes). */
  const connections = new Map<string, BoardConnection>()
  nsp.use((socket, next) => authenticateBoardSocket(socket, next, trustProxy))

  nsp.on('connection', (socket) => {
    const data = socket.data
    const connection = new BoardConnection(socket.id, { quotaKey: () => quotaKeyOf(socket), identity: () => identityOf(socket) }, quota, logger)
    connections.set(socket.id, connection)
    const refuse = (boardId: string | null, code: BoardErrorCode, message: string) => socket.emit(BOARD_EVENTS.error, { boardId, code, message })
    if (data.user) void socket.join(userRoom(data.user.id))

    socket.on(BOARD_EVENTS.join, async (boardId: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (reply: BoardJoinReply) => void) : () => {}
      const fail = (code: BoardJoinErrorCode, message: string) => reply({ ok: false, error: { code, message } })
      if (!boardIdSchema.safeParse(boardId).success) return fail('validation', 'boardId must be a board id')
      const id = boardId as string
      if (!connection.accessTo(id) && connection.size >= MAX_BOARDS_PER_SOCKET) return fail('too_many_boards', `at most ${MAX_BOARDS_PER_SOCKET} boards per connection`)
      try {
        await bindGuest(socket, id)
        const context = await getBoardContext(id)
        const access = context ? boardAccess(actorOf(socket), context) : null
        if (!context || !access) return fail('not_found', 'no such board')
        const board = await registry.acquire(id)
        if (!socket.connected) return registry.scheduleUnload(board)
        watchWriters(board, (origin) => writerOf(nsp.sockets.get(origin)), logger)
        connection.enter(board, access)
        registry.scheduleUnload(board)
        await socket.join(boardRoom(id))
        reply({ ok: true, access })
        // After the ack, so the client knows it has joined when our step 1 arrives.
        socket.emit(BOARD_EVENTS.frame, id, syncStep1Frame(board.doc))
        if (board.awareness.getStates().size > 0) socket.emit(BOARD_EVENTS.frame, id, awarenessStatesFrame(board.awareness))
        if (data.user && context.session?.status === 'live') {
          recordAttendance(context.session.id, data.user.id).catch((err: unknown) => logger.error({ err }, 'attendance not recorded'))
        }
      } catch (error) {
        logger.error({ err: error, boardId: id }, 'board join failed')
        fail('unavailable', 'the board could not be opened; try again')
      }
    })

    socket.on(BOARD_EVENTS.leave, (boardId: unknown) => {
      if (typeof boardId === 'string' && connection.accessTo(boardId)) leave(socket, boardId)
    })

    socket.on(BOARD_EVENTS.frame, (boardId: unknown, frame: unknown) => {
      const id = typeof boardId === 'string' ? boardId : null
      if (!id || !connection.accessTo(id)) return refuse(id, 'not_joined', 'join the board before sending frames')
      const bytes = asBytes(frame)
      if (!bytes) return refuse(id, 'bad_frame', 'a frame is binary')
      limiter.consume(socket.id).then(
        () => {
          // It may have left the board while the frame waited.
          if (!connection.accessTo(id)) return
          const outcome = connection.receive(id, bytes)
          if (outcome && 'answer' in outcome) socket.emit(BOARD_EVENTS.frame, id, outcome.answer)
          else if (outcome) refuse(id, outcome.refusal.code, outcome.refusal.message)
        },
        () => refuse(id, 'rate_limited', 'too many frames; slow down'),
      )
    })

    socket.on('disconnect', () => {
      for (const id of connection.boardIds()) leave(socket, id)
      connections.delete(socket.id)
      void limiter.delete(socket.id)
    })
  })

  function leave(socket: BoardSocket, boardId: string) {
    void socket.leave(boardRoom(boardId))
    const board = connections.get(socket.id)?.leave(boardId)
    if (board) registry.scheduleUnload(board)
  }

  /** Re-reads who may do what on a board for this instance's sockets (lock, start, end of a session). */
  async function refreshAccess(boardId: string) {
    const socketIds = nsp.adapter.rooms.get(boardRoom(boardId))
    if (!socketIds?.size) return
    const context = await getBoardContext(boardId)
    for (const socketId of [...socketIds]) {
      const socket = nsp.sockets.get(socketId)
      if (socket) recheck(socket, boardId, context)
    }
  }

  /**
   * A person was blocked, unblocked or given another role: their sockets on this instance take
   * the person as stored now, and every board they hold is checked again at once.
   */
  async function refreshUser(userId: string) {
    const socketIds = nsp.adapter.rooms.get(userRoom(userId))
    if (!socketIds?.size) return
    const fresh = await getSessionUserById(userId)
    const contexts = new Map<string, BoardContext | null>()
    for (const socketId of [...socketIds]) {
      const socket = nsp.sockets.get(socketId)
      if (!socket?.data.user) continue
      socket.data.user = fresh
      identities.delete(socket)
      for (const boardId of connections.get(socketId)?.boardIds() ?? []) {
        if (!contexts.has(boardId)) contexts.set(boardId, await getBoardContext(boardId))
        recheck(socket, boardId, contexts.get(boardId)!)
      }
    }
  }

  /** Tells one socket what it may now do on a board: board:access when that changed, board:error and out when nothing. */
  function recheck(socket: BoardSocket, boardId: string, context: BoardContext | null) {
    const connection = connections.get(socket.id)
    if (!connection?.accessTo(boardId)) return
    const access: BoardAccess | null = context ? boardAccess(actorOf(socket), context) : null
    if (!access) {
      socket.emit(BOARD_EVENTS.error, { boardId, code: socket.data.guest ? 'session_ended' : 'forbidden', message: 'you no longer have access to this board' })
      leave(socket, boardId)
      // Only this namespace: the page's /live socket shares the connection and must keep hearing the session.
      if (socket.data.guest) socket.disconnect()
    } else if (connection.changeAccess(boardId, access)) {
      socket.emit(BOARD_EVENTS.access, { boardId, access })
    }
  }

  return { refreshAccess, refreshUser, leave }
}
