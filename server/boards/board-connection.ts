import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { FrameError, awarenessStatesFrame, parseFrame, syncStep2Frame, type ParsedFrame } from '#app/board/frames.ts'
import { MAX_AWARENESS_CLIENTS_PER_FRAME, type BoardAccess, type BoardErrorCode } from '#app/board/protocol.ts'
import { type Logger } from '../logger.ts'
import { stampAwareness, type AwarenessIdentity } from './awareness-identity.ts'
import { type BoardMember, type OpenBoard } from './board-registry.ts'
import { type WriteQuota } from './limits.ts'

export type Refusal = { code: BoardErrorCode; message: string }
/** What goes back to the socket after a frame: an answer, a refusal, or nothing. */
export type FrameOutcome = { answer: Uint8Array } | { refusal: Refusal } | null

/** Who is behind a connection, asked each time (a guest may be bound later, a person refreshed). */
export type ConnectionPerson = {
  /** Whose write quota an update counts against. */
  quotaKey: () => string
  /** The name, role and colour others see on this connection's cursors. */
  identity: () => AwarenessIdentity
}

type Membership = { board: OpenBoard; access: BoardAccess; cursors: Set<number> }

const refuse = (code: BoardErrorCode, message: string): FrameOutcome => ({ refusal: { code, message } })

/**
 * Whether an update without new items deletes something `doc` has not deleted (a sync step 2
 * always carries the sender's whole delete set). The document's delete set is built only for
 * an update that has deletions at all.
 */
function deletesUnknown(doc: Y.Doc, update: Uint8Array): boolean {
  const { ds } = Y.decodeUpdate(update)
  if (ds.clients.size === 0) return false
  const known = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of ds.clients) {
    const deleted = known.clients.get(client) ?? []
    for (const { clock, len } of ranges) {
      if (len > 0 && !deleted.some((d) => d.clock <= clock && d.clock + d.len >= clock + len)) return true
    }
  }
  return false
}

/**
 * One socket's standing on the boards it joined (Hocuspocus's Connection): what it may do on each
 * board and the awareness client ids it introduced there. It receives the socket's frames for
 * those boards (Hocuspocus's MessageReceiver): every frame is decoded completely before
 * anything is applied, and updates are applied with this connection's id as origin, so the
 * board knows whose change it relays and writers.ts whom to credit.
 */
export class BoardConnection implements BoardMember {
  private readonly boards = new Map<string, Membership>()

  constructor(
    /** The socket's id: the origin of its changes. */
    readonly id: string,
    private readonly person: ConnectionPerson,
    private readonly quota: WriteQuota,
    private readonly logger: Logger,
  ) {}

  get size() {
    return this.boards.size
  }

  boardIds() {
    return [...this.boards.keys()]
  }

  accessTo(boardId: string): BoardAccess | undefined {
    return this.boards.get(boardId)?.access
  }

  /** Enters an open board with this access (joining again only sets the access). */
  enter(board: OpenBoard, access: BoardAccess) {
    const found = this.boards.get(board.id)
    if (found) found.access = access
    else this.boards.set(board.id, { board, access, cursors: new Set() })
    board.connections.add(this)
  }

  /** Says whether the access changed. */
  changeAccess(boardId: string, access: BoardAccess) {
    const found = this.boards.get(boardId)
    if (!found || found.access === access) return false
    found.access = access
    return true
  }

  /** Leaves a board: everyone sees this connection's cursors go at once. Returns the board left. */
  leave(boardId: string): OpenBoard | undefined {
    const found = this.boards.get(boardId)
    if (!found) return undefined
    this.boards.delete(boardId)
    found.board.connections.delete(this)
    if (found.cursors.size > 0) awarenessProtocol.removeAwarenessStates(found.board.awareness, [...found.cursors], 'server')
    return found.board
  }

  ownsCursor(boardId: string, clientId: number) {
    return this.boards.get(boardId)?.cursors.has(clientId) ?? false
  }

  /** One frame for a board: sync and query-awareness are answered, updates and awareness applied if allowed. */
  receive(boardId: string, bytes: Uint8Array): FrameOutcome {
    const membership = this.boards.get(boardId)
    if (!membership) return refuse('not_joined', 'join the board before sending frames')
    let parsed: ParsedFrame
    try {
      parsed = parseFrame(bytes)
    } catch (error) {
      return refuse(error instanceof FrameError ? error.code : 'bad_frame', (error as Error).message)
    }
    const { board } = membership
    switch (parsed.kind) {
      case 'step1':
        return { answer: syncStep2Frame(board.doc, parsed.stateVector) }
      case 'query-awareness':
        // As y-websocket: every state this board holds (an empty update when nobody is there).
        return { answer: awarenessStatesFrame(board.awareness) }
      case 'update':
        return this.applyUpdate(membership, parsed.update, parsed.addsContent)
      case 'awareness':
        return this.applyAwareness(membership, parsed.update, parsed.clients)
    }
  }

  private applyUpdate({ board, access }: Membership, update: Uint8Array, addsContent: boolean): FrameOutcome {
    // A viewer answering our sync step 1 (as y-websocket clients do) with nothing we lack changes nothing: no refusal for that.
    if (access !== 'edit') return addsContent || deletesUnknown(board.doc, update) ? refuse('read_only', 'you can only view this board') : null
    if (addsContent && !board.hasRoomFor(update.byteLength)) return refuse('board_full', 'the board is full: delete something or start another board')
    if (!this.quota.take(this.person.quotaKey(), update.byteLength)) return refuse('quota_exceeded', `you may write ${this.quota.bytes} bytes per ${this.quota.seconds} s; wait a moment`)
    try {
      Y.applyUpdate(board.doc, update, this.id)
    } catch (error) {
      this.logger.warn({ err: error, boardId: board.id }, 'a board update was rejected')
      return refuse('bad_update', 'the update was rejected')
    }
    return null
  }

  /** Awareness of this connection's own clients only: a frame speaking for another connection's cursor is refused whole. */
  private applyAwareness({ board, cursors }: Membership, update: Uint8Array, clients: { clientId: number; removed: boolean }[]): FrameOutcome {
    const introduced = clients.filter((c) => !c.removed && !cursors.has(c.clientId)).length
    if (cursors.size + introduced > MAX_AWARENESS_CLIENTS_PER_FRAME) return refuse('too_large', 'too many cursors on one connection')
    for (const { clientId } of clients) {
      for (const other of board.connections) {
        if (other !== this && other.ownsCursor(board.id, clientId)) return refuse('forbidden', 'that cursor belongs to someone else')
      }
    }
    // The name, role and colour come from who this connection is, not from what it claims.
    awarenessProtocol.applyAwarenessUpdate(board.awareness, stampAwareness(update, this.person.identity()), this.id)
    for (const { clientId, removed } of clients) {
      if (removed) cursors.delete(clientId)
      else cursors.add(clientId)
    }
    return null
  }
}
