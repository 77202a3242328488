import { type ErrorCode } from '#app/services/platform/errors.ts'
import { type SessionView } from '#app/services/sessions/session-view.ts'

/**
 * The wire of `/boards` and `/live` (PROTOCOL.md, "Boards over socket.io"), in one place: event
 * names, payloads, error codes, message types and limits; frames.ts encodes and decodes them.
 * Server, browser, tests and the bench all use it, so a misspelt event or a wrong argument is a
 * type error, and the lint rule in eslint.config.js keeps wire constants out of every other file.
 * No socket.io, no DOM, no runtime imports: the `/live` hooks load it on every page, so it must
 * stay a few hundred bytes (the codec and Yjs come only with a board). The event maps are plain
 * types that `Namespace<…>` and the client `Socket<…>` take.
 */

// ---------------------------------------------------------------------------------------------
// Frames: exactly y-websocket messages, a varUint type followed by its payload (lib0); see frames.ts.

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

// ---------------------------------------------------------------------------------------------
// `/boards`

export type BoardAccess = 'edit' | 'view'

/** Why `board:join` was refused (in its ack). */
export const BOARD_JOIN_ERROR_CODES = ['validation', 'too_many_boards', 'not_found', 'unavailable'] as const
export type BoardJoinErrorCode = (typeof BOARD_JOIN_ERROR_CODES)[number]
/** Why a frame was refused, or access lost (in `board:error`). */
export const BOARD_ERROR_CODES = ['not_joined', 'bad_frame', 'too_large', 'rate_limited', 'read_only', 'board_full', 'quota_exceeded', 'bad_update', 'forbidden', 'session_ended'] as const
export type BoardErrorCode = (typeof BOARD_ERROR_CODES)[number]
/** Why the handshake was refused (the `connect_error` message), on `/boards` and `/live`. */
export const CONNECT_ERROR_CODES = ['unauthenticated', 'session_not_live', 'rate_limited'] as const
export type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number]
/** Every code a board client can be told; each has a message in `boards.errors` (es and en), which people see instead of the code. */
export type AnyBoardErrorCode = BoardJoinErrorCode | BoardErrorCode | ConnectErrorCode

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
