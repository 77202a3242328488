import { and, asc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { type Db } from '#db/client.ts'
import { boardSnapshots, boardUpdates } from '#db/schema.ts'
import { foldBoard, QUERY_BYTES } from './compaction.ts'

/**
 * Board storage: an append-only log of Yjs updates plus one snapshot per board.
 * Compaction rewrites the board as a few pieces at the end of the log, then deletes the folded
 * prefix in one transaction, so a crash at any point leaves snapshot + remaining log = the whole board.
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
 * PGlite answers within the same turn of the event loop, so a loop of queries would run back to
 * back in microtasks and starve HTTP; waiting for the next turn lets requests in between.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** What an empty board's snapshot holds once compaction has moved its content into pieces in the log. */
const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc())

/**
 * Compaction, built so a 10 MB board never holds the event loop (or PGlite, which runs on it)
 * for more than a few milliseconds at a time:
 *
 * 1. read the snapshot and the log in queries of about QUERY_BYTES each (no transaction: the
 *    last step checks that nobody compacted meanwhile);
 * 2. fold them in a worker thread (compaction.ts) into the garbage-collected state, cut into
 *    valid Yjs updates ("pieces") of about PIECE_BYTES;
 * 3. append the pieces to the log, a few per short query (QUERY_BYTES) — they only repeat what the log already
 *    holds, so a crash here leaves the board whole (the repeats are folded next time);
 * 4. in one short transaction under the per-board advisory lock, if the snapshot is still the one
 *    read in step 1: delete the folded rows and point the snapshot (now empty) past them.
 *
 * The board is then its pieces plus whatever was written meanwhile. Returns the rows folded and
 * the bytes of the pieces.
 */
export async function compactBoard(db: Db, boardId: string): Promise<{ folded: number; bytes: number }> {
  const [snapshot] = await db.select().from(boardSnapshots).where(eq(boardSnapshots.boardId, boardId))
  const through = snapshot?.throughUpdateId ?? 0
  const index = await db
    .select({ id: boardUpdates.id, bytes: sql<number>`octet_length(${boardUpdates.update})::int` })
    .from(boardUpdates)
    .where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.id, through)))
    .orderBy(asc(boardUpdates.id))
  if (index.length === 0) return { folded: 0, bytes: snapshot?.state.byteLength ?? 0 }
  const newest = index.at(-1)!.id
  const updates: Uint8Array[] = []
  for (let i = 0; i < index.length; ) {
    let bytes = 0
    let j = i
    while (j < index.length && (j === i || bytes + index[j].bytes <= QUERY_BYTES)) bytes += index[j++].bytes
    const rows = await db
      .select({ update: boardUpdates.update })
      .from(boardUpdates)
      .where(and(eq(boardUpdates.boardId, boardId), gte(boardUpdates.id, index[i].id), lte(boardUpdates.id, index[j - 1].id)))
      .orderBy(asc(boardUpdates.id))
    for (const row of rows) updates.push(row.update)
    i = j
    await yieldToEventLoop()
  }
  const pieces = await foldBoard(snapshot && snapshot.state.byteLength > EMPTY_STATE.byteLength ? snapshot.state : null, updates)
  const written: number[] = []
  for (let i = 0; i < pieces.length; ) {
    let bytes = 0
    let j = i
    while (j < pieces.length && (j === i || bytes + pieces[j].byteLength <= QUERY_BYTES)) bytes += pieces[j++].byteLength
    const rows = await db
      .insert(boardUpdates)
      .values(pieces.slice(i, j).map((update) => ({ boardId, update })))
      .returning({ id: boardUpdates.id })
    written.push(...rows.map((r) => r.id))
    i = j
    await yieldToEventLoop()
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'board:' + boardId}))`)
    const [now] = await tx.select({ through: boardSnapshots.throughUpdateId }).from(boardSnapshots).where(eq(boardSnapshots.boardId, boardId))
    if ((now?.through ?? 0) !== through) {
      // Another instance compacted meanwhile: our pieces repeat what it folded.
      await tx.delete(boardUpdates).where(and(eq(boardUpdates.boardId, boardId), inArray(boardUpdates.id, written)))
      return { folded: 0, bytes: 0 }
    }
    await tx
      .insert(boardSnapshots)
      .values({ boardId, state: EMPTY_STATE, throughUpdateId: newest })
      .onConflictDoUpdate({ target: boardSnapshots.boardId, set: { state: EMPTY_STATE, throughUpdateId: newest, updatedAt: new Date() } })
    await tx.delete(boardUpdates).where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.id, newest)))
    return { folded: index.length, bytes: pieces.reduce((a, p) => a + p.byteLength, 0) }
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
