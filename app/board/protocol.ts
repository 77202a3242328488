import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { type ErrorCode } from '#app/services/errors.ts'
import { type SessionView } from '#app/services/session-view.ts'

/**
 * The wire of `/boards` and `/live` (PROTOCOL.md, "Boards over socket.io"), in one place: event
 * names, payloads, error codes and the y-websocket frames. Server, browser, tests and the bench
 * all use it, so a misspelt event or a wrong argument is a type error, and the lint rule in
 * eslint.config.js keeps event names out of every other file. No socket.io, no DOM: the event
 * maps are plain types that `Namespace<…>` and the client `Socket<…>` take.
 */

// ---------------------------------------------------------------------------------------------
// Frames: exactly y-websocket messages, a varUint type followed by its payload (lib0).

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
/** A client asks for everyone's awareness states; the server answers with an awareness frame. */
export const MESSAGE_QUERY_AWARENESS = 3

/** The protocol's default frame limit. */
export const MAX_FRAME_BYTES = 1024 * 1024
/** One awareness state (a person's name, colour and cursor is about 150 bytes) … */
export const MAX_AWARENESS_STATE_BYTES = 4096
/** … and the states one frame may carry (a client sends its own). */
export const MAX_AWARENESS_CLIENTS_PER_FRAME = 4

/** Bytes on the wire: Node receives a Buffer (a Uint8Array), browsers an ArrayBuffer. */
export type WireFrame = Uint8Array | ArrayBuffer

export type ParsedFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array; addsContent: boolean }
  | { kind: 'awareness'; update: Uint8Array; clients: { clientId: number; removed: boolean }[] }
  | { kind: 'query-awareness' }

export class FrameError extends Error {
  constructor(
    readonly code: 'bad_frame' | 'too_large',
    message: string,
  ) {
    super(message)
  }
}

export function asBytes(frame: unknown): Uint8Array | null {
  if (frame instanceof Uint8Array) return frame
  if (frame instanceof ArrayBuffer) return new Uint8Array(frame)
  return null
}

/**
 * Decodes a y-websocket message completely before anything is applied, so a frame that
 * does not decode changes nothing: sync step 1 (a state vector), step 2 or update (a
 * Yjs update, checked with Y.decodeUpdate), awareness (client states as JSON), or a query
 * for the awareness states.
 */
export function parseFrame(bytes: Uint8Array): ParsedFrame {
  if (bytes.byteLength > MAX_FRAME_BYTES) throw new FrameError('too_large', `frames are limited to ${MAX_FRAME_BYTES} bytes`)
  try {
    const decoder = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload)
        return { kind: 'step1', stateVector: payload }
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        const { structs } = Y.decodeUpdate(payload)
        return { kind: 'update', update: payload, addsContent: structs.length > 0 }
      }
      throw new Error('unknown sync message')
    }
    if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder)
      const inner = decoding.createDecoder(update)
      const count = decoding.readVarUint(inner)
      if (count > MAX_AWARENESS_CLIENTS_PER_FRAME) throw new FrameError('too_large', `an awareness frame carries at most ${MAX_AWARENESS_CLIENTS_PER_FRAME} states`)
      const clients = []
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(inner)
        decoding.readVarUint(inner) // clock
        const json = decoding.readVarUint8Array(inner)
        if (json.byteLength > MAX_AWARENESS_STATE_BYTES) throw new FrameError('too_large', `an awareness state is limited to ${MAX_AWARENESS_STATE_BYTES} bytes`)
        const state: unknown = JSON.parse(new TextDecoder().decode(json))
        if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('awareness state must be an object or null')
        clients.push({ clientId, removed: state === null })
      }
      return { kind: 'awareness', update, clients }
    }
    // y-websocket sends nothing after the type; anything more is not this message.
    if (type === MESSAGE_QUERY_AWARENESS && !decoding.hasContent(decoder)) return { kind: 'query-awareness' }
    throw new Error('unknown message type')
  } catch (error) {
    if (error instanceof FrameError) throw error
    throw new FrameError('bad_frame', `the frame does not decode: ${(error as Error).message}`)
  }
}

function frame(type: number, write: (encoder: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export const syncStep1Frame = (doc: Y.Doc) => frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, doc))
export const syncStep2Frame = (doc: Y.Doc, stateVector: Uint8Array) => frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector))
export const updateFrame = (update: Uint8Array) => frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update))
/** An awareness frame around an already encoded awareness update. */
export const awarenessFrame = (update: Uint8Array) => frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update))
/** An awareness frame with these clients' states (all of them by default). */
export const awarenessStatesFrame = (awareness: awarenessProtocol.Awareness, clients = [...awareness.getStates().keys()]) =>
  awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
export const queryAwarenessFrame = () => frame(MESSAGE_QUERY_AWARENESS, () => {})

/**
 * Reads a frame the other side sent: sync messages are answered through `reply` (step 1 → step 2)
 * and applied to `doc` with `origin`; awareness updates are applied to `awareness` (if given).
 * Returns the sync message type, so a client knows when it has the server's state (step 2).
 */
export function readFrame(bytes: Uint8Array, { doc, awareness, origin, reply }: { doc: Y.Doc; awareness?: awarenessProtocol.Awareness; origin: unknown; reply: (frame: Uint8Array) => void }) {
  const decoder = decoding.createDecoder(bytes)
  const type = decoding.readVarUint(decoder)
  if (type === MESSAGE_SYNC) {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    const syncType = syncProtocol.readSyncMessage(decoder, encoder, doc, origin)
    if (encoding.length(encoder) > 1) reply(encoding.toUint8Array(encoder))
    return { type, syncType }
  }
  if (type === MESSAGE_AWARENESS && awareness) awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), origin)
  return { type, syncType: null }
}

