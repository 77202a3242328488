import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'
import { asc, eq, like } from 'drizzle-orm'
import * as Y from 'yjs'
import { addNote, elementsOf, readElements, templateLayouts, templateUpdate, updateElement, type Author } from '#app/board/model.ts'
import { getT } from '#app/i18n/i18n.ts'
import { type BoardTemplate } from '../../app/domain/vocabulary.ts'
import { type Tx } from '#app/services/platform/types.ts'
import {
  auditLog,
  boards,
  boardUpdates,
  challenges,
  cocreationSessions,
  follows,
  ideaAuthors,
  ideas,
  sessionDotVotes,
  sessionParticipants,
  sessionPromotions,
  users,
} from '../../db/schema.ts'

const hour = 3600 * 1000
const day = 24 * hour
const ENTITY = 'cocreation_session'

/** A day at a given hour in Guatemala (UTC−6), `offsetDays` from today. */
function labTime(offsetDays: number, hourInGuatemala: number) {
  const d = new Date(Date.now() + offsetDays * day)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hourInGuatemala + 6, 0, 0))
}

/** The twelve notes of the ended session: the index of the demo citizen who wrote each, or 'guest'. */
const notes: { by: number | 'guest'; text: string; color?: 'yellow' | 'green' | 'blue' | 'pink' }[] = [
  { by: 0, text: 'Un expediente único en línea: subir el título y el DPI una sola vez para todas las convocatorias.' },
  { by: 1, text: 'Publicar todas las plazas en un solo portal, con filtros por departamento y por idioma.', color: 'green' },
  { by: 2, text: 'Convocatorias traducidas al k’iche’, q’eqchi’ y mam, y leídas en radios comunitarias.' },
  { by: 3, text: 'Que las pruebas se puedan hacer en la cabecera departamental y no solo en la capital.', color: 'blue' },
  { by: 4, text: 'Avisar por SMS en qué etapa va mi postulación.' },
  { by: 5, text: 'Eliminar la constancia de antecedentes en papel: que la ONSEC la consulte directamente.', color: 'pink' },
  { by: 6, text: 'Acompañamiento en las municipalidades para quienes no tienen computadora ni internet.' },
  { by: 7, text: 'Publicar los resultados de cada convocatoria con los puntajes, sin datos personales.', color: 'green' },
  { by: 8, text: 'Plazos de al menos quince días para postular, anunciados con anticipación.' },
  { by: 9, text: 'Un formulario que funcione bien en el teléfono y con poca señal.', color: 'blue' },
  { by: 'guest', text: 'Ferias de empleo público en los centros universitarios regionales.' },
  { by: 0, text: 'Una guía sencilla, con ejemplos, de cómo llenar el formulario de oferta de servicios.', color: 'pink' },
]

/** Dots each demo citizen placed (budget 3), by note index: the first note collects the most and becomes an idea. */
const dots: number[][] = [[0, 5, 9], [0, 0, 3], [0, 2, 5], [3, 7, 9], [0, 5, 6], [2, 3, 4], [0, 6, 9], [5, 7, 8], [0, 1, 3], [2, 6, 11]]

function labels(template: BoardTemplate) {
  const t = getT('es')
  return Object.fromEntries(templateLayouts[template].map((f) => [f.label, t(`boards.templates.${template}.frames.${f.label}`, { defaultValue: f.label })]))
}

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0')

/**
 * The co-creation sessions of the demo challenge in phase 'cocreation': one that ended two days
 * ago on a "¿Cómo podríamos…?" board with twelve notes by demo citizens (and one guest), its
 * attendance, dot votes and the note promoted to an idea; and one scheduled for next week on an
 * empathy map. The board contents are built with the board model and stored as `board_updates`
 * rows, exactly as the board server stores what clients write.
 */
