import { type Db } from '#db/client.ts'
import { appendUpdate, compactBoard, loadBoard, type StoredBoard } from './board-store.ts'

export type { StoredBoard } from './board-store.ts'

/**
 * Where boards are kept, as the registry sees it: load a board, append one update, compact a
 * board's log. Another backend (another store, a queue in front of one) is a new implementation
 * of this interface handed to the registry, not an edit of the registry.
 */
export interface BoardStorage {
  /** The board as stored: a snapshot and the updates after it, read consistently. */
  load(boardId: string): Promise<StoredBoard>
  /** Stores one (merged) update; resolves once it is durable (write before relay). */
  append(boardId: string, update: Uint8Array): Promise<void>
  /** Folds the log; returns the rows folded and the bytes the board now holds (0 folded: nothing changed). */
  compact(boardId: string): Promise<{ folded: number; bytes: number }>
}

/** The database (PGlite or PostgreSQL) as board storage: an append-only log plus a snapshot (board-store.ts). */
export function databaseBoardStorage(db: Db): BoardStorage {
  return {
    load: (boardId) => loadBoard(db, boardId),
    append: async (boardId, update) => {
      await appendUpdate(db, boardId, update)
    },
    compact: (boardId) => compactBoard(db, boardId),
  }
}
