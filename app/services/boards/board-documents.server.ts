import * as Y from 'yjs'
import { readElements } from '#app/board/model.ts'

/**
 * Services read and change board documents without knowing about socket.io: the server
 * registers its in-memory board registry at start. A change goes through the open
 * document, so connected clients receive it and it is stored like any client's update.
 */
export type BoardDocuments = {
  /** A copy of the board's current document (the caller may destroy it). */
  read: (boardId: string) => Promise<Y.Doc>
  /** Applies `change` to the board's document, relays it to connected clients and stores it. */
  change: (boardId: string, change: (doc: Y.Doc) => void) => Promise<void>
  /** Runs `look` on the board's live document without copying it; `look` must not change it. */
  peek: <T>(boardId: string, look: (doc: Y.Doc) => T) => Promise<T>
  /** Tells connected clients of a board that their access may have changed (lock, end of session). */
  accessChanged: (boardId: string) => Promise<void>
  /** A person was blocked, unblocked or given another role: every board socket of theirs, on every instance, is checked again. */
  userChanged?: (userId: string) => Promise<void>
  /** Resolves once the writers this instance saw on the board are stored (promotion reads them). */
  writersSettled?: (boardId: string) => Promise<void>
}

let registered: BoardDocuments | undefined

export function setBoardDocuments(documents: BoardDocuments | undefined) {
  registered = documents
}

/** The registered board registry (tests wrap it to watch or break it). */
export function getBoardDocuments(): BoardDocuments {
  if (!registered) throw new Error('The board registry is not running')
  return registered
}

export const readBoardDocument = (boardId: string) => getBoardDocuments().read(boardId)
/** The board's notes and frames as plain objects, read from the live document without copying it. */
export const readBoardElements = (boardId: string) => getBoardDocuments().peek(boardId, readElements)
/** The board's whole state as one Yjs update (what a page sends so the board shows before the socket syncs). */
export const readBoardState = (boardId: string) => getBoardDocuments().peek(boardId, (doc) => Y.encodeStateAsUpdate(doc))
export const changeBoardDocument = (boardId: string, change: (doc: Y.Doc) => void) => getBoardDocuments().change(boardId, change)
export const boardAccessChanged = async (boardId: string) => {
  await registered?.accessChanged(boardId)
}
export const boardUserChanged = async (userId: string) => {
  await registered?.userChanged?.(userId)
}
export const boardWritersSettled = async (boardId: string) => {
  await registered?.writersSettled?.(boardId)
}

/**
 * Whether the board holds an element with this id (and type): one look at a key of the open
 * document, without copying it (`read` would encode and decode the whole board). A change that
 * writes nothing produces no update, so nothing is relayed or stored.
 */
export async function hasBoardElement(boardId: string, elementId: string, type?: 'note' | 'frame') {
  return getBoardDocuments().peek(boardId, (doc) => {
    const element = doc.getMap('elements').get(elementId) as { get?: (key: string) => unknown } | undefined
    return typeof element?.get === 'function' && (type === undefined ? ['note', 'frame'].includes(element.get('type') as string) : element.get('type') === type)
  })
}
