import { useEffect, useState } from 'react'
import { type Socket } from 'socket.io-client'
import { LIVE_EVENTS, type LiveClientToServerEvents, type LiveServerToClientEvents } from '#app/board/protocol.ts'
import { type SessionView } from '#app/services/sessions/session-view.ts'

type Listener = (session: SessionView) => void
type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>

/**
 * One `/live` socket per page for session watchers (loaded only when a session is watched,
 * connecting with the page's cookies, reconnecting by itself): `session:watch` joins the
 * session's room, whose `session:state` carries the whole `SessionView` after every change the
 * facilitator makes; after a reconnect each session is watched again and its state re-read.
 */
const watchers = new Map<string, Set<Listener>>()
let socketPromise: Promise<LiveSocket> | undefined

const isView = (value: unknown): value is SessionView =>
  !!value && typeof value === 'object' && typeof (value as SessionView).id === 'string' && typeof (value as SessionView).status === 'string'

function deliver(session: unknown) {
  if (!isView(session)) return
  for (const l of watchers.get(session.id) ?? []) l(session)
}

function emitWatch(socket: LiveSocket, sessionId: string) {
  socket.emit(LIVE_EVENTS.watchSession, sessionId, (reply) => {
    if (reply?.ok) deliver(reply.session)
  })
}

function getSocket(): Promise<LiveSocket> {
  socketPromise ??= import('socket.io-client').then(({ io }) => {
    const socket = io('/live', { withCredentials: true, reconnectionDelayMax: 10_000 })
    socket.on('connect', () => {
      for (const sessionId of watchers.keys()) emitWatch(socket, sessionId)
    })
    socket.on(LIVE_EVENTS.sessionState, deliver)
    return socket
  })
  return socketPromise
}

function watch(sessionId: string, listener: Listener) {
  let set = watchers.get(sessionId)
  const first = !set
  if (!set) watchers.set(sessionId, (set = new Set()))
  set.add(listener)
  void getSocket().then((socket) => {
    if (first && socket.connected) emitWatch(socket, sessionId)
  })
  return () => {
    set.delete(listener)
    if (set.size > 0) return
    watchers.delete(sessionId)
    void getSocket().then((socket) => {
      if (!watchers.has(sessionId) && socket.connected) socket.emit(LIVE_EVENTS.unwatchSession, sessionId)
    })
  }
}

/**
 * The session as it is now: `initial` (what the page loaded) until `/live` says otherwise; when
 * the page reloads its data, that data wins again until the next live change.
 */
export function useSessionState(initial: SessionView): SessionView {
  const [live, setLive] = useState<SessionView | null>(null)
  const initialKey = JSON.stringify(initial)
  const [seenKey, setSeenKey] = useState(initialKey)
  if (seenKey !== initialKey) {
    setSeenKey(initialKey)
    setLive(null)
  }
  useEffect(() => watch(initial.id, setLive), [initial.id])
  // Live states never carry the code (anyone may watch a session); the page's own copy, if it had one, stays.
  return live && live.id === initial.id ? { ...live, code: live.code ?? initial.code } : initial
}
