import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { type BoardElement } from '#app/board/model.ts'
import { type SessionPhase } from '#app/domain/vocabulary.ts'
import { getDb } from '#db/client.ts'
import { auditLog, ideas, sessionParticipants, sessionPromotions } from '#db/schema.ts'
import { readBoardElements } from '../boards/board-documents.server.ts'
import { DomainError } from '../platform/errors.ts'
import { can } from '../platform/permissions.ts'
import { ENTITY, loadSession } from './cocreation-sessions.server.ts'
import { totalsOf } from './session-dots.server.ts'
import { toSessionView, type SessionView } from './session-view.ts'
import { type Actor } from '../platform/types.ts'


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
