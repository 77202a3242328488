/**
 * Services announce changes (tallies, notifications) without knowing about socket.io: the
 * server registers a publisher at start.
 */
export type LivePublisher = (room: string, event: string, payload: unknown) => void

let publisher: LivePublisher | undefined

export function setLivePublisher(next: LivePublisher | undefined) {
  publisher = next
}

/** Sends to everyone in a `/live` room (`challenge:<id>`, `user:<id>`), on every instance; a no-op before the server starts. */
export function publishLive(room: string, event: string, payload: unknown) {
  publisher?.(room, event, payload)
}

export const rooms = {
  challenge: (id: string) => `challenge:${id}`,
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
}
