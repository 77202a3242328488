import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { ObservableV2 } from 'lib0/observable'
import type { Socket } from 'socket.io-client'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1

export type BoardAccess = 'edit' | 'view'
export type BoardStatus = 'connecting' | 'synced' | 'offline' | 'refused'
export type BoardErrorInfo = { boardId: string; code: string; message: string }

type Events = {
  status: (status: BoardStatus) => void
  access: (access: BoardAccess) => void
  error: (error: BoardErrorInfo) => void
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
    readonly socket: Socket,
    readonly boardId: string,
    readonly doc: Y.Doc,
    { awareness }: { awareness?: awarenessProtocol.Awareness } = {},
  ) {
    super()
    this.awareness = awareness ?? new awarenessProtocol.Awareness(doc)
    doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    socket.on('y', this.onFrame)
    socket.on('board:error', this.onBoardError)
    socket.on('board:access', this.onAccess)
    socket.on('connect', this.join)
    socket.on('disconnect', this.onDisconnect)
    if (socket.connected) this.join()
  }

  private setStatus(status: BoardStatus) {
    if (this.status === status) return
    this.status = status
    this.emit('status', [status])
  }

  private join = () => {
    if (this.destroyed) return
    this.setStatus('connecting')
    this.socket.emit('board:join', this.boardId, (reply: { ok: true; access: BoardAccess } | { ok: false; error: { code: string; message: string } }) => {
      if (this.destroyed) return
      if (!reply.ok) {
        this.emit('error', [{ boardId: this.boardId, ...reply.error }])
        this.setStatus('refused')
        return
      }
      this.joined = true
      this.setAccess(reply.access)
      // Our step 1: the server answers with what we lack. Its step 1 (sent on join) makes us answer with what it lacks.
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeSyncStep1(encoder, this.doc)
      this.send(encoding.toUint8Array(encoder))
      if (this.awareness.getLocalState() !== null) {
        this.send(encodeAwareness(this.awareness, [this.doc.clientID]))
      }
    })
  }

  private setAccess(access: BoardAccess) {
    if (this.access === access) return
    this.access = access
    this.emit('access', [access])
  }

  private send(frame: Uint8Array) {
    if (this.joined && this.socket.connected) this.socket.emit('y', this.boardId, frame)
  }

  private onFrame = (boardId: unknown, frame: unknown) => {
    if (boardId !== this.boardId || !(frame instanceof Uint8Array || frame instanceof ArrayBuffer)) return
    const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame)
    const decoder = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder))
      if (syncType === syncProtocol.messageYjsSyncStep2) this.setStatus('synced')
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    }
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this || this.access !== 'edit') return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    this.send(encoding.toUint8Array(encoder))
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === this) return
    this.send(encodeAwareness(this.awareness, [...added, ...updated, ...removed]))
  }

  private onBoardError = (error: BoardErrorInfo) => {
    if (error?.boardId === this.boardId) this.emit('error', [error])
  }

  private onAccess = (info: { boardId: string; access: BoardAccess }) => {
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
    if (this.joined && this.socket.connected) this.socket.emit('board:leave', this.boardId)
    this.joined = false
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.socket.off('y', this.onFrame)
    this.socket.off('board:error', this.onBoardError)
    this.socket.off('board:access', this.onAccess)
    this.socket.off('connect', this.join)
    this.socket.off('disconnect', this.onDisconnect)
    super.destroy()
  }
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}
