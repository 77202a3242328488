import { and, eq, inArray } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { boardElementWriters } from '#db/schema.ts'

/** Who wrote: a person with an account, or a guest of a session (their participant row). */
export type Writer = { userId: string } | { participantId: string }

/**
 * Records that `writer` wrote in these elements of a board (the board server calls it with the
 * identity of the socket whose update changed them). Idempotent: a writer is recorded once per element.
 */
export async function recordWriters(boardId: string, elementIds: string[], writer: Writer) {
  if (elementIds.length === 0) return
  await getDb()
    .insert(boardElementWriters)
    .values(elementIds.map((elementId) => ({ boardId, elementId, ...writer })))
    .onConflictDoNothing()
}

/** The people and guests the server saw write in these elements (what promotion credits). */
export async function writersOf(boardId: string, elementIds: string[]) {
  if (elementIds.length === 0) return { userIds: [], participantIds: [] }
  const rows = await getDb()
    .select({ userId: boardElementWriters.userId, participantId: boardElementWriters.participantId })
    .from(boardElementWriters)
    .where(and(eq(boardElementWriters.boardId, boardId), inArray(boardElementWriters.elementId, elementIds)))
  return {
    userIds: [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))],
    participantIds: [...new Set(rows.flatMap((r) => (r.participantId ? [r.participantId] : [])))],
  }
}
