import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** What everyone sees of the person behind a cursor: set by the server, never taken from the client. */
export type AwarenessIdentity = { key: string; name: string; role: string; color: string }

/**
 * Re-encodes a y-protocols awareness update with `user` replaced by the socket's identity in
 * every state it carries (a removal, `null`, stays a removal). The rest of a state (the cursor)
 * is the client's. The update has been decoded once already (app/board/protocol.ts), so it is well formed.
 */
export function stampAwareness(update: Uint8Array, identity: AwarenessIdentity): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const count = decoding.readVarUint(decoder)
  encoding.writeVarUint(encoder, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder)) // client id
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder)) // clock
    const state = JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null
    encoding.writeVarString(encoder, JSON.stringify(state === null ? null : { ...state, user: identity }))
  }
  return encoding.toUint8Array(encoder)
}
