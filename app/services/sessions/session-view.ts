import { type SessionPhase, type SessionStatus } from '#app/domain/vocabulary.ts'

/** What pages, the API and live updates show of a co-creation session (client-safe: no ORM import). */
export type SessionView = {
  id: string
  challengeId: string
  boardId: string
  title: string
  agenda: string
  startsAt: string
  endsAt: string
  status: SessionStatus
  phase: SessionPhase | null
  locked: boolean
  dotBudget: number
  /** The shared countdown: `endsAt` while running, `remainingMs` while paused, both null when unset. */
  timer: { endsAt: string | null; remainingMs: number | null }
  /** The six-digit join code: only for the session's facilitators and participants, null for everyone else (ADR 022). */
  code: string | null
}

/** A guest of one live session: a nickname, a participant row, nothing else. */
export type GuestActor = {
  role: 'guest'
  participantId: string
  sessionId: string
  boardId: string
  name: string
  blockedAt?: null
}

type SessionRow = {
  id: string
  challengeId: string
  boardId: string
  title: string
  agenda: string
  startsAt: Date
  endsAt: Date
  status: SessionStatus
  phase: SessionPhase | null
  locked: boolean
  dotBudget: number
  timerEndsAt: Date | null
  timerRemainingMs: number | null
  code: string
}

export function toSessionView(row: SessionRow): SessionView {
  return {
    id: row.id,
    challengeId: row.challengeId,
    boardId: row.boardId,
    title: row.title,
    agenda: row.agenda,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    phase: row.phase,
    locked: row.locked,
    dotBudget: row.dotBudget,
    timer: { endsAt: row.timerEndsAt?.toISOString() ?? null, remainingMs: row.timerRemainingMs },
    code: row.code,
  }
}
