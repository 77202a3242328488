import { randomInt } from 'node:crypto'
import { and, asc, desc, eq, ne } from 'drizzle-orm'
import { templateLayouts, templateUpdate, type TemplateLabels } from '#app/board/model.ts'
import { getT } from '#app/i18n/i18n.ts'
import { getDb, type Db } from '#db/client.ts'
import { type Language, type SessionPhase } from '#app/domain/vocabulary.ts'
import { auditLog, boardUpdates, challenges, cocreationSessions, sessionParticipants, users, type Challenge, type CocreationSession } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { boardAccessChanged } from '../boards/board-documents.server.ts'
import { insertBoard } from '../boards/boards.server.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { publishLive, rooms } from '../notifications/live.server.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { checkSessionCodeLookup, countWrongSessionCode } from '../platform/rate-limits.server.ts'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { type ScheduleSessionInput, type TimerInput } from './session-schemas.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'
import { toSessionView, type GuestActor, type SessionView } from './session-view.ts'
import { type Actor } from '../platform/types.ts'
import { isUuid } from '../platform/schemas.ts'

/**
 * Co-creation sessions: reading them (who may see one, and its join code), scheduling, and
 * running them (start, end, timer, phase, lock). Dot votes, promotion of notes to ideas and the
 * summary and exports are beside it (session-dots, session-promotion, session-summary).
 */

/** Who may place dots: a signed-in person or a guest of the session. */
export type Participant = SessionUser | GuestActor

/** The audit log's entity type of a session. */
export const ENTITY = 'cocreation_session'

// ——— reading ———

type Loaded = { session: CocreationSession; challenge: Challenge }

async function load(id: string, db: Pick<Db, 'select'> = getDb()): Promise<Loaded | null> {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ session: cocreationSessions, challenge: challenges })
    .from(cocreationSessions)
    .innerJoin(challenges, eq(challenges.id, cocreationSessions.challengeId))
    .where(eq(cocreationSessions.id, id))
  return row ?? null
}

function mayRead(actor: Actor | GuestActor, loaded: Loaded) {
  if (actor?.role === 'guest') return actor.sessionId === loaded.session.id
  return canSeeChallenge(actor, loaded.challenge)
}

/** A session the actor may see (guests: only their own), or not_found. */
export async function loadSession(actor: Actor | GuestActor, id: string): Promise<Loaded> {
  const loaded = await load(id)
  if (!loaded || !mayRead(actor, loaded)) throw new DomainError('not_found')
  return loaded
}

export async function getSession(actor: Actor | GuestActor, id: string): Promise<SessionView> {
  return sessionForReader(actor, toSessionView((await loadSession(actor, id)).session))
}

/**
 * Whether this reader may know the session's join code: its facilitators (who may run sessions)
 * and its participants (a guest of it, or a person who has joined it). Everyone else could use
 * the code only to walk in as a guest without having been invited.
 */
export async function mayKnowCode(actor: Actor | GuestActor, sessionId: string): Promise<boolean> {
  if (!actor) return false
  if (actor.role === 'guest') return actor.sessionId === sessionId
  if (can(actor, 'run:session')) return true
  const [row] = await getDb()
    .select({ id: sessionParticipants.id })
    .from(sessionParticipants)
    .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, actor.id)))
  return !!row
}

/** The session as this reader may see it: without the code unless they may know it. */
export async function sessionForReader(actor: Actor | GuestActor, view: SessionView): Promise<SessionView> {
  return (await mayKnowCode(actor, view.id)) ? view : { ...view, code: null }
}

/** Sessions of a challenge, soonest first (the challenge page lists them). */
export async function listChallengeSessions(challengeId: string): Promise<SessionView[]> {
  const rows = await getDb().select().from(cocreationSessions).where(eq(cocreationSessions.challengeId, challengeId)).orderBy(asc(cocreationSessions.startsAt), asc(cocreationSessions.id))
  return rows.map(toSessionView)
}

/**
 * The session that has not ended with this six-digit code, or null. Wrong codes are counted per
 * address (`ip`), and an address with too many is refused (`rate_limited`) for a while.
 */