// ---------------------------------------------------------------------------------------------
// `/boards`

export type BoardAccess = 'edit' | 'view'

/** Why `board:join` was refused (in its ack). */
export type BoardJoinErrorCode = 'validation' | 'too_many_boards' | 'not_found' | 'unavailable'
/** Why a frame was refused, or access lost (in `board:error`). */
export type BoardErrorCode = 'not_joined' | 'bad_frame' | 'too_large' | 'rate_limited' | 'read_only' | 'board_full' | 'quota_exceeded' | 'bad_update' | 'forbidden' | 'session_ended'
/** Why the handshake was refused (the `connect_error` message), on `/boards` and `/live`. */
export type ConnectErrorCode = 'unauthenticated' | 'session_not_live' | 'rate_limited'

export type BoardJoinReply = { ok: true; access: BoardAccess } | { ok: false; error: { code: BoardJoinErrorCode; message: string } }
export type BoardError = { boardId: string | null; code: BoardErrorCode; message: string }
export type BoardAccessChange = { boardId: string; access: BoardAccess }
/** What the handshake's `auth` may carry: a bearer token, or a guest of a live session. */
export type BoardsHandshakeAuth = { token?: string } | { guest: { sessionCode: string; name: string } }

export const BOARD_EVENTS = {
  join: 'board:join',
  leave: 'board:leave',
  /** Frames, both ways. */
  frame: 'y',
  error: 'board:error',
  access: 'board:access',
} as const

export interface BoardsClientToServerEvents {
  [BOARD_EVENTS.join]: (boardId: string, ack: (reply: BoardJoinReply) => void) => void
  [BOARD_EVENTS.leave]: (boardId: string) => void
  [BOARD_EVENTS.frame]: (boardId: string, frame: WireFrame) => void
}

export interface BoardsServerToClientEvents {
  [BOARD_EVENTS.frame]: (boardId: string, frame: WireFrame) => void
  [BOARD_EVENTS.error]: (error: BoardError) => void
  [BOARD_EVENTS.access]: (change: BoardAccessChange) => void
}

/** Between instances (Redis adapter, JSON): bytes travel as base64. */
export const BOARD_SERVER_EVENTS = {
  update: 'board:update',
  state: 'board:state',
  stateRequest: 'board:state-request',
  accessChanged: 'board:access-changed',
  userChanged: 'board:user-changed',
} as const

export interface BoardsInterServerEvents {
  /** An update stored by another instance, for our copy of the board. */
  [BOARD_SERVER_EVENTS.update]: (boardId: string, updateBase64: string) => void
  /** Another instance's whole state of a board we just loaded. */
  [BOARD_SERVER_EVENTS.state]: (boardId: string, stateBase64: string) => void
  [BOARD_SERVER_EVENTS.stateRequest]: (boardId: string) => void
  [BOARD_SERVER_EVENTS.accessChanged]: (boardId: string) => void
  [BOARD_SERVER_EVENTS.userChanged]: (userId: string) => void
}

// ---------------------------------------------------------------------------------------------
// `/live`: tallies, session states and notifications.

export type LiveErrorCode = 'validation' | 'too_many' | 'internal' | ErrorCode
export type LiveRefusal = { ok: false; error: { code: LiveErrorCode; message: string } }
export type LiveAck = { ok: true } | LiveRefusal
export type LiveUser = { id: string; name: string; role: string }
export type TallyUpdate = { challengeId?: string; ideaId: string; votes: number }
/** A stored notification as pushed to its person's pages (the row; the text is built from `kind` in the reader's language). */
export type LiveNotification = { id: string; userId: string; kind: string; payload: unknown; link: string }

export const LIVE_EVENTS = {
  /** Who the sign-in (auth) session behind this socket is. */
  whoami: 'auth:whoami',
  watchChallenge: 'challenge:watch',
  unwatchChallenge: 'challenge:unwatch',
  watchSession: 'session:watch',
  unwatchSession: 'session:unwatch',
  tally: 'tally:update',
  sessionState: 'session:state',
  notification: 'notification:new',
  unread: 'notification:unread',
} as const

export interface LiveClientToServerEvents {
  [LIVE_EVENTS.whoami]: (ack: (reply: { ok: true; user: LiveUser | null }) => void) => void
  [LIVE_EVENTS.watchChallenge]: (challengeId: string, ack?: (reply: LiveAck) => void) => void
  [LIVE_EVENTS.unwatchChallenge]: (challengeId: string, ack?: (reply: LiveAck) => void) => void
  [LIVE_EVENTS.watchSession]: (sessionId: string, ack?: (reply: { ok: true; session: SessionView } | LiveRefusal) => void) => void
  [LIVE_EVENTS.unwatchSession]: (sessionId: string, ack?: (reply: LiveAck) => void) => void
}

export interface LiveServerToClientEvents {
  [LIVE_EVENTS.tally]: (update: TallyUpdate) => void
  [LIVE_EVENTS.sessionState]: (session: SessionView) => void
  [LIVE_EVENTS.notification]: (notification: LiveNotification) => void
  [LIVE_EVENTS.unread]: (count: { unread: number }) => void
}