export async function seedDemoSessions(tx: Tx) {
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.phase, 'cocreation')).orderBy(asc(challenges.createdAt)).limit(1)
  const [facilitator] = await tx.select().from(users).where(eq(users.email, 'facilitadora@demo.cocrea.gt'))
  if (!challenge || !facilitator) return null
  const people = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(like(users.email, 'participante%@demo.cocrea.gt'))
  const citizens = people.sort((a, b) => a.email.localeCompare(b.email, 'en', { numeric: true }))
  if (citizens.length < 10) return null
  const facilitatorAuthor: Author = { key: `user:${facilitator.id}`, name: facilitator.name }

  // ——— the session that ended ———
  const startsAt = labTime(-2, 15)
  const endsAt = new Date(startsAt.getTime() + 2 * hour)
  const [board] = await tx.insert(boards).values({ challengeId: challenge.id, title: 'Taller: postular a un empleo público sin viajar', template: 'hmw', createdBy: facilitator.id }).returning()
  const [session] = await tx
    .insert(cocreationSessions)
    .values({
      challengeId: challenge.id,
      boardId: board.id,
      title: 'Taller: postular a un empleo público sin viajar',
      agenda: '1. Bienvenida y reglas del taller (10 min)\n2. Ideación en silencio (20 min)\n3. Agrupar ideas parecidas (25 min)\n4. Votación con puntos (15 min)\n5. Revelar resultados y próximos pasos (10 min)',
      startsAt,
      endsAt,
      status: 'ended',
      phase: 'reveal',
      code: newCode(),
      dotBudget: 3,
      startedAt: startsAt,
      endedAt: new Date(startsAt.getTime() + 95 * 60_000),
      createdBy: facilitator.id,
    })
    .returning()

  // Attendance: the facilitator, the ten demo citizens and one guest.
  const guestId = randomUUID()
  const participantRows = await tx
    .insert(sessionParticipants)
    .values([
      { sessionId: session.id, userId: facilitator.id, joinedAt: startsAt, lastSeenAt: session.endedAt! },
      ...citizens.slice(0, 10).map((c, i) => ({ sessionId: session.id, userId: c.id, joinedAt: new Date(startsAt.getTime() + i * 60_000), lastSeenAt: session.endedAt! })),
      { id: guestId, sessionId: session.id, guestName: 'Paola Chavajay', guestTokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'), joinedAt: new Date(startsAt.getTime() + 5 * 60_000), lastSeenAt: session.endedAt! },
    ])
    .returning()
  const participantOf = new Map(participantRows.filter((p) => p.userId).map((p) => [p.userId!, p.id]))

  // The board: the template's frames (the first stored update), the notes written during the silent phase, then the promotion.
  const first = templateUpdate('hmw', labels('hmw'), facilitatorAuthor)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, first)
  const ideasFrame = readElements(doc).find((e) => e.type === 'frame' && e.text === labels('hmw').ideas)
  const before = Y.encodeStateVector(doc)
  const silentStart = startsAt.getTime() + 10 * 60_000
  const noteIds = notes.map((n, i) => {
    const author: Author = n.by === 'guest' ? { key: `guest:${guestId}`, name: 'Paola Chavajay' } : { key: `user:${citizens[n.by].id}`, name: citizens[n.by].name }
    const id = addNote(doc, {
      x: (ideasFrame?.x ?? 0) + 20 + (i % 4) * 215,
      y: (ideasFrame?.y ?? 260) + 50 + Math.floor(i / 4) * 160,
      text: n.text,
      color: n.color ?? 'yellow',
      author,
      frameId: ideasFrame?.id ?? null,
    })
    // Written during the silent phase, a minute and a half apart.
    elementsOf(doc).get(id)!.set('createdAt', silentStart + i * 90_000)
    return id
  })
  const written = Y.encodeStateAsUpdate(doc, before)

  // Dot votes of the ten citizens.
  const dotRows = new Map<string, { participantId: string; noteId: string; count: number }>()
  dots.forEach((chosen, person) => {
    const participantId = participantOf.get(citizens[person].id)!
    for (const noteIndex of chosen) {
      const key = `${participantId}:${noteIndex}`
      const row = dotRows.get(key) ?? { participantId, noteId: noteIds[noteIndex], count: 0 }
      row.count++
      dotRows.set(key, row)
    }
  })
  await tx.insert(sessionDotVotes).values([...dotRows.values()].map((r) => ({ sessionId: session.id, ...r, createdAt: new Date(startsAt.getTime() + 70 * 60_000) })))

  // The most voted note becomes an idea of the challenge, its writer its co-author.
  const promotedAt = new Date(startsAt.getTime() + 90 * 60_000)
  const promotedNote = notes[0]
  const writer = citizens[promotedNote.by as number]
  const [idea] = await tx
    .insert(ideas)
    .values({
      challengeId: challenge.id,
      title: 'Un expediente único en línea',
      description: promotedNote.text,
      status: 'published',
      createdBy: facilitator.id,
      createdAt: promotedAt,
      updatedAt: promotedAt,
    })
    .returning()
  await tx.insert(ideaAuthors).values({ ideaId: idea.id, userId: writer.id, acceptedAt: promotedAt, invitedBy: facilitator.id })
  await tx.insert(follows).values({ userId: writer.id, targetType: 'idea', targetId: idea.id }).onConflictDoNothing()
  await tx.insert(sessionPromotions).values({ sessionId: session.id, elementId: noteIds[0], ideaId: idea.id, guestCredits: [], promotedBy: facilitator.id, createdAt: promotedAt })
  const beforePromotion = Y.encodeStateVector(doc)
  updateElement(doc, noteIds[0], { ideaId: idea.id })
  const promoted = Y.encodeStateAsUpdate(doc, beforePromotion)
  doc.destroy()
  await tx.insert(boardUpdates).values([
    { boardId: board.id, update: first, createdAt: startsAt },
    { boardId: board.id, update: written, createdAt: new Date(silentStart + notes.length * 90_000) },
    { boardId: board.id, update: promoted, createdAt: promotedAt },
  ])

  // The record of decisions, dated as they happened (the summary counts notes per phase from it).
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000)
  const record = (action: string, createdAt: Date, values: { before?: unknown; after?: unknown; entityType?: string; entityId?: string } = {}) => ({
    actorId: facilitator.id,
    action,
    entityType: values.entityType ?? ENTITY,
    entityId: values.entityId ?? session.id,
    before: values.before ?? null,
    after: values.after ?? null,
    createdAt,
  })
  await tx.insert(auditLog).values([
    record('session.schedule', new Date(startsAt.getTime() - 7 * day), { after: { challengeId: challenge.id, boardId: board.id, title: session.title, template: 'hmw', dotBudget: 3 } }),
    record('session.start', at(0), { before: { status: 'scheduled' }, after: { status: 'live', phase: 'silent' } }),
    record('session.phase', at(40), { before: { phase: 'silent' }, after: { phase: 'clustering' } }),
    record('session.phase', at(65), { before: { phase: 'clustering' }, after: { phase: 'voting' } }),
    record('session.phase', at(80), { before: { phase: 'voting' }, after: { phase: 'reveal' } }),
    record('idea.create', promotedAt, { entityType: 'idea', entityId: idea.id, after: { title: idea.title, status: 'published', challengeId: challenge.id, fromSession: session.id, elementId: noteIds[0] } }),
    record('session.promote', promotedAt, { after: { elementId: noteIds[0], elementType: 'note', ideaId: idea.id, authors: [writer.id], guestCredits: [] } }),
    record('session.end', at(95), { before: { status: 'live', phase: 'reveal' }, after: { status: 'ended' } }),
  ])

  // ——— the session next week ———
  const nextStart = labTime(7, 10)
  const [nextBoard] = await tx.insert(boards).values({ challengeId: challenge.id, title: 'Mapa de empatía: quien postula desde el interior', template: 'empathy', createdBy: facilitator.id }).returning()
  await tx.insert(boardUpdates).values({ boardId: nextBoard.id, update: templateUpdate('empathy', labels('empathy'), facilitatorAuthor) })
  const [next] = await tx
    .insert(cocreationSessions)
    .values({
      challengeId: challenge.id,
      boardId: nextBoard.id,
      title: 'Mapa de empatía: quien postula desde el interior',
      agenda: 'Qué dice, piensa, hace y siente una persona de Huehuetenango que quiere postular a una plaza en la capital.',
      startsAt: nextStart,
      endsAt: new Date(nextStart.getTime() + 90 * 60_000),
      code: newCode(),
      dotBudget: 3,
      createdBy: facilitator.id,
    })
    .returning()
  await tx.insert(auditLog).values(record('session.schedule', new Date(), { entityId: next.id, after: { challengeId: challenge.id, boardId: nextBoard.id, title: next.title, template: 'empathy', dotBudget: 3 } }))

  return { ended: session, scheduled: next, ideaId: idea.id }
}