export async function findSessionByCode(code: string, ip: string): Promise<SessionView | null> {
  if (!/^\d{6}$/.test(code)) return null
  await checkSessionCodeLookup(ip)
  const [row] = await getDb()
    .select()
    .from(cocreationSessions)
    .where(and(eq(cocreationSessions.code, code), ne(cocreationSessions.status, 'ended')))
  if (!row) await countWrongSessionCode(ip)
  return row ? toSessionView(row) : null
}

/** Tells every watcher of the session (`session:<id>` on /live) its new state. */
function announce(row: CocreationSession) {
  const view = toSessionView(row)
  // Anyone who may see the session may watch it: the code stays out of what they hear.
  publishLive(rooms.session(row.id), LIVE_EVENTS.sessionState, { ...view, code: null })
  return view
}

// ——— scheduling ———

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0')

function pgErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  }
  return undefined
}

/** The template's frame labels in the scheduler's language (`boards.templates.<template>.frames.<label>`). */
export function templateLabels(template: ScheduleSessionInput['template'], lang: Language): TemplateLabels {
  const t = getT(lang)
  return Object.fromEntries(templateLayouts[template].map((f) => [f.label, t(`boards.templates.${template}.frames.${f.label}`, { defaultValue: f.label })]))
}

/**
 * A facilitator schedules a session for a challenge: a board from the template (its frames are
 * the board's first stored update), the session with a six-digit code unique among sessions
 * that have not ended (drawn again on the rare collision), and the audit record.
 */
export async function scheduleSession(actor: Actor, challenge: Challenge, input: ScheduleSessionInput, lang: Language = 'es'): Promise<SessionView> {
  const user = requirePermission(actor, 'run:session')
  if (!canSeeChallenge(user, challenge)) throw new DomainError('not_found')
  if (challenge.phase === 'closed') throw new DomainError('outside_phase', 'sessions.errors.challengeClosed')
  // A session brings in guests with a code: only once the challenge is public.
  if (challenge.phase === 'draft') throw new DomainError('outside_phase', 'sessions.errors.challengeDraft')
  const first = templateUpdate(input.template, templateLabels(input.template, lang), { key: `user:${user.id}`, name: user.name })
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await getDb().transaction(async (tx) => {
        const board = await insertBoard(tx, { challengeId: challenge.id, title: input.title, template: input.template, createdBy: user.id })
        await tx.insert(boardUpdates).values({ boardId: board.id, update: first })
        const [session] = await tx
          .insert(cocreationSessions)
          .values({
            challengeId: challenge.id,
            boardId: board.id,
            title: input.title,
            agenda: input.agenda,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            dotBudget: input.dotBudget,
            code: newCode(),
            createdBy: user.id,
          })
          .returning()
        await recordAudit(tx, {
          actorId: user.id,
          action: 'session.schedule',
          entityType: ENTITY,
          entityId: session.id,
          after: { challengeId: challenge.id, boardId: board.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt, template: input.template, dotBudget: session.dotBudget },
        })
        return session
      })
      return toSessionView(row)
    } catch (error) {
      // 23505: the code is taken by another session that has not ended; draw again.
      if (pgErrorCode(error) === '23505' && attempt < 10) continue
      throw error
    }
  }
}

// ——— running: every change locks the row, checks the status, writes, audits, announces ———

type Change = { set: Partial<typeof cocreationSessions.$inferInsert>; audit: { before?: unknown; after?: unknown } }

async function runChange(actor: Actor, id: string, action: string, decide: (session: CocreationSession, now: Date) => Change) {
  const user = requirePermission(actor, 'run:session')
  const loaded = await loadSession(user, id)
  const row = await getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(cocreationSessions).where(eq(cocreationSessions.id, loaded.session.id)).for('update')
    const now = new Date()
    const { set, audit } = decide(current, now)
    const [after] = await tx.update(cocreationSessions).set(set).where(eq(cocreationSessions.id, current.id)).returning()
    await recordAudit(tx, { actorId: user.id, action, entityType: ENTITY, entityId: current.id, ...audit })
    return after
  })
  return row
}

