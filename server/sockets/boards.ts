import { RateLimiterMemory } from 'rate-limiter-flexible'
import { type Namespace, type Socket } from 'socket.io'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { z } from 'zod'
import { boardAccess, getBoardContext, type BoardAccess, type BoardActor } from '#app/services/boards.server.ts'
import { GUEST_COOKIE, guestFromToken, guestJoinSchema, joinSessionAsGuest, recordAttendance } from '#app/services/session-guests.server.ts'
import { type GuestActor } from '#app/services/session-view.ts'
import { readCookie } from '#app/utils/cookies.server.ts'
import { type BoardRegistry, type OpenBoard } from '../boards/board-registry.ts'
import { FrameError, MAX_AWARENESS_CLIENTS_PER_FRAME, asBytes, awarenessFrame, parseFrame, syncStep1Frame, syncStep2Frame } from '../boards/frames.ts'
import { DEFAULT_WRITE_QUOTA, WriteQuota } from '../boards/limits.ts'
import { type Logger } from '../logger.ts'
import { authenticateSocket, type SocketData } from './auth.ts'

export const boardRoom = (boardId: string) => `board:${boardId}`

/** A socket may hold a few boards at once (a page and its previews), not the whole site. */
export const MAX_BOARDS_PER_SOCKET = 10

type Ack = (reply: { ok: true; access: BoardAccess } | { ok: false; error: { code: string; message: string } }) => void
type BoardSocketData = SocketData & { guest: GuestActor | null; boards: Map<string, BoardAccess> }

const boardIdSchema = z.uuid()
const guestHandshake = z.object({ guest: guestJoinSchema }).passthrough()

const actorOf = (socket: Socket): BoardActor => {
  const data = socket.data as BoardSocketData
  return data.guest ?? data.user
}

/**
 * Guests of a live session come with the guest cookie (set by the join page) or
 * `auth: {guest: {sessionCode, name}}`; everyone else authenticates as on `/live`.
 */
async function authenticateBoardSocket(socket: Socket, next: (err?: Error) => void) {
  try {
    const cookieToken = readCookie(socket.handshake.headers.cookie, GUEST_COOKIE)
    const asked = guestHandshake.safeParse(socket.handshake.auth ?? {})
    const guest = asked.success ? (await joinSessionAsGuest(asked.data.guest).catch(() => null))?.guest : cookieToken ? await guestFromToken(cookieToken) : null
    if (asked.success && !guest) return next(new Error('session_not_live'))
    if (guest) {
      socket.data = { user: null, sessionId: null, guest, boards: new Map() } satisfies BoardSocketData
      return next()
    }
    await authenticateSocket(socket, (err) => {
      if (!err) socket.data = { ...(socket.data as SocketData), guest: null, boards: new Map() } satisfies BoardSocketData
      next(err)
    })
  } catch (error) {
    next(error as Error)
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
  { logger, framesPerSecond = 200, writeQuota = DEFAULT_WRITE_QUOTA }: { logger: Logger; framesPerSecond?: number; writeQuota?: { bytes: number; seconds: number } },
) {
  const limiter = new RateLimiterMemory({ keyPrefix: 'board-frames', points: framesPerSecond, duration: 1 })
  const quota = new WriteQuota(writeQuota.bytes, writeQuota.seconds)
  nsp.use(authenticateBoardSocket)

  nsp.on('connection', (socket) => {
    const data = socket.data as BoardSocketData
    const refuse = (boardId: string | null, code: string, message: string) => socket.emit('board:error', { boardId, code, message })

    socket.on('board:join', async (boardId: unknown, ack: unknown) => {
      const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {}
      const fail = (code: string, message: string) => reply({ ok: false, error: { code, message } })
      if (!boardIdSchema.safeParse(boardId).success) return fail('validation', 'boardId must be a board id')
      const id = boardId as string
      if (!data.boards.has(id) && data.boards.size >= MAX_BOARDS_PER_SOCKET) return fail('too_many_boards', `at most ${MAX_BOARDS_PER_SOCKET} boards per connection`)
      try {
        const context = await getBoardContext(id)
        const access = context ? boardAccess(actorOf(socket), context) : null
        if (!context || !access) return fail('not_found', 'no such board')
        const board = await registry.acquire(id)
        if (!socket.connected) return registry.scheduleUnload(board)
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
    awarenessProtocol.applyAwarenessUpdate(board.awareness, update, socket.id)
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
      if (!socket) continue
      const data = socket.data as BoardSocketData
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
  }

  return { refreshAccess, leave }
}
