import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '#app/board/client/board-provider.ts'

/** The protocol's default frame limit. */
export const MAX_FRAME_BYTES = 1024 * 1024
/** One awareness state (a person's name, colour and cursor is about 150 bytes) … */
export const MAX_AWARENESS_STATE_BYTES = 4096
/** … and the states one frame may carry (a client sends its own). */
export const MAX_AWARENESS_CLIENTS_PER_FRAME = 4

export type ParsedFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array; addsContent: boolean }
  | { kind: 'awareness'; update: Uint8Array; clients: { clientId: number; removed: boolean }[] }

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
 * Yjs update, checked with Y.decodeUpdate), or awareness (client states as JSON).
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
    throw new Error('unknown message type')
  } catch (error) {
    if (error instanceof FrameError) throw error
    throw new FrameError('bad_frame', `the frame does not decode: ${(error as Error).message}`)
  }
}

export function syncStep1Frame(doc: Y.Doc) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function syncStep2Frame(doc: Y.Doc, stateVector: Uint8Array) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

export function updateFrame(update: Uint8Array) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function awarenessFrame(update: Uint8Array) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
