import { randomInt } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import { templateLayouts, templateUpdate, updateElement, type BoardElement, type TemplateLabels } from '#app/board/model.ts'
import { getT } from '#app/i18n/i18n.ts'
import { getDb, type Db } from '#db/client.ts'
import { type Language, type SessionPhase } from '#app/domain/vocabulary.ts'
import {
  auditLog,
  boardUpdates,
  challenges,
  cocreationSessions,
  ideaAuthors,
  ideas,
  sessionDotVotes,
  sessionParticipants,
  sessionPromotions,
  users,
  type Challenge,
  type CocreationSession,
} from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { boardAccessChanged, boardWritersSettled, changeBoardDocument, hasBoardElement, readBoardElements } from '../boards/board-documents.server.ts'
import { writersOf } from '../boards/board-writers.server.ts'
import { insertBoard } from '../boards/boards.server.ts'
import { canSeeChallenge } from '../challenges/challenges.server.ts'
import { DomainError } from '../platform/errors.ts'
import { publishLive, rooms } from '../notifications/live.server.ts'
import { addFollow, notifyUsers } from '../notifications/notifications.server.ts'
import { can } from '../platform/permissions.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { checkSessionCodeLookup, countWrongSessionCode } from '../platform/rate-limits.server.ts'
import { type ScheduleSessionInput, type TimerInput } from './session-schemas.ts'
import { type SessionUser } from '../accounts/auth-sessions.server.ts'
import { toSessionView, type GuestActor, type SessionView } from './session-view.ts'

type Actor = SessionUser | null | undefined
/** Who may place dots: a signed-in person or a guest of the session. */
export type Participant = SessionUser | GuestActor

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ENTITY = 'cocreation_session'

// ——— reading ———

type Loaded = { session: CocreationSession; challenge: Challenge }

async function load(id: string, db: Pick<Db, 'select'> = getDb()): Promise<Loaded | null> {
  if (!UUID.test(id)) return null
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
  publishLive(rooms.session(row.id), 'session:state', { ...view, code: null })
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

async function totalsOf(sessionId: string, db: Pick<Db, 'select'> = getDb()) {
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

// ——— promotion ———

export type Promotion = { elementId: string; ideaId: string; ideaTitle: string; guestCredits: string[] }

const firstLine = (text: string) => text.trim().split(/\r?\n/)[0].trim()
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/** The guests credited on each promoted idea (by nickname), for the idea page. */
export async function guestCreditsForIdea(ideaId: string): Promise<string[]> {
  if (!UUID.test(ideaId)) return []
  const rows = await getDb().select({ credits: sessionPromotions.guestCredits }).from(sessionPromotions).where(eq(sessionPromotions.ideaId, ideaId))
  return [...new Set(rows.flatMap((r) => r.credits))]
}

/**
 * Turns a note, or a frame with its notes, into an idea of the challenge. The people the board
 * server recorded writing in it (from their sockets' identity, ADR 022) become accepted co-authors
 * (the facilitator is the author only when nobody with an account wrote it: an idea always has
 * someone who answers for it); guests are credited by nickname. The promotion row's key (session × element) refuses a second promotion,
 * also under concurrency. Then the board shows the idea on the element.
 */
export async function promoteElement(actor: Actor, sessionId: string, elementId: string, { title: givenTitle = '' }: { title?: string } = {}): Promise<Promotion> {
  const user = requirePermission(actor, 'promote:note')
  const { session, challenge } = await loadSession(user, sessionId)
  if (session.status === 'scheduled') throw new DomainError('outside_phase', 'sessions.errors.notStarted')
  const elements = await readBoardElements(session.boardId)
  const element = elements.find((e) => e.id === elementId)
  if (!element) throw new DomainError('not_found', 'sessions.errors.noSuchNote')
  if (element.ideaId) throw new DomainError('conflict', 'sessions.errors.alreadyPromoted')
  const notes = element.type === 'note' ? [element] : elements.filter((e) => e.type === 'note' && e.frameId === element.id && e.text.trim())
  const t = getT(user.language)
  let title: string
  let description: string
  if (element.type === 'note') {
    if (!element.text.trim()) throw new DomainError('validation', 'sessions.errors.emptyNote')
    title = givenTitle || clip(firstLine(element.text), 200)
    description = element.text.trim()
  } else {
    if (notes.length === 0) throw new DomainError('validation', 'sessions.errors.emptyFrame')
    title = givenTitle || clip(firstLine(element.text) || t('sessions.promote.frameFallback'), 200)
    description = notes.map((n) => `- ${n.text.trim().replace(/\r?\n/g, ' ')}`).join('\n')
  }
  description = clip(description, 10_000)

  // Who wrote them as the board server saw it (the socket's identity), never the `writers` clients put in the document.
  await boardWritersSettled(session.boardId)
  const recorded = await writersOf(session.boardId, notes.map((n) => n.id))
  const writerUserIds = new Set(recorded.userIds)
  const guestIds = new Set(recorded.participantIds)
  const guestNames = new Set<string>()
  const db = getDb()
  // Guests are credited by the nickname they joined with (the participant row), of this session only.
  if (guestIds.size) {
    const rows = await db
      .select({ name: sessionParticipants.guestName })
      .from(sessionParticipants)
      .where(and(eq(sessionParticipants.sessionId, session.id), inArray(sessionParticipants.id, [...guestIds])))
    for (const r of rows) if (r.name) guestNames.add(r.name)
  }
  const authors = writerUserIds.size
    ? (await db.select({ id: users.id }).from(users).where(and(inArray(users.id, [...writerUserIds]), isNull(users.blockedAt)))).map((r) => r.id)
    : []
  const authorIds = authors.length ? authors : [user.id]
  const guestCredits = [...guestNames].sort((a, b) => a.localeCompare(b, 'es'))

  const idea = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ideas)
      .values({ challengeId: challenge.id, title, description, status: 'published', createdBy: user.id })
      .returning()
    const now = new Date()
    await tx.insert(ideaAuthors).values(authorIds.map((userId) => ({ ideaId: row.id, userId, acceptedAt: now, invitedBy: user.id })))
    const inserted = await tx
      .insert(sessionPromotions)
      .values({ sessionId: session.id, elementId, ideaId: row.id, guestCredits, promotedBy: user.id })
      .onConflictDoNothing()
      .returning()
    if (inserted.length === 0) throw new DomainError('conflict', 'sessions.errors.alreadyPromoted')
    await recordAudit(tx, {
      actorId: user.id,
      action: 'idea.create',
      entityType: 'idea',
      entityId: row.id,
      after: { title, description, status: 'published', challengeId: challenge.id, fromSession: session.id, elementId },
    })
    await recordAudit(tx, {
      actorId: user.id,
      action: 'session.promote',
      entityType: ENTITY,
      entityId: session.id,
      after: { elementId, elementType: element.type, ideaId: row.id, authors: authorIds, guestCredits },
    })
    return row
  })
  await changeBoardDocument(session.boardId, (d) => updateElement(d, elementId, { ideaId: idea.id }))
  // Co-authors follow their idea like any author, and those who did not promote it themselves are told.
  for (const authorId of authorIds) await addFollow(authorId, 'idea', idea.id)
  await notifyUsers(
    authorIds.filter((id) => id !== user.id),
    { kind: 'session.promoted', payload: { title: idea.title, session: session.title }, link: `/ideas/${idea.id}` },
  )
  return { elementId, ideaId: idea.id, ideaTitle: idea.title, guestCredits }
}

