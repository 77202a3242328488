import { and, eq, sql } from 'drizzle-orm'
import { getDb, type Db } from '#db/client.ts'
import { cocreationSessions, sessionDotVotes, sessionParticipants, type CocreationSession } from '#db/schema.ts'
import { hasBoardElement } from '../boards/board-documents.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'
import { loadSession, type Participant } from './cocreation-sessions.server.ts'

// ——— dot votes ———

export type DotState = {
  budget: number
  /** Dots this participant placed, per note id. */
  mine: Record<string, number>
  remaining: number
  /** Everyone's dots per note: only from the reveal phase on (and after the end), null before. */
  totals: Record<string, number> | null
}

const totalsVisible = (s: Pick<CocreationSession, 'status' | 'phase'>) => s.status === 'ended' || s.phase === 'reveal'

/** The participant row of a signed-in person in a session (created on first use: they are present). */
async function participantIdFor(tx: Pick<Db, 'insert'>, sessionId: string, user: SessionUser) {
  const [row] = await tx
    .insert(sessionParticipants)
    .values({ sessionId, userId: user.id })
    .onConflictDoUpdate({ target: [sessionParticipants.sessionId, sessionParticipants.userId], set: { lastSeenAt: new Date() } })
    .returning({ id: sessionParticipants.id })
  return row.id
}

async function existingParticipantId(participant: Participant | null | undefined, sessionId: string): Promise<string | null> {
  if (!participant) return null
  if (participant.role === 'guest') return participant.sessionId === sessionId ? participant.participantId : null
  const [row] = await getDb()
    .select({ id: sessionParticipants.id })
    .from(sessionParticipants)
    .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, participant.id)))
  return row?.id ?? null
}

/** Everyone's dots per note of a session. */
export async function totalsOf(sessionId: string, db: Pick<Db, 'select'> = getDb()) {
  const rows = await db
    .select({ noteId: sessionDotVotes.noteId, dots: sql<number>`sum(${sessionDotVotes.count})::int` })
    .from(sessionDotVotes)
    .where(eq(sessionDotVotes.sessionId, sessionId))
    .groupBy(sessionDotVotes.noteId)
  return Object.fromEntries(rows.map((r) => [r.noteId, r.dots]))
}

async function stateFor(sessionRow: CocreationSession, participantId: string | null, db: Pick<Db, 'select'> = getDb()): Promise<DotState> {
  const [mineRows, totals] = await Promise.all([
    participantId
      ? db
          .select({ noteId: sessionDotVotes.noteId, count: sessionDotVotes.count })
          .from(sessionDotVotes)
          .where(and(eq(sessionDotVotes.sessionId, sessionRow.id), eq(sessionDotVotes.participantId, participantId)))
      : Promise.resolve([]),
    totalsVisible(sessionRow) ? totalsOf(sessionRow.id, db) : Promise.resolve(null),
  ])
  const mine = Object.fromEntries(mineRows.map((r) => [r.noteId, r.count]))
  const used = mineRows.reduce((sum, r) => sum + r.count, 0)
  return { budget: sessionRow.dotBudget, mine, remaining: Math.max(0, sessionRow.dotBudget - used), totals }
}

/** What this participant has placed and has left; everyone's totals only once they are revealed. */
export async function getDotState(participant: Participant | null | undefined, sessionId: string): Promise<DotState> {
  const { session } = await loadSession(participant, sessionId)
  return stateFor(session, await existingParticipantId(participant, session.id))
}

/**
 * Places (+1) or withdraws (−1) one dot on a note, in the voting phase of a live session. In one
 * transaction: lock the participant's row, so one person's dots are counted one change after
 * another on every engine; read what they have placed; refuse beyond the budget; write one row
 * per participant × note (deleted when its last dot is withdrawn).
 */
export async function voteOnNote(participant: Participant | null | undefined, sessionId: string, noteId: string, delta: 1 | -1): Promise<DotState> {
  const who = requirePermission(participant, 'vote:session')
  const { session } = await loadSession(who, sessionId)
  if (session.status !== 'live' || session.phase !== 'voting') throw new DomainError('outside_phase', 'sessions.errors.notVoting')
  // One key of the open document, not a copy of the whole board.
  if (delta === 1 && !(await hasBoardElement(session.boardId, noteId, 'note'))) throw new DomainError('not_found', 'sessions.errors.noSuchNote')
  return getDb().transaction(async (tx) => {
    const participantId = who.role === 'guest' ? who.participantId : await participantIdFor(tx, session.id, who)
    const [locked] = await tx.select({ id: sessionParticipants.id }).from(sessionParticipants).where(eq(sessionParticipants.id, participantId)).for('update')
    if (!locked) throw new DomainError('not_found')
    // Read after taking the lock: the phase may have changed, and this person's earlier dots have committed.
    const [current] = await tx.select().from(cocreationSessions).where(eq(cocreationSessions.id, session.id))
    if (current.status !== 'live' || current.phase !== 'voting') throw new DomainError('outside_phase', 'sessions.errors.notVoting')
    const mine = await tx
      .select({ noteId: sessionDotVotes.noteId, count: sessionDotVotes.count })
      .from(sessionDotVotes)
      .where(and(eq(sessionDotVotes.sessionId, session.id), eq(sessionDotVotes.participantId, participantId)))
    const used = mine.reduce((sum, r) => sum + r.count, 0)
    const onNote = mine.find((r) => r.noteId === noteId)?.count ?? 0
    const key = and(eq(sessionDotVotes.sessionId, session.id), eq(sessionDotVotes.participantId, participantId), eq(sessionDotVotes.noteId, noteId))
    if (delta === 1) {
      if (used + 1 > current.dotBudget) throw new DomainError('over_budget', 'sessions.errors.noDotsLeft')
      await tx
        .insert(sessionDotVotes)
        .values({ sessionId: session.id, participantId, noteId, count: 1 })
        .onConflictDoUpdate({ target: [sessionDotVotes.sessionId, sessionDotVotes.participantId, sessionDotVotes.noteId], set: { count: sql`${sessionDotVotes.count} + 1` } })
    } else if (onNote > 1) {
      await tx.update(sessionDotVotes).set({ count: onNote - 1 }).where(key)
    } else if (onNote === 1) {
      await tx.delete(sessionDotVotes).where(key)
    }
    return stateFor(current, participantId, tx)
  })
}

/** Counts a signed-in person as present (the join page calls it; the board socket does too). */
export async function markPresent(user: SessionUser, sessionId: string) {
  await participantIdFor(getDb(), sessionId, user)
}
