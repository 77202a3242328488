import { ObservableV2 } from 'lib0/observable'
import type { Socket } from 'socket.io-client'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { asBytes, awarenessStatesFrame, parseFrame, readFrame, syncStep1Frame, updateFrame } from '../frames.ts'
import {
  BOARD_EVENTS,
  type BoardAccess,
  type BoardAccessChange,
  type BoardError,
  type BoardJoinErrorCode,
  type BoardJoinReply,
  type BoardsClientToServerEvents,
  type BoardsServerToClientEvents,
} from '../protocol.ts'

export type { BoardAccess } from '../protocol.ts'
/** `ended`: the session of this board ended while a guest was on it; the board stays as the server had it, read only (no reconnecting). */
export type BoardStatus = 'connecting' | 'synced' | 'offline' | 'refused' | 'ended'
/** A refusal of this board: a frame (`board:error`) or the join itself. */
export type BoardErrorInfo = { boardId: string | null; code: BoardError['code'] | BoardJoinErrorCode; message: string }
/** A `/boards` socket with the protocol's events. */
export type BoardsSocket = Socket<BoardsServerToClientEvents, BoardsClientToServerEvents>

type Events = {
  status: (status: BoardStatus) => void
  access: (access: BoardAccess) => void
  error: (error: BoardErrorInfo) => void
  /** This document holds changes the server does not have and will not take (a viewer's, or refused ones): they should be dropped. */
  diverged: () => void
}

/**
 * Keeps one Y.Doc in step with one board over a `/boards` socket, exactly as PROTOCOL.md
 * says: `board:join`, then y-websocket messages (sync and awareness) in `y` events. The
 * same socket may carry several boards, one provider each. Works in the browser, in Node
 * (tests, benchmarks) and with any socket.io client.
 *
 * Local changes made while offline stay in the document; on reconnect both sides send
 * sync step 1 and answer with step 2, so each gets exactly what it lacks.
 */
export class BoardProvider extends ObservableV2<Events> {
  readonly awareness: awarenessProtocol.Awareness
  status: BoardStatus = 'connecting'
  access: BoardAccess | null = null
  private joined = false
  private destroyed = false

  constructor(
    readonly socket: BoardsSocket,
    readonly boardId: string,
    readonly doc: Y.Doc,
    { awareness }: { awareness?: awarenessProtocol.Awareness } = {},
  ) {
    super()
    this.awareness = awareness ?? new awarenessProtocol.Awareness(doc)
    doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    socket.on(BOARD_EVENTS.frame, this.onFrame)
    socket.on(BOARD_EVENTS.error, this.onBoardError)
    socket.on(BOARD_EVENTS.access, this.onAccess)
    socket.on('connect', this.join)
    socket.on('disconnect', this.onDisconnect)
    if (socket.connected) this.join()
  }

  private setStatus(status: BoardStatus) {
    // The end of a session is final for this provider: losing the socket afterwards is not "offline".
    if (this.status === status || this.status === 'ended') return
    this.status = status
    this.emit('status', [status])
  }

  private join = () => {
    if (this.destroyed) return
    this.setStatus('connecting')
    this.socket.emit(BOARD_EVENTS.join, this.boardId, (reply: BoardJoinReply) => {
      if (this.destroyed) return
      if (!reply.ok) {
        this.emit('error', [{ boardId: this.boardId, ...reply.error }])
        this.setStatus('refused')
        return
      }
      this.joined = true
      this.setAccess(reply.access)
      // Our step 1: the server answers with what we lack. Its step 1 (sent on join) makes us answer with what it lacks.
      this.send(syncStep1Frame(this.doc))
      if (this.awareness.getLocalState() !== null) {
        this.send(awarenessStatesFrame(this.awareness, [this.doc.clientID]))
      }
    })
  }

  private setAccess(access: BoardAccess) {
    if (this.access === access) return
    this.access = access
    this.emit('access', [access])
  }

  private send(frame: Uint8Array) {
    if (this.joined && this.socket.connected) this.socket.emit(BOARD_EVENTS.frame, this.boardId, frame)
  }

  private onFrame = (boardId: unknown, frame: unknown) => {
    const bytes = asBytes(frame)
    if (boardId !== this.boardId || !bytes) return
    // A viewer answers the server's step 1 with nothing: it has nothing to give (the server would refuse it as read_only),
    // but if it holds changes the server lacks (made offline, or refused), those are phantoms to drop.
    const { syncType } = readFrame(bytes, {
      doc: this.doc,
      awareness: this.awareness,
      origin: this,
      reply: (answer) => {
        if (this.access === 'edit') this.send(answer)
        else if (holdsMore(answer)) this.emit('diverged', [])
      },
    })
    if (syncType === syncProtocol.messageYjsSyncStep2) this.setStatus('synced')
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this || this.access !== 'edit') return
    this.send(updateFrame(update))
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === this) return
    this.send(awarenessStatesFrame(this.awareness, [...added, ...updated, ...removed]))
  }

  private onBoardError = (error: BoardError) => {
    if (error?.boardId !== this.boardId) return
    if (error.code === 'session_ended') {
      // The server has let go of this board for us (and closes a guest's socket): read only from here on.
      this.joined = false
      this.setAccess('view')
      this.setStatus('ended')
    }
    this.emit('error', [error])
  }

  private onAccess = (info: BoardAccessChange) => {
    if (info?.boardId === this.boardId && (info.access === 'edit' || info.access === 'view')) this.setAccess(info.access)
  }

  private onDisconnect = () => {
    this.joined = false
    this.setStatus('offline')
    // Everyone else's cursor is stale once we are cut off; ours stays to be sent again on rejoin.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID)
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this)
  }

  /** Leaves the board; the socket stays open for other boards. */
  override destroy() {
    if (this.destroyed) return
    this.destroyed = true
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'local')
    if (this.joined && this.socket.connected) this.socket.emit(BOARD_EVENTS.leave, this.boardId)
    this.joined = false
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.socket.off(BOARD_EVENTS.frame, this.onFrame)
    this.socket.off(BOARD_EVENTS.error, this.onBoardError)
    this.socket.off(BOARD_EVENTS.access, this.onAccess)
    this.socket.off('connect', this.join)
    this.socket.off('disconnect', this.onDisconnect)
    super.destroy()
  }
}

/**
 * Whether a sync step 2 frame (what we would answer the server's step 1) carries items the server
 * lacks. (Its delete set is always the whole document's, so deletions cannot be told apart.)
 */
function holdsMore(step2: Uint8Array): boolean {
  const parsed = parseFrame(step2)
  return parsed.kind === 'update' && parsed.addsContent
}