// ——— summary ———

export type SummaryPhase = SessionPhase | 'before' | 'after'

export type SessionSummary = {
  attendance: { total: number; signedIn: number; guests: number }
  /** Notes on the board now, by the phase in which each was created. */
  notesByPhase: Record<SummaryPhase, number>
  notesTotal: number
  /** Notes with dots, most first. */
  dots: { noteId: string; text: string; dots: number; hidden?: true }[]
  /** A promoted idea hidden by moderation keeps its link but not its title nor its credits (`hidden: true`), as on the idea page. */
  promoted: { elementId: string; ideaId: string; title: string | null; guestCredits: string[]; hidden?: true }[]
}

type PhaseMark = { at: number; phase: SummaryPhase }

/** When each phase began, from the audit records of start, phase switches and end. */
async function phaseTimeline(sessionId: string): Promise<PhaseMark[]> {
  const rows = await getDb()
    .select({ action: auditLog.action, after: auditLog.after, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, ENTITY), eq(auditLog.entityId, sessionId), inArray(auditLog.action, ['session.start', 'session.phase', 'session.end'])))
    .orderBy(asc(auditLog.id))
  return rows.map((r) => {
    const phase = (r.after as { phase?: SessionPhase } | null)?.phase
    return { at: r.createdAt.getTime(), phase: r.action === 'session.end' ? 'after' : (phase ?? 'silent') }
  })
}

export function phaseAt(marks: PhaseMark[], at: number): SummaryPhase {
  let phase: SummaryPhase = 'before'
  for (const m of marks) {
    if (m.at <= at) phase = m.phase
    else break
  }
  return phase
}

