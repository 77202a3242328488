import { eq } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { boards, challenges, cocreationSessions, type BoardTemplate, type Challenge } from '#db/schema.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { can } from '../platform/permissions.ts'
import { isPublic } from '../challenges/phases.ts'
import { isUuid } from '../platform/schemas.ts'
import { type SessionUser } from '../platform/types.ts'
import { toSessionView, type GuestActor, type SessionView } from '../sessions/session-view.ts'

export type BoardActor = SessionUser | GuestActor | null | undefined
export type BoardAccess = 'edit' | 'view'

export type BoardContext = {
  board: typeof boards.$inferSelect
  challenge: Challenge
  session: SessionView | null
}

/** The board with its challenge and session, or not_found (also for a board the actor may not see). */
export async function getBoardContext(boardId: string): Promise<BoardContext | null> {
  if (!isUuid(boardId)) return null
  const [row] = await getDb()
    .select({ board: boards, challenge: challenges, session: cocreationSessions })
    .from(boards)
    .innerJoin(challenges, eq(challenges.id, boards.challengeId))
    .leftJoin(cocreationSessions, eq(cocreationSessions.boardId, boards.id))
    .where(eq(boards.id, boardId))
  if (!row) return null
  return { board: row.board, challenge: row.challenge, session: row.session ? toSessionView(row.session) : null }
}

/**
 * Who may do what on a board, from the permissions table and the session's state:
 * facilitators always edit; signed-in people edit while the session is live and unlocked;
 * a guest edits only the board of the live session they joined (view while it is locked);
 * everyone else who may see the challenge views. A board of a challenge the actor may not
 * see does not exist for them.
 */
export function boardAccess(actor: BoardActor, context: BoardContext): BoardAccess | null {
  const { challenge, session } = context
  if (actor?.role === 'guest') {
    // Guests only ever on a public challenge: a draft's board is not theirs to see, code or not.
    if (!session || session.id !== actor.sessionId || session.status !== 'live' || !isPublic(challenge.phase)) return null
    return can(actor, 'edit:board:session') && !session.locked ? 'edit' : 'view'
  }
  if (!canSeeChallenge(actor, challenge)) return null
  if (can(actor, 'run:session')) return 'edit'
  if (session?.status === 'live' && !session.locked && can(actor, 'edit:board')) return 'edit'
  return 'view'
}

/** The board page's data for this actor, or not_found. */
export async function getBoardForActor(actor: BoardActor, boardId: string) {
  const context = await getBoardContext(boardId)
  const access = context ? boardAccess(actor, context) : null
  if (!context || !access) throw new DomainError('not_found')
  return { ...context, access }
}

/** A new board row; its first content (the template's frames) is stored by the caller as the board's first update. */
export async function insertBoard(tx: Pick<ReturnType<typeof getDb>, 'insert'>, values: { challengeId: string; title: string; template: BoardTemplate; createdBy: string | null }) {
  const [row] = await tx.insert(boards).values(values).returning()
  return row
}
