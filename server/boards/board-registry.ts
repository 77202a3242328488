import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { awarenessStatesFrame, updateFrame } from '#app/board/frames.ts'
import { type Logger } from '../logger.ts'
import { type BoardStorage } from './board-storage.ts'
import { documentFrom } from './board-store.ts'
import { DEFAULT_MAX_BOARD_BYTES } from './limits.ts'

/** Where a document change came from decides what happens to it (see OpenBoard.onUpdate). */
export const LOADED = Symbol('loaded from storage')
export const REMOTE = Symbol('relayed by another instance')
export const REMOTE_STATE = Symbol('state sent by another instance')
export const SERVER = Symbol('a service changed the board')

export type BoardRegistryOptions = {
  /** Where boards are loaded from, appended to and compacted (board-storage.ts). */
  storage: BoardStorage
  logger: Logger
  /** Sends a frame to every client of the board, on every instance, except the one socket named (its own change). */
  broadcast: (boardId: string, frame: Uint8Array, exceptSocketId?: string) => void
  /** Sends a frame to this instance's clients of the board only. */
  broadcastLocal: (boardId: string, frame: Uint8Array) => void
  /** Hands an update to the other instances' documents (Redis); a no-op with one instance. */
  shareUpdate: (boardId: string, update: Uint8Array) => void
  /** Asks the other instances for their state of a board this instance just loaded. */
  requestState: (boardId: string) => void
  /**
   * Up to this many clients, one frame per change (bench/README.md: within a few ms of a bare
   * relay at 20 and 50 clients); beyond it, what saturates the machine is the number of
   * frames the clients must decode, so changes gather for a window that grows with the room…
   */
  fanoutQuietRoom?: number
  /** …by this much per client beyond the quiet room (0: never gather)… */
  fanoutMsPerClient?: number
  /** …up to this. */
  fanoutMaxMs?: number
  /** How long updates gather before one row is written (they are relayed once it is: write before relay). */
  storeMs?: number
  /** How long a board stays in memory after its last client left. */
  unloadMs?: number
  /** Compaction runs after this many stored rows or bytes since the last one. */
  compactAfterUpdates?: number
  compactAfterBytes?: number
  /** Updates that add content are refused (`board_full`) once a board holds this many bytes (limits.ts). */
  maxBoardBytes?: number
}

/**
 * A board held in memory while anyone is connected: the Y.Doc, the awareness states of
 * this instance's clients, and the queues that turn many small updates into one frame to
 * the room and one row in storage.
 */
/** What the registry knows of a connection on a board (board-connection.ts implements it; declared here so the two files do not import each other). */
export interface BoardMember {
  ownsCursor(boardId: string, clientId: number): boolean
}

