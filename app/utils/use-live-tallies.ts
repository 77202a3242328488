import { useEffect, useRef, useState } from 'react'
import { type Socket } from 'socket.io-client'
import { LIVE_EVENTS, type LiveClientToServerEvents, type LiveServerToClientEvents, type TallyUpdate } from '#app/board/protocol.ts'

export type { TallyUpdate } from '#app/board/protocol.ts'
type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>
type Listener = { onTally: (update: TallyUpdate) => void; onReconnect: () => void }

/**
 * One `/live` socket per page, shared by every component that watches a challenge. socket.io
 * is loaded only when something watches (it is not part of the first page load), connects
 * with the session cookie, and reconnects by itself; after a reconnect every watched
 * challenge is watched again and the watchers are told, so they can reload what they missed.
 */
const watchers = new Map<string, Set<Listener>>()
let socketPromise: Promise<LiveSocket> | undefined

function getSocket(): Promise<LiveSocket> {
  socketPromise ??= import('socket.io-client').then(({ io }) => {
    const socket = io('/live', { withCredentials: true, reconnectionDelayMax: 10_000 })
    let connectedBefore = false
    socket.on('connect', () => {
      for (const challengeId of watchers.keys()) socket.emit(LIVE_EVENTS.watchChallenge, challengeId, () => {})
      if (connectedBefore) for (const set of watchers.values()) for (const l of set) l.onReconnect()
      connectedBefore = true
    })
    socket.on(LIVE_EVENTS.tally, (update) => {
      if (!update || typeof update.ideaId !== 'string' || typeof update.votes !== 'number') return
      const targets = update.challengeId ? [watchers.get(update.challengeId)] : [...watchers.values()]
      for (const set of targets) for (const l of set ?? []) l.onTally(update)
    })
    return socket
  })
  return socketPromise
}

function watch(challengeId: string, listener: Listener) {
  let set = watchers.get(challengeId)
  const first = !set
  if (!set) watchers.set(challengeId, (set = new Set()))
  set.add(listener)
  let stopped = false
  void getSocket().then((socket) => {
    if (!stopped && first && socket.connected) socket.emit(LIVE_EVENTS.watchChallenge, challengeId, () => {})
  })
  return () => {
    stopped = true
    set.delete(listener)
    if (set.size > 0) return
    watchers.delete(challengeId)
    void getSocket().then((socket) => {
      if (!watchers.has(challengeId) && socket.connected) socket.emit(LIVE_EVENTS.unwatchChallenge, challengeId)
    })
  }
}

/**
 * The tallies of a challenge's ideas, kept current by `tally:update` from `/live`.
 * `initial` is what the page loaded (idea id → votes); when the page reloads its data the live
 * values give way to it again. `onUpdate` hears each change (for a polite announcement).
 * `onReconnect` is called after the connection came back (e.g. to revalidate the page).
 */
export function useLiveTallies(
  challengeId: string | null | undefined,
  initial: Record<string, number>,
  { onUpdate, onReconnect }: { onUpdate?: (update: TallyUpdate) => void; onReconnect?: () => void } = {},
): Record<string, number> {
  const [live, setLive] = useState<Record<string, number>>({})
  const callbacks = useRef({ onUpdate, onReconnect })
  useEffect(() => {
    callbacks.current = { onUpdate, onReconnect }
  })

  // Fresh data from the server replaces what the socket said before it.
  const initialKey = Object.entries(initial)
    .map(([id, votes]) => `${id}:${votes}`)
    .join(',')
  const [seenKey, setSeenKey] = useState(initialKey)
  if (seenKey !== initialKey) {
    setSeenKey(initialKey)
    setLive({})
  }

  useEffect(() => {
    if (!challengeId) return
    return watch(challengeId, {
      onTally: (update) => {
        setLive((prev) => (prev[update.ideaId] === update.votes ? prev : { ...prev, [update.ideaId]: update.votes }))
        callbacks.current.onUpdate?.(update)
      },
      onReconnect: () => callbacks.current.onReconnect?.(),
    })
  }, [challengeId])

  return { ...initial, ...live }
}