const requireLive = (session: CocreationSession) => {
  if (session.status !== 'live') throw new DomainError('outside_phase', 'sessions.errors.notLive')
}

/** Goes live: scheduled → live, in the silent phase. Guests may join from now on. */
export async function startSession(actor: Actor, id: string): Promise<SessionView> {
  const row = await runChange(actor, id, 'session.start', (s, now) => {
    if (s.status !== 'scheduled') throw new DomainError('conflict', 'sessions.errors.notScheduled')
    return { set: { status: 'live', phase: 'silent', startedAt: now }, audit: { before: { status: s.status }, after: { status: 'live', phase: 'silent' } } }
  })
  await boardAccessChanged(row.boardId)
  return announce(row)
}

/** Ends a live (or cancels a scheduled) session: guests lose access, the board becomes read-only for participants. */
export async function endSession(actor: Actor, id: string): Promise<SessionView> {
  const row = await runChange(actor, id, 'session.end', (s, now) => {
    if (s.status === 'ended') throw new DomainError('conflict', 'sessions.errors.alreadyEnded')
    return { set: { status: 'ended', endedAt: now, timerEndsAt: null, timerRemainingMs: null }, audit: { before: { status: s.status, phase: s.phase }, after: { status: 'ended' } } }
  })
  await boardAccessChanged(row.boardId)
  return announce(row)
}

/** The shared countdown: start with minutes, pause (keeps what remains), resume, reset. */
export async function setTimer(actor: Actor, id: string, input: TimerInput): Promise<SessionView> {
  const row = await runChange(actor, id, 'session.timer', (s, now) => {
    requireLive(s)
    const before = { endsAt: s.timerEndsAt, remainingMs: s.timerRemainingMs }
    let set: Change['set']
    switch (input.action) {
      case 'start':
        set = { timerEndsAt: new Date(now.getTime() + Math.round((input.minutes ?? 5) * 60_000)), timerRemainingMs: null }
        break
      case 'pause':
        if (!s.timerEndsAt) throw new DomainError('conflict', 'sessions.errors.timerNotRunning')
        set = { timerEndsAt: null, timerRemainingMs: Math.max(0, s.timerEndsAt.getTime() - now.getTime()) }
        break
      case 'resume':
        if (s.timerRemainingMs === null) throw new DomainError('conflict', 'sessions.errors.timerNotPaused')
        set = { timerEndsAt: new Date(now.getTime() + s.timerRemainingMs), timerRemainingMs: null }
        break
      case 'reset':
        set = { timerEndsAt: null, timerRemainingMs: null }
        break
    }
    return { set, audit: { before, after: { action: input.action, endsAt: set.timerEndsAt ?? null, remainingMs: set.timerRemainingMs ?? null } } }
  })
  return announce(row)
}

/** Switches the phase of a live session; the audit record dates each phase (the summary counts notes per phase from it). */
export async function setSessionPhase(actor: Actor, id: string, phase: SessionPhase): Promise<SessionView> {
  const row = await runChange(actor, id, 'session.phase', (s) => {
    requireLive(s)
    return { set: { phase }, audit: { before: { phase: s.phase }, after: { phase } } }
  })
  await boardAccessChanged(row.boardId)
  return announce(row)
}

/** Locks (nobody but facilitators edits) or unlocks the board of a session that has not ended. */
export async function setSessionLocked(actor: Actor, id: string, locked: boolean): Promise<SessionView> {
  const row = await runChange(actor, id, locked ? 'session.lock' : 'session.unlock', (s) => {
    if (s.status === 'ended') throw new DomainError('conflict', 'sessions.errors.alreadyEnded')
    return { set: { locked }, audit: { before: { locked: s.locked }, after: { locked } } }
  })
  await boardAccessChanged(row.boardId)
  return announce(row)
}

/** The newest audit records of a session (the session page's record of decisions). */
export async function sessionAudit(sessionId: string, limit = 50) {
  return getDb()
    .select({ action: auditLog.action, after: auditLog.after, createdAt: auditLog.createdAt, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, ENTITY), eq(auditLog.entityId, sessionId)))
    .orderBy(desc(auditLog.id))
    .limit(limit)
}
