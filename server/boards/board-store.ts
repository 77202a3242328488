import { and, asc, eq, gt, lte, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { type Db } from '#db/client.ts'
import { boardSnapshots, boardUpdates } from '#db/schema.ts'

/**
 * Board storage: an append-only log of Yjs updates plus one snapshot per board.
 * Compaction folds a prefix of the log into the snapshot and deletes that prefix in one
 * transaction, so a crash at any point leaves snapshot + remaining log = the whole board.
 */
export type StoredBoard = { state: Uint8Array | null; updates: Uint8Array[]; lastUpdateId: number }

/** The snapshot and the updates after it, read in one transaction so a concurrent compaction cannot split them. */
export async function loadBoard(db: Db, boardId: string): Promise<StoredBoard> {
  return db.transaction(
    async (tx) => {
      const [snapshot] = await tx.select().from(boardSnapshots).where(eq(boardSnapshots.boardId, boardId))
      const through = snapshot?.throughUpdateId ?? 0
      const rows = await tx
        .select({ id: boardUpdates.id, update: boardUpdates.update })
        .from(boardUpdates)
        .where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.id, through)))
        .orderBy(asc(boardUpdates.id))
      return { state: snapshot?.state ?? null, updates: rows.map((r) => r.update), lastUpdateId: rows.at(-1)?.id ?? through }
    },
    { isolationLevel: 'repeatable read' },
  )
}

/** The board as one Y.Doc built from storage. */
export function documentFrom(stored: StoredBoard, origin?: unknown) {
  const doc = new Y.Doc()
  doc.transact(() => {
    if (stored.state) Y.applyUpdate(doc, stored.state)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
  }, origin)
  return doc
}

export async function appendUpdate(db: Db, boardId: string, update: Uint8Array) {
  const [row] = await db.insert(boardUpdates).values({ boardId, update }).returning({ id: boardUpdates.id })
  return row.id
}

/**
 * Merges the snapshot and every update up to the newest into a new snapshot (through a
 * fresh Y.Doc, so deleted content is garbage-collected), then deletes those updates — all
 * in one transaction, under a per-board advisory lock so two instances never compact the
 * same board at once. Returns the number of updates folded in.
 */
export async function compactBoard(db: Db, boardId: string): Promise<{ folded: number; bytes: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'board:' + boardId}))`)
    const [snapshot] = await tx.select().from(boardSnapshots).where(eq(boardSnapshots.boardId, boardId))
    const through = snapshot?.throughUpdateId ?? 0
    const rows = await tx
      .select({ id: boardUpdates.id, update: boardUpdates.update })
      .from(boardUpdates)
      .where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.id, through)))
      .orderBy(asc(boardUpdates.id))
    if (rows.length === 0) return { folded: 0, bytes: snapshot?.state.byteLength ?? 0 }
    const doc = documentFrom({ state: snapshot?.state ?? null, updates: rows.map((r) => r.update), lastUpdateId: 0 })
    const state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    const newest = rows.at(-1)!.id
    await tx
      .insert(boardSnapshots)
      .values({ boardId, state, throughUpdateId: newest })
      .onConflictDoUpdate({ target: boardSnapshots.boardId, set: { state, throughUpdateId: newest, updatedAt: new Date() } })
    await tx.delete(boardUpdates).where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.id, newest)))
    return { folded: rows.length, bytes: state.byteLength }
  })
}

/** Stored size of a board: snapshot plus log, in bytes (for the benchmark and operations). */
export async function storedSize(db: Db, boardId: string) {
  const [[snapshot], [log]] = await Promise.all([
    db.select({ bytes: sql<number>`octet_length(${boardSnapshots.state})::int` }).from(boardSnapshots).where(eq(boardSnapshots.boardId, boardId)),
    db
      .select({ bytes: sql<number>`coalesce(sum(octet_length(${boardUpdates.update})), 0)::int`, updates: sql<number>`count(*)::int` })
      .from(boardUpdates)
      .where(eq(boardUpdates.boardId, boardId)),
  ])
  return { snapshot: snapshot?.bytes ?? 0, log: log.bytes, updates: log.updates }
}
