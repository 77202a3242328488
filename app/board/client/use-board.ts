import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { BoardProvider, type BoardAccess, type BoardErrorInfo, type BoardStatus, type BoardsSocket } from './board-provider.ts'
import { elementsOf, readElements, type Author, type BoardElement } from '../model.ts'
import { personColor } from '../people.ts'
import { type BoardErrorCode } from '../protocol.ts'

/** Refusals that mean the changes we sent were not kept: the document is read again from the server, without them. */
const LOST_WRITES: ReadonlySet<BoardErrorCode> = new Set(['read_only', 'forbidden', 'session_ended', 'bad_update', 'board_full', 'quota_exceeded', 'not_joined'])

/** One copy of the board in this page: the document, its cursors and one's own undo history go together. */
type Copy = { doc: Y.Doc; awareness: Awareness; undoManager: Y.UndoManager }

function makeCopy(state: Uint8Array | null): Copy {
  const doc = new Y.Doc()
  if (state) Y.applyUpdate(doc, state, 'initial')
  return { doc, awareness: new Awareness(doc), undoManager: new Y.UndoManager(elementsOf(doc), { trackedOrigins: new Set([LOCAL]), captureTimeout: 600 }) }
}

/** The origin of every change made on this page: the undo manager tracks only these, so undo affects one's own changes. */
export const LOCAL = Symbol('local board change')

export type Peer = { clientId: number; key: string; name: string; color: string; cursor: { x: number; y: number } | null; self: boolean }

/** One `/boards` socket per page, shared by every board on it; socket.io-client is loaded only when a board opens. */
let socketPromise: Promise<BoardsSocket> | undefined
function getSocket(): Promise<BoardsSocket> {
  socketPromise ??= import('socket.io-client').then(({ io }) => io('/boards', { withCredentials: true, reconnectionDelayMax: 5_000 }))
  return socketPromise
}

