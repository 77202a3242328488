import { useEffect, useState } from 'react'
import { type Socket } from 'socket.io-client'
import { LIVE_EVENTS, type LiveClientToServerEvents, type LiveServerToClientEvents } from '#app/board/protocol.ts'

type State = { base: number; unread: number; arrived: number }

/**
 * The unread count, kept current by the `/live` socket: `notification:new` adds one,
 * `notification:unread` (another tab marked some read) sets it. The count from the server
 * (`initialUnread`, the root loader's) wins whenever it changes, e.g. after any form post.
 * socket.io-client is loaded lazily, so pages stay small and work before it arrives.
 */
export function useLiveNotifications(initialUnread: number, enabled = true) {
  const [state, setState] = useState<State>({ base: initialUnread, unread: initialUnread, arrived: 0 })
  let current = state
  if (state.base !== initialUnread) {
    // Adjusting state while rendering (react.dev "storing information from previous renders").
    current = { base: initialUnread, unread: initialUnread, arrived: state.arrived }
    setState(current)
  }

  useEffect(() => {
    if (!enabled) return
    let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> | undefined
    let cancelled = false
    void import('socket.io-client')
      .then(({ io }) => {
        if (cancelled) return
        // Same origin: the session cookie authenticates the handshake, and the server puts the socket in user:<id>.
        socket = io('/live', { transports: ['websocket', 'polling'], withCredentials: true })
        socket.on(LIVE_EVENTS.notification, () => setState((s) => ({ ...s, unread: s.unread + 1, arrived: s.arrived + 1 })))
        socket.on(LIVE_EVENTS.unread, (payload: { unread?: unknown }) => {
          if (typeof payload?.unread === 'number') setState((s) => ({ ...s, unread: payload.unread as number }))
        })
      })
      .catch(() => {
        // Without the live connection the count still updates on every navigation.
      })
    return () => {
      cancelled = true
      socket?.disconnect()
    }
  }, [enabled])

  return { unread: current.unread, arrived: current.arrived }
}
