/**
 * Services announce changes (tallies, notifications) without knowing about socket.io: the
 * server registers a publisher at start. Global like the database, because the Remix build
 * bundles its own copy of this module.
 */
export type LivePublisher = (room: string, event: string, payload: unknown) => void

const PUBLISHER = Symbol.for('cocrea.livePublisher')
type G = typeof globalThis & { [PUBLISHER]?: LivePublisher }

export function setLivePublisher(publisher: LivePublisher | undefined) {
  ;(globalThis as G)[PUBLISHER] = publisher
}

/** Sends to everyone in a `/live` room (`challenge:<id>`, `user:<id>`), on every instance; a no-op before the server starts. */
export function publishLive(room: string, event: string, payload: unknown) {
  ;(globalThis as G)[PUBLISHER]?.(room, event, payload)
}

export const rooms = {
  challenge: (id: string) => `challenge:${id}`,
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
}