export class OpenBoard {
  readonly awareness: awarenessProtocol.Awareness
  /** This instance's connections on the board (each enters and leaves by itself, board-connection.ts). */
  readonly connections = new Set<BoardMember>()
  private fanout: Uint8Array[] = []
  /** Where the gathered changes came from: a batch from one socket is not echoed back to it. */
  private fanoutOrigins = new Set<unknown>()
  private fanoutTimer: NodeJS.Timeout | null = null
  private lastFanoutAt = 0
  private changedAwareness = new Set<number>()
  private toStore: Uint8Array[] = []
  /** Changes waiting for their row: they go to the room only once it is written, so nothing relayed can be lost by a crash. */
  private unrelayed: { update: Uint8Array; origin: unknown }[] = []
  private storeTimer: NodeJS.Timeout | null = null
  private writing: Promise<void> = Promise.resolve()
  private sinceCompaction = { updates: 0, bytes: 0 }
  private compacting: Promise<void> | null = null
  /** Bytes the board holds as stored: what was loaded, every update since, and the folded size after a compaction. */
  size: number
  unloadTimer: NodeJS.Timeout | null = null

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    private readonly options: Required<BoardRegistryOptions>,
    storedUpdates: number,
    storedBytes = 0,
  ) {
    this.size = storedBytes
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server has no cursor of its own.
    this.awareness.setLocalState(null)
    // Clients renew their state every 15 s; the server only forgets states of sockets that leave.
    clearInterval((this.awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval)
    doc.on('update', this.onUpdate)
    this.awareness.on('update', this.onAwareness)
    // A long log found on load (a crash, or another instance's writes) is folded in the background.
    if (storedUpdates >= options.compactAfterUpdates) void this.compact()
  }

  /**
   * Client and service changes are stored, then relayed (write before relay: what any client
   * has seen is on disk), and shared with other instances; a change relayed by another
   * instance was already stored there and sent to every client; a state another instance sent
   * us on load is news for our clients only.
   */
  private onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === LOADED) return
    this.size += update.byteLength
    if (origin === REMOTE) return
    if (origin === REMOTE_STATE) return this.options.broadcastLocal(this.id, updateFrame(update))
    this.unrelayed.push({ update, origin })
    this.options.shareUpdate(this.id, update)
    this.toStore.push(update)
    this.storeTimer ??= setTimeout(() => void this.flushStore(), this.options.storeMs)
  }

  /** Hands stored changes to the fan-out, one by one as they came (a quiet room gets one frame per change). */
  private relay(changes: { update: Uint8Array; origin: unknown }[]) {
    for (const { update, origin } of changes) {
      this.fanout.push(update)
      this.fanoutOrigins.add(origin)
      this.scheduleFanout()
    }
  }

  private onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    for (const id of [...added, ...updated, ...removed]) this.changedAwareness.add(id)
    this.scheduleFanout()
  }

  /**
   * Leading edge, then gather: a change goes out at once when no frame went out within the
   * window; changes that arrive inside it wait for its end and go out merged, as one frame
   * encoded once for the whole room. Rooms of up to 50 clients have no window (one frame
   * per change); beyond, it grows by 0.4 ms per client up to 50 ms, so the frames all
   * clients together must decode stay bounded however many write at once (bench/README.md).
   */
  private scheduleFanout() {
    if (this.fanoutTimer) return
    const { fanoutQuietRoom, fanoutMsPerClient, fanoutMaxMs } = this.options
    const window = Math.min(fanoutMaxMs, Math.max(0, this.connections.size - fanoutQuietRoom) * fanoutMsPerClient)
    const wait = this.lastFanoutAt + window - performance.now()
    if (wait <= 0) this.flushFanout()
    else this.fanoutTimer = setTimeout(() => this.flushFanout(), wait)
  }

  /** One merged update frame and one awareness frame to the whole room, encoded once. */
  private flushFanout() {
    this.fanoutTimer = null
    this.lastFanoutAt = performance.now()
    const updates = this.fanout
    const origins = [...this.fanoutOrigins]
    this.fanout = []
    this.fanoutOrigins.clear()
    const onlyFrom = origins.length === 1 && typeof origins[0] === 'string' ? origins[0] : undefined
    if (updates.length > 0) this.options.broadcast(this.id, updateFrame(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)), onlyFrom)
    if (this.changedAwareness.size > 0) {
      const clients = [...this.changedAwareness]
      this.changedAwareness.clear()
      this.options.broadcast(this.id, awarenessStatesFrame(this.awareness, clients))
    }
  }

  /**
   * Writes what gathered as one row, then relays it; writes of a board never overlap, and a
   * failed write is retried with the next. While the database refuses writes the room keeps
   * working: the changes are relayed anyway (every client keeps its copy and resends what the
   * server lacks when it reconnects), and stored as soon as the database is back.
   */
  flushStore(): Promise<void> {
    if (this.storeTimer) clearTimeout(this.storeTimer)
    this.storeTimer = null
    this.writing = this.writing.then(async () => {
      if (this.toStore.length === 0) return
      const batch = this.toStore
      const changes = this.unrelayed
      this.toStore = []
      this.unrelayed = []
      const merged = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch)
      try {
        await this.options.storage.append(this.id, merged)
      } catch (error) {
        this.options.logger.error({ err: error, boardId: this.id }, 'board update not stored; relayed anyway, retrying')
        this.toStore.unshift(merged)
        this.storeTimer ??= setTimeout(() => void this.flushStore(), 500)
        this.relay(changes)
        return
      }
      this.relay(changes)
      this.sinceCompaction.updates += 1
      this.sinceCompaction.bytes += merged.byteLength
      if (this.sinceCompaction.updates >= this.options.compactAfterUpdates || this.sinceCompaction.bytes >= this.options.compactAfterBytes) {
        void this.compact()
      }
    })
    return this.writing
  }

  /**
   * Whether an update of `bytes` that adds content fits under the board's cap. A full board that
   * was written since its last compaction is compacted (deleted content may free room).
   */
  hasRoomFor(bytes: number) {
    if (this.size + bytes <= this.options.maxBoardBytes) return true
    if (this.sinceCompaction.updates > 0 && !this.compacting) void this.compact()
    return false
  }

  compact(): Promise<void> {
    this.compacting ??= (async () => {
      try {
        this.sinceCompaction = { updates: 0, bytes: 0 }
        const mark = this.size
        const { folded, bytes } = await this.options.storage.compact(this.id)
        if (folded > 0) this.size = bytes + Math.max(0, this.size - mark)
      } catch (error) {
        this.options.logger.error({ err: error, boardId: this.id }, 'board compaction failed; the log is intact')
      } finally {
        this.compacting = null
      }
    })()
    return this.compacting
  }

  /** Flushes everything and waits for a running compaction. */
  async settle() {
    await this.flushStore()
    if (this.fanoutTimer) {
      clearTimeout(this.fanoutTimer)
      this.flushFanout()
    }
    await this.compacting
  }

  hasUnstoredChanges() {
    return this.toStore.length > 0 || this.sinceCompaction.updates > 0
  }

  destroy() {
    if (this.unloadTimer) clearTimeout(this.unloadTimer)
    if (this.fanoutTimer) clearTimeout(this.fanoutTimer)
    if (this.storeTimer) clearTimeout(this.storeTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/**
 * One in-memory document per open board, loaded once however many clients join at the
 * same moment, and unloaded (flushed and compacted) a grace period after the last one left.
 */
export class BoardRegistry {
  private readonly open = new Map<string, OpenBoard>()
  private readonly loading = new Map<string, Promise<OpenBoard>>()
  private readonly options: Required<BoardRegistryOptions>
  private closed = false

  constructor(options: BoardRegistryOptions) {
    this.options = { fanoutQuietRoom: 50, fanoutMsPerClient: 0.4, fanoutMaxMs: 50, storeMs: 2, unloadMs: 30_000, compactAfterUpdates: 2000, compactAfterBytes: 2_000_000, maxBoardBytes: DEFAULT_MAX_BOARD_BYTES, ...options }
  }

  get(boardId: string) {
    return this.open.get(boardId)
  }

  async acquire(boardId: string): Promise<OpenBoard> {
    if (this.closed) throw new Error('The board registry is closed')
    const found = this.open.get(boardId)
    if (found) return found
    let pending = this.loading.get(boardId)
    if (!pending) {
      pending = this.load(boardId).finally(() => this.loading.delete(boardId))
      this.loading.set(boardId, pending)
    }
    return pending
  }

  private async load(boardId: string) {
    const stored = await this.options.storage.load(boardId)
    const bytes = (stored.state?.byteLength ?? 0) + stored.updates.reduce((a, u) => a + u.byteLength, 0)
    const board = new OpenBoard(boardId, documentFrom(stored, LOADED), this.options, stored.updates.length, bytes)
    this.open.set(boardId, board)
    this.options.requestState(boardId)
    this.scheduleUnload(board)
    return board
  }

  /** Unloads the board after the grace period unless a client is (or comes) back. */
  scheduleUnload(board: OpenBoard) {
    if (board.unloadTimer) clearTimeout(board.unloadTimer)
    board.unloadTimer = null
    if (board.connections.size > 0) return
    board.unloadTimer = setTimeout(() => void this.unload(board), this.options.unloadMs)
  }

  private async unload(board: OpenBoard) {
    await board.settle()
    if (board.hasUnstoredChanges()) await board.compact()
    // Someone may have joined while we were writing.
    if (board.connections.size > 0 || this.open.get(board.id) !== board) return
    this.open.delete(board.id)
    board.destroy()
  }

  /** A change relayed by another instance: only into our copy (it has reached every client already). */
  applyRemote(boardId: string, update: Uint8Array, origin: typeof REMOTE | typeof REMOTE_STATE) {
    const board = this.open.get(boardId)
    if (board) Y.applyUpdate(board.doc, update, origin)
  }

  /** A change made by a service (promotion): relayed, shared and stored like a client's. */
  async change(boardId: string, change: (doc: Y.Doc) => void) {
    const board = await this.acquire(boardId)
    board.doc.transact(() => change(board.doc), SERVER)
    await board.flushStore()
    this.scheduleUnload(board)
  }

  async peek<T>(boardId: string, look: (doc: Y.Doc) => T): Promise<T> {
    const board = await this.acquire(boardId)
    this.scheduleUnload(board)
    return look(board.doc)
  }

  async read(boardId: string) {
    const board = await this.acquire(boardId)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(board.doc))
    this.scheduleUnload(board)
    return copy
  }

  openBoards() {
    return [...this.open.values()]
  }

  /** Stores everything still in memory; called on shutdown. */
  async close() {
    this.closed = true
    await Promise.allSettled(this.loading.values())
    await Promise.all(
      [...this.open.values()].map(async (board) => {
        await board.settle()
        board.destroy()
      }),
    )
    this.open.clear()
  }
}