/** Attendance, notes per phase, dot-vote results and promoted ideas (needs the board registry to read the board). */
export async function getSessionSummary(actor: Actor, sessionId: string): Promise<SessionSummary> {
  const { session } = await loadSession(actor, sessionId)
  const db = getDb()
  const [[attendance], marks, totals, promotions, elements] = await Promise.all([
    db
      .select({
        total: sql<number>`count(*)::int`,
        signedIn: sql<number>`count(${sessionParticipants.userId})::int`,
        guests: sql<number>`count(${sessionParticipants.guestName})::int`,
      })
      .from(sessionParticipants)
      .where(eq(sessionParticipants.sessionId, session.id)),
    phaseTimeline(session.id),
    totalsOf(session.id),
    promotedIdeas(session.id),
    readBoardElements(session.boardId),
  ])
  const { elements: shown, redacted } = redactHidden(actor, elements, promotions)
  const notes = shown.filter((e) => e.type === 'note')
  const notesByPhase: Record<SummaryPhase, number> = { before: 0, silent: 0, clustering: 0, voting: 0, reveal: 0, after: 0 }
  for (const n of notes) notesByPhase[phaseAt(marks, n.createdAt)]++
  const textOf = new Map(notes.map((n) => [n.id, n.text]))
  const dots = Object.entries(totals)
    .map(([noteId, count]) => ({ noteId, text: textOf.get(noteId) ?? '', dots: count, ...(redacted.has(noteId) ? { hidden: true as const } : {}) }))
    .sort((a, b) => b.dots - a.dots || a.text.localeCompare(b.text, 'es'))
  const promoted = promotions.map(({ status, ...p }) =>
    status === 'hidden' && !seesHidden(actor) ? { elementId: p.elementId, ideaId: p.ideaId, title: null, guestCredits: [], hidden: true as const } : p,
  )
  return { attendance, notesByPhase, notesTotal: notes.length, dots, promoted }
}

// ——— moderation in summaries and exports ———

/** Who sees what moderation hid: moderators (as on the idea page, where its authors do too). */
const seesHidden = (actor: Actor) => can(actor, 'moderate')

/** The ideas promoted in a session, oldest first, with their status (for moderation). */
function promotedIdeas(sessionId: string) {
  return getDb()
    .select({ elementId: sessionPromotions.elementId, ideaId: sessionPromotions.ideaId, title: ideas.title, status: ideas.status, guestCredits: sessionPromotions.guestCredits })
    .from(sessionPromotions)
    .innerJoin(ideas, eq(ideas.id, sessionPromotions.ideaId))
    .where(eq(sessionPromotions.sessionId, sessionId))
    .orderBy(asc(sessionPromotions.createdAt))
}

/**
 * The board as the actor may take it away: an element promoted to an idea that moderation hid
 * (and, for a frame, the notes in it: they are the idea's description) loses its text, its
 * author's name and its link to the idea, unless the actor moderates. `redacted`: those elements' ids.
 */
function redactHidden(actor: Actor, elements: BoardElement[], promoted: { ideaId: string; status: string }[]) {
  const hidden = new Set(seesHidden(actor) ? [] : promoted.filter((p) => p.status === 'hidden').map((p) => p.ideaId))
  const redacted = new Set<string>()
  if (hidden.size === 0) return { elements, redacted }
  const hiddenFrames = new Set(elements.filter((e) => e.type === 'frame' && e.ideaId && hidden.has(e.ideaId)).map((e) => e.id))
  const out = elements.map((e) => {
    if ((e.ideaId && hidden.has(e.ideaId)) || (e.type === 'note' && e.frameId && hiddenFrames.has(e.frameId))) {
      redacted.add(e.id)
      return { ...e, text: '', authorName: '', writers: [], ideaId: e.ideaId && hidden.has(e.ideaId) ? null : e.ideaId }
    }
    return e
  })
  return { elements: out, redacted }
}

// ——— exports ———

/** Who may download the board and its notes: facilitators any time, everyone who may see the session once it has ended. */
export function canExport(actor: Actor, session: Pick<SessionView, 'status'>) {
  return can(actor, 'run:session') || session.status === 'ended'
}

export type ExportData = {
  session: SessionView
  elements: BoardElement[]
  dots: Record<string, number>
  ideaTitles: Record<string, string>
  /** Elements whose text moderation hid from this actor (their text is empty). */
  redacted: Set<string>
}

/** The board's elements, dots per note and promoted ideas' titles, for the SVG/PNG/CSV exports (what moderation hid left out). */
export async function getExportData(actor: Actor, sessionId: string): Promise<ExportData> {
  const { session } = await loadSession(actor, sessionId)
  const view = toSessionView(session)
  if (!canExport(actor, view)) throw new DomainError(actor ? 'forbidden' : 'unauthenticated', 'sessions.errors.exportNotYet')
  const [board, dots, promoted] = await Promise.all([readBoardElements(session.boardId), totalsOf(session.id), promotedIdeas(session.id)])
  const { elements, redacted } = redactHidden(actor, board, promoted)
  const visible = promoted.filter((p) => p.status !== 'hidden' || seesHidden(actor))
  return { session: view, elements, dots, ideaTitles: Object.fromEntries(visible.map((p) => [p.ideaId, p.title])), redacted }
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

/** Counts a signed-in person as present (the join page calls it; the board socket does too). */
export async function markPresent(user: SessionUser, sessionId: string) {
  await participantIdFor(getDb(), sessionId, user)
}
