import proxyAddr from 'proxy-addr'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { type Namespace, type Socket } from 'socket.io'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { z } from 'zod'
import { personColor } from '#app/board/people.ts'
import { getT } from '#app/i18n/i18n.ts'
import { LANGUAGE_COOKIE, resolveLanguage } from '#app/i18n/language.server.ts'
import { type Writer } from '#app/services/boards/board-writers.server.ts'
import { boardAccess, getBoardContext, type BoardAccess, type BoardActor, type BoardContext } from '#app/services/boards/boards.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { guestFromTokens, guestJoinSchema, joinSessionAsGuest, recordAttendance } from '#app/services/sessions/session-guests.server.ts'
import { GUEST_COOKIE, guestTokensFrom } from '#app/utils/guest-cookie.server.ts'
import { type GuestActor } from '#app/services/sessions/session-view.ts'
import { getSessionUserById } from '#app/services/accounts/users.server.ts'
import { readCookie } from '#app/utils/cookies.server.ts'
import { stampAwareness, type AwarenessIdentity } from '../boards/awareness-identity.ts'
import { type BoardRegistry, type OpenBoard } from '../boards/board-registry.ts'
import { FrameError, MAX_AWARENESS_CLIENTS_PER_FRAME, asBytes, awarenessFrame, parseFrame, syncStep1Frame, syncStep2Frame } from '../boards/frames.ts'
import { DEFAULT_WRITE_QUOTA, WriteQuota } from '../boards/limits.ts'
import { watchWriters } from '../boards/writers.ts'
import { type Logger } from '../logger.ts'
import { authenticateSocket, type SocketData } from './auth.ts'

export const boardRoom = (boardId: string) => `board:${boardId}`
/** Every board socket of a signed-in person, so a block or a role change reaches them all at once. */
const userRoom = (userId: string) => `user:${userId}`

/** A socket may hold a few boards at once (a page and its previews), not the whole site. */
export const MAX_BOARDS_PER_SOCKET = 10

type Ack = (reply: { ok: true; access: BoardAccess } | { ok: false; error: { code: string; message: string } }) => void
/** `guestTokens`: the guest cookie's tokens (one per session the browser joined); the guest of the first board joined with one of them becomes the socket's guest. */
type BoardSocketData = SocketData & { guest: GuestActor | null; guestTokens: string[]; boards: Map<string, BoardAccess> }
/** Express's compiled `trust proxy` (`app.get('trust proxy fn')`): which hops may tell the client's address. */
export type TrustProxy = (address: string, hop: number) => boolean


const boardIdSchema = z.uuid()
const guestHandshake = z.object({ guest: guestJoinSchema }).passthrough()

const actorOf = (socket: Socket): BoardActor => {
  const data = socket.data as BoardSocketData
  return data.guest ?? data.user
}

/** Who a socket's edits are credited to (ADR 022): its authenticated person or guest, never what it writes in the document. */
const writerOf = (socket: Socket | undefined): Writer | null => {
  const data = socket?.data as BoardSocketData | undefined
  if (data?.guest) return { participantId: data.guest.participantId }
  if (data?.user) return { userId: data.user.id }
  return null
}

/** Computed once per socket (cursors move often); forgotten when the person changes (refreshUser). */
const identities = new WeakMap<Socket, AwarenessIdentity>()

/** The name, role and colour others see on this socket's cursor: from its identity, whatever the client sent. */
function identityOf(socket: Socket): AwarenessIdentity {
  const known = identities.get(socket)
  if (known) return known
  const data = socket.data as BoardSocketData
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
async function authenticateBoardSocket(socket: Socket, next: (err?: Error) => void, trustProxy: TrustProxy) {
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
      socket.data = { user: null, sessionId: null, guest, guestTokens: [], boards: new Map() } satisfies BoardSocketData
      return next()
    }
    await authenticateSocket(socket, (err) => {
      if (!err) socket.data = { ...(socket.data as SocketData), guest: null, guestTokens, boards: new Map() } satisfies BoardSocketData
      next(err)
    })
  } catch (error) {
    next(error as Error)
  }
}

