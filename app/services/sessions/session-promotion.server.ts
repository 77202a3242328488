import { and, eq, inArray, isNull } from 'drizzle-orm'
import { updateElement } from '#app/board/model.ts'
import { getT } from '#app/i18n/i18n.ts'
import { getDb } from '#db/client.ts'
import { ideaAuthors, ideas, sessionParticipants, sessionPromotions, users } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { boardWritersSettled, changeBoardDocument, readBoardElements } from '../boards/board-documents.server.ts'
import { writersOf } from '../boards/board-writers.server.ts'
import { DomainError } from '../platform/errors.ts'
import { addFollow, notifyUsers } from '../notifications/notifications.server.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { ENTITY, loadSession } from './cocreation-sessions.server.ts'
import { type Actor } from '../platform/types.ts'
import { isUuid } from '../platform/schemas.ts'


// ——— promotion ———

export type Promotion = { elementId: string; ideaId: string; ideaTitle: string; guestCredits: string[] }

const firstLine = (text: string) => text.trim().split(/\r?\n/)[0].trim()
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/** The guests credited on each promoted idea (by nickname), for the idea page. */
export async function guestCreditsForIdea(ideaId: string): Promise<string[]> {
  if (!isUuid(ideaId)) return []
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
