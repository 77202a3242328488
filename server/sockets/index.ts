import { type Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-adapter'
import { Server } from 'socket.io'
import * as Y from 'yjs'
import { setBoardDocuments } from '#app/services/boards/board-documents.server.ts'
import { setLivePublisher } from '#app/services/notifications/live.server.ts'
import { BOARD_EVENTS, BOARD_SERVER_EVENTS, type LiveServerToClientEvents } from '#app/board/protocol.ts'
import { type Db } from '#db/client.ts'
import { BoardRegistry, REMOTE, REMOTE_STATE, type BoardRegistryOptions } from '../boards/board-registry.ts'
import { databaseBoardStorage } from '../boards/board-storage.ts'
import { writersSettled } from '../boards/writers.ts'
import { isCrossSite } from '../http/security.ts'
import { type Logger } from '../logger.ts'
import { type Metrics } from '../metrics.ts'
import { boardRoom, registerBoardsNamespace, type BoardsNamespace, type TrustProxy } from './boards.ts'
import { registerLiveNamespace, type LiveNamespace } from './live.ts'

/** Tuning of the board server (tests and benchmarks change it; production uses the defaults). */
export type BoardServerOptions = Partial<Pick<BoardRegistryOptions, 'fanoutQuietRoom' | 'fanoutMsPerClient' | 'fanoutMaxMs' | 'storeMs' | 'unloadMs' | 'compactAfterUpdates' | 'compactAfterBytes' | 'maxBoardBytes'>> & {
  framesPerSecond?: number
  /** Each person's update bytes per window (server/boards/limits.ts). */
  writeQuota?: { bytes: number; seconds: number }
}

/** The Redis adapter sends server-side events as JSON, so bytes travel as base64. */
const toWire = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
const fromWire = (value: unknown) => (typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : null)

/** Services publish with a room, an event name from LIVE_EVENTS and its payload (app/services/live.server.ts). */
type LiveEmit = (event: keyof LiveServerToClientEvents, payload: unknown) => boolean

type RedisClient = {
  duplicate: () => RedisClient
  connect: () => Promise<unknown>
  quit: () => Promise<unknown>
  destroy: () => void
  isReady: boolean
  on: (event: 'error', listener: (err: unknown) => void) => unknown
}

/** Closes a Redis connection without waiting on a Redis that is away (a shutdown must not hang on it). */
const closeRedis = async (client: RedisClient) => {
  let timer: NodeJS.Timeout | undefined
  const quit = client.isReady ? client.quit().then(() => true, () => false) : Promise.resolve(false)
  const quitted = await Promise.race([quit, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000)))])
  clearTimeout(timer)
  if (!quitted) client.destroy()
}

