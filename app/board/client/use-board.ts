import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { BoardProvider, type BoardAccess, type BoardErrorInfo, type BoardStatus, type BoardsSocket } from './board-provider.ts'
import { elementsOf, readElements, type Author, type BoardElement } from '../model.ts'
import { personColor } from '../people.ts'

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
 * sent when the socket reconnects (the provider resyncs by itself).
 */
export function useBoard({ boardId, initialAccess, initialState, me }: { boardId: string; initialAccess: BoardAccess; initialState?: string | null; me: Author }) {
  const [doc] = useState(() => {
    const created = new Y.Doc()
    const state = decodeState(initialState)
    if (state) Y.applyUpdate(created, state, 'initial')
    return created
  })
  const [awareness] = useState(() => new Awareness(doc))
  const [undoManager] = useState(() => new Y.UndoManager(elementsOf(doc), { trackedOrigins: new Set([LOCAL]), captureTimeout: 600 }))
  const [status, setStatus] = useState<BoardStatus>('connecting')
  const [access, setAccess] = useState<BoardAccess>(initialAccess)
  const [error, setError] = useState<BoardErrorInfo | null>(null)
  const color = useMemo(() => personColor(me.key), [me.key])

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

  useEffect(() => {
    let provider: BoardProvider | undefined
    let stopped = false
    void getSocket().then((socket) => {
      if (stopped) return
      provider = new BoardProvider(socket, boardId, doc, { awareness })
      setStatus(provider.status)
      provider.on('status', (next) => {
        setStatus(next)
        if (next === 'synced') setError(null)
      })
      provider.on('access', setAccess)
      provider.on('error', setError)
    })
    return () => {
      stopped = true
      provider?.destroy()
    }
  }, [boardId, doc, awareness])

  // Destroyed when the page goes away (deferred, so React's development remount keeps them alive).
  const pendingDestroy = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    if (pendingDestroy.current) clearTimeout(pendingDestroy.current)
    return () => {
      pendingDestroy.current = setTimeout(() => {
        undoManager.destroy()
        awareness.destroy()
        doc.destroy()
      }, 0)
    }
  }, [doc, awareness, undoManager])

  const peers = usePeers(awareness, doc.clientID)

  /** Runs `fn` as one local transaction: one step of undo of its own (typing that follows it is another). */
  const change = useCallback(
    (fn: (doc: Y.Doc) => void) => {
      undoManager.stopCapturing()
      doc.transact(() => fn(doc), LOCAL)
      undoManager.stopCapturing()
    },
    [doc, undoManager],
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
    status,
    access,
    readOnly: access !== 'edit',
    error,
    peers,
    me: { ...me, color },
    change,
    setCursor,
    undo: useCallback(() => undoManager.undo(), [undoManager]),
    redo: useCallback(() => undoManager.redo(), [undoManager]),
    ...undoState,
  }
}

/** A snapshot getter that returns the same array until the document changes (useSyncExternalStore needs a stable value). */
function useElementsSnapshot(doc: Y.Doc) {
  const cache = useRef<{ version: number; elements: BoardElement[] } | null>(null)
  const version = useRef(0)
  useEffect(() => {
    const bump = () => void version.current++
    doc.on('update', bump)
    return () => doc.off('update', bump)
  }, [doc])
  return useCallback(() => {
    if (!cache.current || cache.current.version !== version.current) cache.current = { version: version.current, elements: readElements(doc) }
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
