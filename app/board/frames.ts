import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MAX_AWARENESS_CLIENTS_PER_FRAME, MAX_AWARENESS_STATE_BYTES, MAX_FRAME_BYTES, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './protocol.ts'

/**
 * The frames of protocol.ts, encoded and decoded (y-websocket messages, lib0): the same code in the
 * browser provider, the server, the tests and the bench.
 */

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