export function decodeState(base64: string | null | undefined): Uint8Array | null {
  if (!base64) return null
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export type UseBoard = ReturnType<typeof useBoard>

/**
 * A board's document kept in step with the server: the Y.Doc (seeded with the state the page
 * loaded, so the first render — also on the server — already shows the board), the provider,
 * awareness with the person's name, colour and cursor, an undo manager for one's own changes,
 * and the connection status. Local changes made while offline stay in the document and are
 * sent when the socket reconnects (the provider resyncs by itself). On a board one may only
 * view (read only, or a session that ended) nothing changes locally, and changes the server
 * refused or will not take are dropped: the copy is made again from what the server holds.
 */
export function useBoard({
  boardId,
  initialAccess,
  initialState,
  me,
  sessionEnded = false,
}: {
  boardId: string
  initialAccess: BoardAccess
  initialState?: string | null
  me: Author
  /** The board's session has ended, as the page's live session state says. */
  sessionEnded?: boolean
}) {
  // What the server is known to hold: the page's state and every change the server sent. A
  // copy that holds refused changes is replaced by a new one made from it (and synced again).
  const [confirmed] = useState(() => {
    const shadow = new Y.Doc()
    const state = decodeState(initialState)
    if (state) Y.applyUpdate(shadow, state, 'initial')
    return shadow
  })
  const [copy, setCopy] = useState(() => makeCopy(Y.encodeStateAsUpdate(confirmed)))
  const { doc, awareness, undoManager } = copy
  const [status, setStatus] = useState<BoardStatus>('connecting')
  const [access, setAccess] = useState<BoardAccess>(initialAccess)
  const [error, setError] = useState<BoardErrorInfo | null>(null)
  /** The server told us the session ended (a guest's socket is then closed). */
  const [endedHere, setEndedHere] = useState(false)
  const color = useMemo(() => personColor(me.key), [me.key])
  // Facilitators keep editing an ended session's board; for everyone else it is over.
  const ended = endedHere || (sessionEnded && access !== 'edit')
  const readOnly = access !== 'edit' || ended

  // The elements, re-read at most once per frame however many updates arrive.
  const getElements = useElementsSnapshot(doc)
  const elements = useSyncExternalStore(
    useCallback(
      (notify) => {
        let frame = 0
        const schedule = () => {
          if (frame) return
          frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number)
        }
        const run = () => {
          frame = 0
          notify()
        }
        doc.on('update', schedule)
        return () => {
          doc.off('update', schedule)
          if (frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
        }
      },
      [doc],
    ),
    getElements,
    getElements,
  )

  const [undoState, setUndoState] = useState({ canUndo: false, canRedo: false })
  useEffect(() => {
    const update = () => setUndoState({ canUndo: undoManager.undoStack.length > 0, canRedo: undoManager.redoStack.length > 0 })
    update()
    undoManager.on('stack-item-added', update)
    undoManager.on('stack-item-popped', update)
    undoManager.on('stack-cleared', update)
    return () => {
      undoManager.off('stack-item-added', update)
      undoManager.off('stack-item-popped', update)
      undoManager.off('stack-cleared', update)
    }
  }, [undoManager])

  useEffect(() => {
    awareness.setLocalStateField('user', { name: me.name, color, key: me.key })
  }, [awareness, me.name, me.key, color])

  // Whatever the server sends is what it holds.
  useEffect(() => {
    const keep = (update: Uint8Array, origin: unknown) => {
      if (origin instanceof BoardProvider) Y.applyUpdate(confirmed, update, 'server')
    }
    doc.on('update', keep)
    return () => doc.off('update', keep)
  }, [doc, confirmed])

  useEffect(() => {
    let provider: BoardProvider | undefined
    let stopped = false
    /** Drops this copy for one made from what the server holds; a new provider syncs it (reconnecting a socket the server closed, to view). */
    const startOver = () => {
      // Only a copy with changes of its own can hold refused ones (a fresh copy never loops).
      if (stopped || !doc.store.clients.has(doc.clientID)) return false
      stopped = true
      setCopy(makeCopy(Y.encodeStateAsUpdate(confirmed)))
      return true
    }
    void getSocket().then((socket) => {
      if (stopped) return
      provider = new BoardProvider(socket, boardId, doc, { awareness })
      setStatus(provider.status)
      provider.on('status', (next) => {
        if (stopped) return
        setStatus(next)
        if (next === 'synced') setError((current) => (current && LOST_WRITES.has(current.code as BoardErrorCode) ? current : null))
      })
      provider.on('access', (next) => {
        if (!stopped) setAccess(next)
      })
      provider.on('error', (info) => {
        if (stopped) return
        if (info.code === 'session_ended') {
          setEndedHere(true)
          // The end says it all; the code itself is never shown.
          startOver()
          // The server closes a guest's socket; it does not come back by itself. Back as a visitor, the board is read again from the server.
          if (socket.connected) socket.once('disconnect', (reason) => reason === 'io server disconnect' && socket.connect())
          else socket.connect()
          return
        }
        setError(info)
        if (LOST_WRITES.has(info.code as BoardErrorCode)) startOver()
      })
      // Changes made here that the server will not take (written offline, then read only): dropped, and said so.
      provider.on('diverged', () => {
        if (startOver()) setError({ boardId, code: 'read_only', message: '' })
      })
    })
    return () => {
      stopped = true
      provider?.destroy()
    }
  }, [boardId, doc, awareness, confirmed])

  // Destroyed when the page goes away (deferred, so React's development remount keeps them alive).
  // A copy replaced by a fresh one is destroyed for good.
  const pendingDestroy = useRef<{ copy: Copy; timer: ReturnType<typeof setTimeout> } | null>(null)
  useEffect(() => {
    if (pendingDestroy.current?.copy === copy) clearTimeout(pendingDestroy.current.timer)
    return () => {
      const timer = setTimeout(() => {
        copy.undoManager.destroy()
        copy.awareness.destroy()
        copy.doc.destroy()
      }, 0)
      pendingDestroy.current = { copy, timer }
    }
  }, [copy])


  const peers = usePeers(awareness, doc.clientID)

  /**
   * Runs `fn` as one local transaction: one step of undo of its own (typing that follows it is
   * another). Nothing happens on a board one may only view: a change the server would refuse
   * is never shown.
   */
  const change = useCallback(
    (fn: (doc: Y.Doc) => void) => {
      if (readOnly) return
      undoManager.stopCapturing()
      doc.transact(() => fn(doc), LOCAL)
      undoManager.stopCapturing()
    },
    [doc, undoManager, readOnly],
  )

  const lastCursor = useRef(0)
  const setCursor = useCallback(
    (cursor: { x: number; y: number } | null) => {
      const now = Date.now()
      if (cursor && now - lastCursor.current < 50) return
      lastCursor.current = now
      const current = awareness.getLocalState()?.cursor as { x: number; y: number } | null | undefined
      if (!cursor && !current) return
      awareness.setLocalStateField('cursor', cursor ? { x: Math.round(cursor.x), y: Math.round(cursor.y) } : null)
    },
    [awareness],
  )

  return {
    doc,
    awareness,
    elements,
    status: ended ? ('ended' as const) : status,
    access,
    readOnly,
    ended,
    error,
    peers,
    me: { ...me, color },
    change,
    setCursor,
    undo: useCallback(() => void (readOnly || undoManager.undo()), [undoManager, readOnly]),
    redo: useCallback(() => void (readOnly || undoManager.redo()), [undoManager, readOnly]),
    ...undoState,
  }
}

/** A snapshot getter that returns the same array until the document changes (useSyncExternalStore needs a stable value). */
function useElementsSnapshot(doc: Y.Doc) {
  const cache = useRef<{ doc: Y.Doc; version: number; elements: BoardElement[] } | null>(null)
  const version = useRef(0)
  useEffect(() => {
    const bump = () => void version.current++
    doc.on('update', bump)
    return () => doc.off('update', bump)
  }, [doc])
  return useCallback(() => {
    if (!cache.current || cache.current.doc !== doc || cache.current.version !== version.current) cache.current = { doc, version: version.current, elements: readElements(doc) }
    return cache.current.elements
  }, [doc])
}

/** Everyone on the board (oneself first), from awareness states. */
function usePeers(awareness: Awareness, selfId: number): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([])
  useEffect(() => {
    const read = () => {
      const list: Peer[] = []
      awareness.getStates().forEach((state, clientId) => {
        const user = state?.user as { name?: unknown; color?: unknown; key?: unknown } | undefined
        if (!user || typeof user.name !== 'string') return
        const cursor = state.cursor as { x?: unknown; y?: unknown } | null | undefined
        list.push({
          clientId,
          key: typeof user.key === 'string' ? user.key : String(clientId),
          name: user.name.slice(0, 60),
          color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#475569',
          cursor: cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number' ? { x: cursor.x, y: cursor.y } : null,
          self: clientId === selfId,
        })
      })
      list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
      setPeers(list)
    }
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [awareness, selfId])
  return peers
}
