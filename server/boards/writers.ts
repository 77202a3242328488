import * as Y from 'yjs'
import { recordWriters, type Writer } from '#app/services/boards/board-writers.server.ts'
import { elementsOf } from '#app/board/model.ts'
import { type Logger } from '../logger.ts'

/**
 * Writer attribution (ADR 022): which elements a client's update wrote in, taken from the
 * transaction that applied it (never from the `writers` a client puts in the document), and
 * recorded for the identity of the socket that sent it. "Wrote" means what promotion credits:
 * the element's text changed, or the element arrived with text; moving, resizing, colouring
 * or grouping a note credits nobody.
 */

const MAX_ELEMENT_ID = 100

type Watched = { boardId: string; seen: Set<string>; pending: Promise<void> }
const watched = new WeakMap<Y.Doc, Watched>()

type Parented = { _item: { parent: unknown; parentSub: string | null } | null }
const itemOf = (type: unknown) => (type as Parented)._item

const hasText = (element: unknown) => {
  if (!(element instanceof Y.Map)) return false
  const text = element.get('text')
  return text instanceof Y.Text ? text.length > 0 : typeof text === 'string' && text.length > 0
}

/** The ids of the elements whose text this transaction changed (or that it added with text). */
export function writtenElements(transaction: Y.Transaction, doc: Y.Doc): Set<string> {
  const elements: unknown = elementsOf(doc)
  const map = elementsOf(doc)
  const ids = new Set<string>()
  for (const [type, keys] of transaction.changed) {
    if (type === elements) {
      for (const key of keys) if (key !== null && hasText(map.get(key))) ids.add(key)
      continue
    }
    // Climb to the element (a child of `elements`), remembering the element's key we came through.
    let current: unknown = type
    let via: string | null = null
    for (let depth = 0; depth < 64; depth++) {
      const item = itemOf(current)
      if (!item || item.parent === elements) break
      via = item.parentSub
      current = item.parent
    }
    const item = itemOf(current)
    if (!item || item.parent !== elements || item.parentSub === null) continue
    const wroteText = current === type ? keys.has('text') : via === 'text'
    if (wroteText) ids.add(item.parentSub)
  }
  return ids
}

/**
 * Watches a board's document once: every transaction whose origin is a socket id (a client's
 * update, see server/sockets/boards.ts) is attributed to `writerOf(origin)`, and each new
 * element × writer pair is stored (once; the in-memory set spares the database repeats).
 */
export function watchWriters(board: { id: string; doc: Y.Doc }, writerOf: (origin: string) => Writer | null, logger: Logger) {
  if (watched.has(board.doc)) return
  const state: Watched = { boardId: board.id, seen: new Set(), pending: Promise.resolve() }
  watched.set(board.doc, state)
  board.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (typeof transaction.origin !== 'string') return
    const writer = writerOf(transaction.origin)
    if (!writer) return
    const who = 'userId' in writer ? `user:${writer.userId}` : `guest:${writer.participantId}`
    // Ids longer than promotion accepts (session-schemas.ts: 100) can never be credited: not worth a row.
    const fresh = [...writtenElements(transaction, board.doc)].filter((id) => id.length <= MAX_ELEMENT_ID && !state.seen.has(`${id}|${who}`))
    if (fresh.length === 0) return
    for (const id of fresh) state.seen.add(`${id}|${who}`)
    state.pending = state.pending.then(() =>
      recordWriters(board.id, fresh, writer).catch((err: unknown) => {
        for (const id of fresh) state.seen.delete(`${id}|${who}`)
        logger.error({ err, boardId: board.id }, 'board writers not recorded')
      }),
    )
  })
}

/** Resolves once this instance has stored every writer it saw on this document so far. */
export async function writersSettled(doc: Y.Doc | undefined) {
  if (doc) await watched.get(doc)?.pending
}