/** socket.io on the same HTTP server as the pages; the Redis adapter when several instances share the load. */
export async function createSocketServer(
  httpServer: HttpServer,
  {
    publicUrl,
    metrics,
    redis,
    db,
    logger,
    boards: boardOptions = {},
    trustProxy,
  }: { publicUrl?: string; metrics: Metrics; redis?: RedisClient; db: Db; logger: Logger; boards?: BoardServerOptions; trustProxy?: TrustProxy },
) {
  const io = new Server(httpServer, {
    serveClient: false,
    // Board frames are limited to 1 MiB by the protocol and refused with board:error above it; a
    // larger engine limit keeps the connection open for such a refusal (above 8 MiB it is dropped).
    maxHttpBufferSize: 8 * 1024 * 1024,
    // A cross-site page must not open a socket with the person's cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin
      const expected = publicUrl ? new URL(publicUrl).origin : `http://${req.headers.host}`
      const expectedTls = `https://${req.headers.host}`
      const crossSite = origin !== undefined && origin !== expectedTls && isCrossSite(origin, undefined, expected)
      callback(null, !crossSite)
    },
  })
  const adapterClients: RedisClient[] = []
  if (redis) {
    const pub = redis.duplicate()
    const sub = redis.duplicate()
    // Their outages are reported by the main client (server/app.ts); an 'error' without a listener would end the process.
    for (const client of [pub, sub]) {
      client.on('error', (err) => logger.debug({ err }, 'redis adapter connection error'))
      // The adapter does not await its commands: one that fails while Redis is away (or at shutdown)
      // must be logged, not become an unhandled rejection that ends the process.
      const commands = client as unknown as Record<string, unknown>
      for (const name of ['publish', 'subscribe', 'pSubscribe', 'unsubscribe', 'pUnsubscribe']) {
        const original = commands[name]
        if (typeof original !== 'function') continue
        commands[name] = (...args: unknown[]) => {
          const result = (original as (...a: unknown[]) => unknown).apply(client, args)
          if (result instanceof Promise) result.catch((err: unknown) => logger.debug({ err, command: name }, 'redis adapter command failed'))
          return result
        }
      }
    }
    await Promise.all([pub.connect(), sub.connect()])
    adapterClients.push(pub, sub)
    io.adapter(createAdapter(pub, sub))
  }
  // The server's own event maps are the defaults: each namespace carries its own (app/board/protocol.ts).
  const live = io.of('/live') as unknown as LiveNamespace
  registerLiveNamespace(live)
  setLivePublisher((room, event, payload) => (live.to(room).emit as LiveEmit)(event as keyof LiveServerToClientEvents, payload))
  live.on('connection', (socket) => {
    metrics.sockets.inc({ namespace: '/live' })
    socket.on('disconnect', () => metrics.sockets.dec({ namespace: '/live' }))
  })

  const boards = io.of('/boards') as unknown as BoardsNamespace
  const scaled = adapterClients.length > 0
  const registry = new BoardRegistry({
    storage: databaseBoardStorage(db),
    logger,
    ...boardOptions,
    broadcast: (boardId, frame, exceptSocketId) => (exceptSocketId ? boards.to(boardRoom(boardId)).except(exceptSocketId) : boards.to(boardRoom(boardId))).emit(BOARD_EVENTS.frame, boardId, frame),
    broadcastLocal: (boardId, frame) => boards.local.to(boardRoom(boardId)).emit(BOARD_EVENTS.frame, boardId, frame),
    // Other instances apply each update to their copy of the board; they do not relay it (the room broadcast did).
    shareUpdate: (boardId, update) => scaled && boards.serverSideEmit(BOARD_SERVER_EVENTS.update, boardId, toWire(update)),
    requestState: (boardId) => scaled && boards.serverSideEmit(BOARD_SERVER_EVENTS.stateRequest, boardId),
  })
  const boardHandlers = registerBoardsNamespace(boards, registry, { logger, framesPerSecond: boardOptions.framesPerSecond, trustProxy, writeQuota: boardOptions.writeQuota })
  if (scaled) {
    boards.on(BOARD_SERVER_EVENTS.update, (boardId: string, update: unknown) => {
      const u = fromWire(update)
      if (u) registry.applyRemote(boardId, u, REMOTE)
    })
    boards.on(BOARD_SERVER_EVENTS.state, (boardId: string, state: unknown) => {
      const u = fromWire(state)
      if (u) registry.applyRemote(boardId, u, REMOTE_STATE)
    })
    // An instance that just loaded a board from storage may lack what another has not stored yet.
    boards.on(BOARD_SERVER_EVENTS.stateRequest, (boardId: string) => {
      const board = registry.get(boardId)
      if (board) boards.serverSideEmit(BOARD_SERVER_EVENTS.state, boardId, toWire(Y.encodeStateAsUpdate(board.doc)))
    })
    boards.on(BOARD_SERVER_EVENTS.accessChanged, (boardId: string) => void boardHandlers.refreshAccess(boardId).catch((err: unknown) => logger.error({ err }, 'board access refresh failed')))
    boards.on(BOARD_SERVER_EVENTS.userChanged, (userId: string) => void boardHandlers.refreshUser(userId).catch((err: unknown) => logger.error({ err }, 'board access refresh failed')))
  }
  setBoardDocuments({
    read: (boardId) => registry.read(boardId),
    change: (boardId, change) => registry.change(boardId, change),
    peek: (boardId, look) => registry.peek(boardId, look),
    accessChanged: async (boardId) => {
      if (scaled) boards.serverSideEmit(BOARD_SERVER_EVENTS.accessChanged, boardId)
      await boardHandlers.refreshAccess(boardId)
    },
    userChanged: async (userId) => {
      if (scaled) boards.serverSideEmit(BOARD_SERVER_EVENTS.userChanged, userId)
      await boardHandlers.refreshUser(userId)
    },
    writersSettled: (boardId) => writersSettled(registry.get(boardId)?.doc),
  })
  boards.on('connection', (socket) => {
    metrics.sockets.inc({ namespace: '/boards' })
    socket.on('disconnect', () => metrics.sockets.dec({ namespace: '/boards' }))
  })

  /** Closes the sockets (and with them the HTTP server), stores what boards hold in memory, then the adapter's Redis connections. */
  const close = async () => {
    setLivePublisher(undefined)
    setBoardDocuments(undefined)
    await new Promise<void>((resolve) => io.close(() => resolve()))
    await registry.close()
    await Promise.all(adapterClients.map(closeRedis))
  }
  return { io, close, registry }
}