/** A socket without a person or a guest yet, with the guest cookie: the guest of this board's session, if it holds one. */
async function bindGuest(socket: Socket, boardId: string) {
  const data = socket.data as BoardSocketData
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
 * may do what comes from `boardAccess` (the permissions table plus the session's state),
 * frames are decoded completely before anything is applied, and the registry owns the
 * documents, their fan-out and their storage.
 */
export function registerBoardsNamespace(
  nsp: Namespace,
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
  nsp.use((socket, next) => authenticateBoardSocket(socket, next, trustProxy))

  nsp.on('connection', (socket) => {
    const data = socket.data as BoardSocketData
    const refuse = (boardId: string | null, code: string, message: string) => socket.emit('board:error', { boardId, code, message })
    if (data.user) void socket.join(userRoom(data.user.id))

    socket.on('board:join', async (boardId: unknown, ack: unknown) => {
      const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {}
      const fail = (code: string, message: string) => reply({ ok: false, error: { code, message } })
      if (!boardIdSchema.safeParse(boardId).success) return fail('validation', 'boardId must be a board id')
      const id = boardId as string
      if (!data.boards.has(id) && data.boards.size >= MAX_BOARDS_PER_SOCKET) return fail('too_many_boards', `at most ${MAX_BOARDS_PER_SOCKET} boards per connection`)
      try {
        await bindGuest(socket, id)
        const context = await getBoardContext(id)
        const access = context ? boardAccess(actorOf(socket), context) : null
        if (!context || !access) return fail('not_found', 'no such board')
        const board = await registry.acquire(id)
        if (!socket.connected) return registry.scheduleUnload(board)
        watchWriters(board, (origin) => writerOf(nsp.sockets.get(origin)), logger)
        board.sockets.add(socket.id)
        registry.scheduleUnload(board)
        data.boards.set(id, access)
        await socket.join(boardRoom(id))
        reply({ ok: true, access })
        // After the ack, so the client knows it has joined when our step 1 arrives.
        socket.emit('y', id, syncStep1Frame(board.doc))
        const states = [...board.awareness.getStates().keys()]
        if (states.length > 0) socket.emit('y', id, awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(board.awareness, states)))
        if (data.user && context.session?.status === 'live') {
          recordAttendance(context.session.id, data.user.id).catch((err: unknown) => logger.error({ err }, 'attendance not recorded'))
        }
      } catch (error) {
        logger.error({ err: error, boardId: id }, 'board join failed')
        fail('unavailable', 'the board could not be opened; try again')
      }
    })

    socket.on('board:leave', (boardId: unknown) => {
      if (typeof boardId === 'string' && data.boards.has(boardId)) leave(socket, boardId)
    })

    socket.on('y', (boardId: unknown, frame: unknown) => {
      const id = typeof boardId === 'string' ? boardId : null
      const access = id ? data.boards.get(id) : undefined
      if (!id || !access) return refuse(id, 'not_joined', 'join the board before sending frames')
      const bytes = asBytes(frame)
      if (!bytes) return refuse(id, 'bad_frame', 'a frame is binary')
      limiter.consume(socket.id).then(
        () => handleFrame(socket, id, bytes),
        () => refuse(id, 'rate_limited', 'too many frames; slow down'),
      )
    })

    socket.on('disconnect', () => {
      for (const id of [...data.boards.keys()]) leave(socket, id)
      void limiter.delete(socket.id)
    })

    function handleFrame(socket: Socket, id: string, bytes: Uint8Array) {
      const board = registry.get(id)
      const access = data.boards.get(id)
      if (!board || !access) return
      let parsed
      try {
        parsed = parseFrame(bytes)
      } catch (error) {
        return refuse(id, error instanceof FrameError ? error.code : 'bad_frame', (error as Error).message)
      }
      if (parsed.kind === 'step1') {
        socket.emit('y', id, syncStep2Frame(board.doc, parsed.stateVector))
      } else if (parsed.kind === 'update') {
        if (access !== 'edit') return refuse(id, 'read_only', 'you can only view this board')
        if (parsed.addsContent && !board.hasRoomFor(parsed.update.byteLength)) return refuse(id, 'board_full', 'the board is full: delete something or start another board')
        const person = data.guest ? `guest:${data.guest.participantId}` : `user:${data.user?.id}`
        if (!quota.take(person, parsed.update.byteLength)) return refuse(id, 'quota_exceeded', `you may write ${writeQuota.bytes} bytes per ${writeQuota.seconds} s; wait a moment`)
        try {
          Y.applyUpdate(board.doc, parsed.update, socket.id)
        } catch (error) {
          refuse(id, 'bad_update', 'the update was rejected')
          logger.warn({ err: error, boardId: id }, 'a board update was rejected')
        }
      } else {
        const known = board.awarenessBySocket.get(socket.id)
        const introduced = parsed.clients.filter((c) => !c.removed && !known?.has(c.clientId)).length
        if ((known?.size ?? 0) + introduced > MAX_AWARENESS_CLIENTS_PER_FRAME) return refuse(id, 'too_large', 'too many cursors on one connection')
        applyAwareness(socket, board, parsed.update, parsed.clients)
      }
    }
  })

  /** Awareness of this socket's own clients only: a frame speaking for another connection's cursor is refused whole. */
  function applyAwareness(socket: Socket, board: OpenBoard, update: Uint8Array, clients: { clientId: number; removed: boolean }[]) {
    const mine = board.awarenessBySocket.get(socket.id) ?? new Set<number>()
    for (const { clientId } of clients) {
      for (const [other, ids] of board.awarenessBySocket) {
        if (other !== socket.id && ids.has(clientId)) {
          socket.emit('board:error', { boardId: board.id, code: 'forbidden', message: 'that cursor belongs to someone else' })
          return
        }
      }
    }
    // The name, role and colour come from who this socket is, not from what it claims.
    awarenessProtocol.applyAwarenessUpdate(board.awareness, stampAwareness(update, identityOf(socket)), socket.id)
    for (const { clientId, removed } of clients) {
      if (removed) mine.delete(clientId)
      else mine.add(clientId)
    }
    board.awarenessBySocket.set(socket.id, mine)
  }

  function leave(socket: Socket, boardId: string) {
    const data = socket.data as BoardSocketData
    data.boards.delete(boardId)
    void socket.leave(boardRoom(boardId))
    const board = registry.get(boardId)
    if (!board) return
    board.sockets.delete(socket.id)
    const ids = board.awarenessBySocket.get(socket.id)
    board.awarenessBySocket.delete(socket.id)
    // Everyone sees a departed person's cursor go at once.
    if (ids?.size) awarenessProtocol.removeAwarenessStates(board.awareness, [...ids], 'server')
    registry.scheduleUnload(board)
  }

  /** Re-reads who may do what on a board for this instance's sockets (lock, start, end of a session). */
  async function refreshAccess(boardId: string) {
    const board = registry.get(boardId)
    if (!board || board.sockets.size === 0) return
    const context = await getBoardContext(boardId)
    for (const socketId of [...board.sockets]) {
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
      const data = socket?.data as BoardSocketData | undefined
      if (!socket || !data?.user) continue
      data.user = fresh
      identities.delete(socket)
      for (const boardId of [...data.boards.keys()]) {
        if (!contexts.has(boardId)) contexts.set(boardId, await getBoardContext(boardId))
        recheck(socket, boardId, contexts.get(boardId)!)
      }
    }
  }

  /** Tells one socket what it may now do on a board: board:access when that changed, board:error and out when nothing. */
  function recheck(socket: Socket, boardId: string, context: BoardContext | null) {
    const data = socket.data as BoardSocketData
    if (!data.boards.has(boardId)) return
    const access = context ? boardAccess(actorOf(socket), context) : null
    if (!access) {
      socket.emit('board:error', { boardId, code: data.guest ? 'session_ended' : 'forbidden', message: 'you no longer have access to this board' })
      leave(socket, boardId)
      if (data.guest) socket.disconnect(true)
    } else if (data.boards.get(boardId) !== access) {
      data.boards.set(boardId, access)
      socket.emit('board:access', { boardId, access })
    }
  }

  return { refreshAccess, refreshUser, leave }
}
