import { and, eq, sql } from 'drizzle-orm'
import { io as connect } from 'socket.io-client'
import { decode } from 'turbo-stream'
import type * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { getBoardDocuments, setBoardDocuments, type BoardDocuments } from '#app/services/boards/board-documents.server.ts'
import { getSessionSummary } from '#app/services/sessions/session-summary.server.ts'
import { addFrame, addNote, setText, type Author } from '#app/board/model.ts'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { auditLog, boardUpdates, cocreationSessions, follows, ideaAuthors, ideas, notifications, sessionDotVotes, sessionParticipants } from '#db/schema.ts'
import { boardClient, type BoardClient } from '#tests/helpers/boards.ts'
import { insertChallenge, insertInstitution } from '#tests/helpers/fixtures.ts'
import { getPage, postForm } from '#tests/helpers/forms.ts'
import { parseCsv } from '#tests/helpers/csv.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { hoursFromNow as hours, noteOnServer, serverElements, sessionHelpers, type Person, type SessionJson } from '#tests/helpers/sessions.ts'

let server: TestServer
const clients: BoardClient[] = []
let facilitator: Person
let citizen: Person
let challenge: { id: string; slug: string }

const db = () => server.database.db

const kit = sessionHelpers(() => server)
const { person, api, control, joinAsGuest } = kit

const schedule = (template = 'hmw', extra: Record<string, unknown> = {}) => kit.schedule(facilitator, challenge.id, { title: 'Taller de ideas', template, ...extra })
const liveSession = (extra: Record<string, unknown> = {}) => kit.liveSession(facilitator, challenge.id, { title: 'Taller de ideas', ...extra })

async function client(boardId: string, options: Parameters<typeof boardClient>[2]) {
  const c = boardClient(server.url, boardId, options)
  clients.push(c)
  await c.synced
  return c
}

const authorOf = (p: Person): Author => ({ key: `user:${p.id}`, name: p.name })

const vote = (session: SessionJson, headers: Record<string, string>, noteId: string, delta: 1 | -1) =>
  fetcherPost(`/sesiones/${session.id}/puntos`, { noteId, delta: String(delta), enhanced: '1' }, headers)

/** What a Remix fetcher sends and reads with single fetch: `<path>.data`, a turbo-stream answer. */
async function fetcherPost(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}.data`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...headers },
    body: new URLSearchParams(fields).toString(),
  })
  const decoded = (await decode(response.body!)).value as { data?: unknown }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: decoded.data as any }
}

async function fetcherLoad(path: string, routeId: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}.data?_routes=${encodeURIComponent(routeId)}`, { headers })
  const decoded = (await decode(response.body!)).value as Record<string, { data?: unknown }>
  return { status: response.status, body: decoded[routeId]?.data }
}

beforeAll(async () => {
  server = await startTestServer()
  const institution = await insertInstitution(db())
  challenge = await insertChallenge(db(), { title: 'Reducir la espera para renovar el DPI', phase: 'cocreation', institutionId: institution.id })
  facilitator = await person('facilitator', 'Fabiola Facilitadora')
  citizen = await person('citizen', 'Carlos Ciudadano')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.close()
})
afterAll(async () => {
  await server?.stop()
})

describe('scheduling and running a session', () => {
  test('through the API: schedule, read, start, end — with a board from the template and an audit record of each step', async () => {
    const session = await schedule('empathy', { agenda: '1. Bienvenida\n2. Ideas', dotBudget: 5 })
    expect(session).toMatchObject({ challengeId: challenge.id, title: 'Taller de ideas', status: 'scheduled', phase: null })
    expect(session.code).toMatch(/^\d{6}$/)
    expect(session.boardId).toMatch(/^[0-9a-f-]{36}$/)
    // The template's frames are the board's first stored update, labelled in Spanish.
    const [first] = await db().select().from(boardUpdates).where(eq(boardUpdates.boardId, session.boardId))
    expect(first).toBeDefined()
    const frames = (await serverElements(session.boardId)).filter((e) => e.type === 'frame')
    expect(frames).toHaveLength(4)
    expect(frames.every((f) => f.text.length > 0)).toBe(true)

    // The code for its facilitators (and participants) only.
    expect((await api('GET', `/sessions/${session.id}`, facilitator)).body.session).toMatchObject({ id: session.id, status: 'scheduled', code: session.code })
    expect((await api('GET', `/sessions/${session.id}`)).body.session).toMatchObject({ id: session.id, status: 'scheduled', code: null })
    const started = await api('POST', `/sessions/${session.id}/start`, facilitator)
    expect(started.status).toBe(200)
    expect(started.body.session).toMatchObject({ status: 'live', phase: 'silent' })
    expect((await api('POST', `/sessions/${session.id}/start`, facilitator)).status).toBe(409)
    const ended = await api('POST', `/sessions/${session.id}/end`, facilitator)
    expect(ended.body.session).toMatchObject({ status: 'ended' })
    expect((await api('POST', `/sessions/${session.id}/end`, facilitator)).status).toBe(409)

    const actions = (await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, session.id))).map((r) => r.action)
    expect(actions).toEqual(['session.schedule', 'session.start', 'session.end'])
  })

  test('citizens and signed-out people may not schedule, start or end; invalid input is a 400', async () => {
    const body = { title: 'Sesión', startsAt: hours(1), endsAt: hours(2), template: 'blank' }
    expect((await api('POST', `/challenges/${challenge.id}/sessions`, citizen, body)).status).toBe(403)
    expect((await api('POST', `/challenges/${challenge.id}/sessions`, undefined, body)).status).toBe(401)
    const bad = await api('POST', `/challenges/${challenge.id}/sessions`, facilitator, { ...body, endsAt: hours(0) })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields.endsAt).toEqual(['La sesión debe terminar después de empezar.'])
    const session = await schedule()
    expect((await api('POST', `/sessions/${session.id}/start`, citizen)).status).toBe(403)
    expect((await api('POST', `/sessions/${session.id}/end`, undefined)).status).toBe(401)
    expect((await api('GET', `/sessions/${session.id}`)).body.session.status).toBe('scheduled')
    // The pages refuse too: the schedule form and the controls.
    expect((await getPage(server.url, `/retos/${challenge.slug}/sesiones/nueva`, citizen.cookie)).status).toBe(403)
    await control(session, citizen, { intent: 'start' })
    expect((await api('GET', `/sessions/${session.id}`)).body.session.status).toBe('scheduled')
  })

  test('through the forms: schedule, then start, time, switch phase, lock and end from the session bar', async () => {
    const invalid = await postForm(server.url, `/retos/${challenge.slug}/sesiones/nueva`, { title: 'Taller', startsAt: '2030-03-01T11:00', endsAt: '2030-03-01T09:00', template: 'hmw', dotBudget: '3' }, facilitator.cookie)
    expect(invalid.status).toBe(400)
    expect(invalid.html).toContain('La sesión debe terminar después de empezar.')

    const created = await postForm(server.url, `/retos/${challenge.slug}/sesiones/nueva`, { title: 'Taller presencial', agenda: '**Bienvenida**', startsAt: '2030-03-01T09:00', endsAt: '2030-03-01T11:00', template: 'journey', dotBudget: '4' }, facilitator.cookie)
    expect(created.status).toBe(302)
    const id = created.location!.split('/').pop()!
    const session = (await api('GET', `/sessions/${id}`)).body.session as SessionJson
    expect(session).toMatchObject({ title: 'Taller presencial', dotBudget: 4, startsAt: '2030-03-01T15:00:00.000Z' })
    const page = await getPage(server.url, `/sesiones/${id}`, facilitator.cookie)
    expect(page.html).toContain('<strong>Bienvenida</strong>')
    expect(page.html).toContain(`/tableros/${session.boardId}`)
    expect(page.html).toContain(session.code)

    expect((await control(session, facilitator, { intent: 'start' })).status).toBe(303)
    await control(session, facilitator, { intent: 'timer', action: 'start', minutes: '5' })
    let now = (await api('GET', `/sessions/${id}`)).body.session as SessionJson
    expect(now.status).toBe('live')
    const endsIn = new Date(now.timer.endsAt!).getTime() - Date.now()
    expect(endsIn).toBeGreaterThan(4 * 60_000)
    expect(endsIn).toBeLessThanOrEqual(5 * 60_000)
    await control(session, facilitator, { intent: 'timer', action: 'pause' })
    now = (await api('GET', `/sessions/${id}`)).body.session
    expect(now.timer.endsAt).toBeNull()
    expect(now.timer.remainingMs).toBeGreaterThan(4 * 60_000)
    await control(session, facilitator, { intent: 'phase', phase: 'voting' })
    await control(session, facilitator, { intent: 'lock', locked: 'true' })
    now = (await api('GET', `/sessions/${id}`)).body.session
    expect(now).toMatchObject({ phase: 'voting', locked: true })
    const refused = await control(session, facilitator, { intent: 'timer', action: 'start', minutes: '0' })
    expect(refused.status).toBe(303)
    await control(session, facilitator, { intent: 'end' })
    expect((await api('GET', `/sessions/${id}`)).body.session.status).toBe('ended')

    const actions = (await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))).map((r) => r.action)
    expect(actions).toEqual(['session.schedule', 'session.start', 'session.timer', 'session.timer', 'session.phase', 'session.lock', 'session.end'])
    // The challenge page lists its sessions.
    expect((await getPage(server.url, `/retos/${challenge.slug}`)).html).toContain('Taller presencial')
  })
})

describe('live session state', () => {
  test('watchers of a session hear every change as session:state; a malformed id is refused', async () => {
    const session = await schedule()
    const socket = connect(`${server.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true })
    try {
      const watched = await socket.emitWithAck(LIVE_EVENTS.watchSession, session.id)
      expect(watched).toMatchObject({ ok: true, session: { id: session.id, status: 'scheduled' } })
      expect(await socket.emitWithAck(LIVE_EVENTS.watchSession, 'not-a-uuid')).toMatchObject({ ok: false, error: { code: 'validation' } })
      const states: SessionJson[] = []
      socket.on(LIVE_EVENTS.sessionState, (s: SessionJson) => states.push(s))
      await api('POST', `/sessions/${session.id}/start`, facilitator)
      await control(session, facilitator, { intent: 'timer', action: 'start', minutes: '3' })
      await control(session, facilitator, { intent: 'phase', phase: 'clustering' })
      await vi.waitFor(() => expect(states, 'three session:state events').toHaveLength(3), { timeout: 5000, interval: 20 })
      expect(states.map((s) => [s.status, s.phase, !!s.timer.endsAt])).toEqual([
        ['live', 'silent', false],
        ['live', 'silent', true],
        ['live', 'clustering', true],
      ])
    } finally {
      socket.disconnect()
    }
  })
})

describe('joining by code', () => {
  test('signed-in people go to the board; guests need a live session and a nickname, and lose access when it ends', async () => {
    const session = await schedule()
    // Scheduled: a guest may not join yet.
    const early = await joinAsGuest(session.code, 'Lucía')
    expect(early.status).toBe(422)
    expect(early.html).toContain('como invitado solo puedes entrar mientras está en vivo')
    await api('POST', `/sessions/${session.id}/start`, facilitator)

    const signedIn = await getPage(server.url, `/sesiones/unirse?codigo=${session.code}`, citizen.cookie)
    expect(signedIn.status).toBe(302)
    expect(signedIn.response.headers.get('location')).toBe(`/tableros/${session.boardId}`)

    const form = await getPage(server.url, `/sesiones/unirse?codigo=${session.code}`)
    expect(form.status).toBe(200)
    expect(form.html).toContain('Tu apodo')
    expect((await joinAsGuest('000000', 'Lucía')).html).toContain('No hay ninguna sesión abierta con ese código.')
    expect((await joinAsGuest(session.code, 'L')).status).toBe(400)

    const guest = await joinAsGuest(session.code, 'Lucía')
    expect(guest.status).toBe(302)
    expect(guest.location).toBe(`/tableros/${session.boardId}`)
    expect(guest.response.headers.getSetCookie().find((c) => c.startsWith('cocrea_guest='))).toMatch(/HttpOnly/i)
    expect((await getPage(server.url, `/tableros/${session.boardId}`, { cookie: guest.cookie! })).status).toBe(200)
    const guestClient = await client(session.boardId, { guest: { sessionCode: session.code, name: 'Mateo' } })
    expect(guestClient.provider.access).toBe('edit')

    await api('POST', `/sessions/${session.id}/end`, facilitator)
    // The guest's cookie no longer makes them anyone: a dot from it is refused as from nobody.
    expect((await vote(session, { cookie: guest.cookie! }, 'any-note', 1)).status).toBe(401)
    expect((await joinAsGuest(session.code, 'Tardía')).status).toBe(404)
    const late = boardClient(server.url, session.boardId, { guest: { sessionCode: session.code, name: 'Tarde' } })
    clients.push(late)
    await expect(late.synced).rejects.toThrow()
    const attendance = await db().select().from(sessionParticipants).where(eq(sessionParticipants.sessionId, session.id))
    expect(attendance.filter((p) => p.userId === citizen.id)).toHaveLength(1)
    expect(attendance.filter((p) => p.guestName).map((p) => p.guestName).sort()).toEqual(['Lucía', 'Mateo'])
  })
})

describe('dot voting', () => {
  test('only in the voting phase, never beyond the budget whatever the concurrency, withdrawable, totals hidden until reveal', async () => {
    const session = await liveSession({ dotBudget: 3 })
    const board = await client(session.boardId, { token: facilitator.token })
    const notes = ['Citas en línea', 'Más ventanillas', 'Horario extendido'].map((text, i) => addNote(board.doc, { x: i * 200, y: 300, text, author: authorOf(facilitator) }))
    for (const id of notes) await noteOnServer(session.boardId, id)

    const early = await vote(session, citizen.cookie, notes[0], 1)
    expect(early.status).toBe(422)
    expect(early.body.messageKey).toBe('sessions.errors.notVoting')
    await control(session, facilitator, { intent: 'phase', phase: 'voting' })

    // Ten dots at once on three notes with a budget of three: exactly three land.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => vote(session, citizen.cookie, notes[i % 3], 1)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(3)
    expect(results.filter((r) => r.status === 409)).toHaveLength(7)
    const guest = await joinAsGuest(session.code, 'Rosa')
    const guestResults = await Promise.all(Array.from({ length: 6 }, () => vote(session, { cookie: guest.cookie! }, notes[1], 1)))
    expect(guestResults.filter((r) => r.status === 200)).toHaveLength(3)
    const perParticipant = await db()
      .select({ participantId: sessionDotVotes.participantId, used: sql<number>`sum(${sessionDotVotes.count})::int` })
      .from(sessionDotVotes)
      .where(eq(sessionDotVotes.sessionId, session.id))
      .groupBy(sessionDotVotes.participantId)
    expect(perParticipant.map((p) => p.used)).toEqual([3, 3])

    // Totals stay hidden while voting; one's own dots and what remains are shown.
    const mine = await vote(session, citizen.cookie, notes[0], -1)
    expect(mine.body).toMatchObject({ ok: true, remaining: 1, totals: null })
    expect(Object.values(mine.body.mine as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2)
    expect((await vote(session, { cookie: guest.cookie! }, 'no-such-note', 1)).status).toBe(404)
    expect((await vote(session, {}, notes[0], 1)).status).toBe(401)

    await control(session, facilitator, { intent: 'phase', phase: 'reveal' })
    expect((await vote(session, citizen.cookie, notes[0], 1)).status).toBe(422)
    const revealed = await fetcherLoad(`/sesiones/${session.id}/puntos`, 'routes/sesiones.$id_.puntos', citizen.cookie)
    const totals = (revealed.body as { totals: Record<string, number> }).totals
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(5)
    expect(totals[notes[1]]).toBeGreaterThanOrEqual(3)
  })
})

describe('promotion, summary and exports', () => {
  test('a note and a frame become ideas with their writers as co-authors and guests credited; never twice; the summary and exports add up', async () => {
    const session = await liveSession({ dotBudget: 2 })
    const fac = await client(session.boardId, { token: facilitator.token })
    const cit = await client(session.boardId, { token: citizen.token })
    const guest = await client(session.boardId, { guest: { sessionCode: session.code, name: 'Invitada Rosa' } })
    const guestKey = (await db().select().from(sessionParticipants).where(and(eq(sessionParticipants.sessionId, session.id), eq(sessionParticipants.guestName, 'Invitada Rosa'))))[0]

    // Silent phase: the citizen writes a note.
    const citizenNote = addNote(cit.doc, { x: 0, y: 300, text: 'Turnos por WhatsApp\ncon recordatorio', author: authorOf(citizen) })
    await noteOnServer(session.boardId, citizenNote)
    await control(session, facilitator, { intent: 'phase', phase: 'clustering' })
    // Clustering: a frame with a guest's note and one the citizen also edited.
    const frame = addFrame(fac.doc, { x: 600, y: 0, w: 500, h: 400, text: 'Atención en línea', author: authorOf(facilitator) })
    await vi.waitFor(async () => expect((await serverElements(session.boardId)).map((e) => e.id)).toContain(frame), { timeout: 5000, interval: 20 })
    const guestNote = addNote(guest.doc, { x: 620, y: 40, text: '=Citas <en línea>', author: { key: `guest:${guestKey.id}`, name: 'Invitada Rosa' }, frameId: frame })
    await noteOnServer(session.boardId, guestNote)
    await vi.waitFor(() => expect(cit.doc.getMap('elements').has(guestNote), 'guest note at the citizen').toBe(true), { timeout: 5000, interval: 20 })
    setText(cit.doc, guestNote, '=Citas <en línea> y kioscos', authorOf(citizen))
    await vi.waitFor(async () => expect((await serverElements(session.boardId)).find((e) => e.id === guestNote)?.writers, 'both writers on the server').toHaveLength(2), { timeout: 5000, interval: 20 })

    await control(session, facilitator, { intent: 'phase', phase: 'voting' })
    expect((await vote(session, citizen.cookie, citizenNote, 1)).status).toBe(200)
    expect((await vote(session, citizen.cookie, guestNote, 1)).status).toBe(200)

    // A citizen may not promote.
    const denied = await fetcherPost(`/sesiones/${session.id}/promover`, { elementId: citizenNote, enhanced: '1' }, citizen.cookie)
    expect(denied.status).toBe(403)

    const promote = (elementId: string) =>
      fetcherPost(`/sesiones/${session.id}/promover`, { elementId, enhanced: '1' }, facilitator.cookie)
    const fromNote = await promote(citizenNote)
    expect(fromNote.status).toBe(200)
    const noteIdea = fromNote.body.promotion
    const [noteIdeaRow] = await db().select().from(ideas).where(eq(ideas.id, noteIdea.ideaId))
    expect(noteIdeaRow).toMatchObject({ challengeId: challenge.id, title: 'Turnos por WhatsApp', status: 'published' })
    const authorsOf = async (ideaId: string) =>
      (await db().select().from(ideaAuthors).where(eq(ideaAuthors.ideaId, ideaId))).map((a) => ({ userId: a.userId, accepted: a.acceptedAt !== null }))
    expect(await authorsOf(noteIdea.ideaId)).toEqual([{ userId: citizen.id, accepted: true }])
    // The new co-author is told (in their language, with the link), and follows the idea.
    expect((await db().select().from(notifications).where(and(eq(notifications.userId, citizen.id), eq(notifications.kind, 'session.promoted')))).map((n) => n.link)).toEqual([`/ideas/${noteIdea.ideaId}`])
    expect((await getPage(server.url, '/notificaciones', citizen.cookie)).html).toContain('Una nota tuya de la sesión «Taller de ideas» se convirtió en la idea «Turnos por WhatsApp»')
    expect(await db().select().from(follows).where(and(eq(follows.userId, citizen.id), eq(follows.targetId, noteIdea.ideaId)))).toHaveLength(1)

    const fromFrame = await promote(frame)
    expect(fromFrame.status).toBe(200)
    expect(fromFrame.body.promotion.guestCredits).toEqual(['Invitada Rosa'])
    expect(await authorsOf(fromFrame.body.promotion.ideaId)).toEqual([{ userId: citizen.id, accepted: true }])
    expect((await getPage(server.url, `/ideas/${fromFrame.body.promotion.ideaId}`)).html).toContain('Con aportes de: Invitada Rosa')
    expect((await db().select().from(notifications).where(and(eq(notifications.userId, citizen.id), eq(notifications.kind, 'session.promoted'))))).toHaveLength(2)
    // The facilitator who promoted is nobody's news.
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, facilitator.id), eq(notifications.kind, 'session.promoted')))).toHaveLength(0)
    expect((await promote(citizenNote)).status).toBe(409)
    expect((await promote(frame)).status).toBe(409)
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(ideas).where(eq(ideas.challengeId, challenge.id))).toEqual([{ n: 2 }])
    // Every client's board shows which element became which idea.
    await vi.waitFor(() => expect((cit.doc.getMap('elements').get(citizenNote) as Y.Map<unknown>).get('ideaId'), 'ideaId on the note at the citizen').toBe(noteIdea.ideaId), { timeout: 5000, interval: 20 })

    // Exports before the end: facilitators yes, citizens no.
    expect((await getPage(server.url, `/sesiones/${session.id}/notas.csv`, citizen.cookie)).status).toBe(403)
    await control(session, facilitator, { intent: 'phase', phase: 'reveal' })
    await api('POST', `/sessions/${session.id}/end`, facilitator)

    const summary = await getSessionSummary(null, session.id)
    expect(summary.attendance).toEqual({ total: 3, signedIn: 2, guests: 1 })
    expect(summary.notesTotal).toBe(2)
    expect(summary.notesByPhase).toMatchObject({ silent: 1, clustering: 1, voting: 0, before: 0 })
    expect(summary.dots.map((d) => d.dots)).toEqual([1, 1])
    expect(summary.promoted.map((p) => p.ideaId).sort()).toEqual([noteIdea.ideaId, fromFrame.body.promotion.ideaId].sort())
    const page = await getPage(server.url, `/sesiones/${session.id}`)
    expect(page.html).toContain('3 participantes')
    expect(page.html).toContain('Turnos por WhatsApp')
    expect(page.html).toContain('Con aportes de: Invitada Rosa')

    // After the end everyone who sees the challenge may download them.
    const csv = await getPage(server.url, `/sesiones/${session.id}/notas.csv`)
    expect(csv.status).toBe(200)
    expect(csv.response.headers.get('content-type')).toMatch(/text\/csv/)
    const rows = parseCsv(csv.html)
    expect(rows[0]).toEqual(['id de la nota', 'marco', 'texto', 'autoría', 'color', 'puntos', 'idea promovida'])
    // A cell that would start a spreadsheet formula is written with a leading apostrophe.
    expect(rows.find((r) => r[0] === guestNote)).toEqual([guestNote, 'Atención en línea', "'=Citas <en línea> y kioscos", 'Invitada Rosa', 'amarillo', '1', expect.any(String)])
    expect(csv.html).toContain(`${citizenNote},,"Turnos por WhatsApp\ncon recordatorio",Carlos Ciudadano,amarillo,1,Turnos por WhatsApp`)
    // The file is named for the session and the day.
    expect(csv.response.headers.get('content-disposition')).toMatch(/filename="notas-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv"/)

    const svg = await getPage(server.url, `/sesiones/${session.id}/tablero.svg`)
    expect(svg.response.headers.get('content-type')).toMatch(/image\/svg\+xml/)
    expect(svg.html).toContain('=Citas &lt;en línea&gt;')
    expect(svg.html).not.toContain('<en línea>')
    const png = await fetch(`${server.url}/sesiones/${session.id}/tablero.png`)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect([...new Uint8Array(await png.arrayBuffer()).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

    const [row] = await db().select().from(cocreationSessions).where(eq(cocreationSessions.id, session.id))
    expect(row.status).toBe('ended')
  })
})

/** The board registry the server registered (the same module the pages use, ADR 025), to watch or break it in one test. */
async function withRegistry<T>(replacement: (real: BoardDocuments) => BoardDocuments, work: () => Promise<T>) {
  const real = getBoardDocuments()
  setBoardDocuments(replacement(real))
  try {
    return await work()
  } finally {
    setBoardDocuments(real)
  }
}

describe('a dot does not copy the board', () => {
  test('placing dots never reads a full copy of the document, and still refuses a frame or an unknown note', async () => {
    const session = await liveSession({ dotBudget: 3 })
    const board = await client(session.boardId, { token: facilitator.token })
    const note = addNote(board.doc, { x: 0, y: 300, text: 'Ventanilla única', author: authorOf(facilitator) })
    const frame = addFrame(board.doc, { x: 600, y: 0, w: 400, h: 300, text: 'Un marco', author: authorOf(facilitator) })
    await noteOnServer(session.boardId, note)
    await noteOnServer(session.boardId, frame)
    await control(session, facilitator, { intent: 'phase', phase: 'voting' })
    let copies = 0
    const results = await withRegistry(
      (real) => ({ ...real, read: (id) => (copies++, real.read(id)) }),
      async () => [await vote(session, citizen.cookie, note, 1), await vote(session, citizen.cookie, note, 1), await vote(session, citizen.cookie, frame, 1), await vote(session, citizen.cookie, 'nada', 1)],
    )
    expect(results.map((r) => r.status)).toEqual([200, 200, 404, 404])
    expect(results[2].body.messageKey).toBe('sessions.errors.noSuchNote')
    expect(copies).toBe(0)
    expect(results[1].body.mine).toEqual({ [note]: 2 })
  })
})

describe('the session page and its summary', () => {
  test('a failure to read the board is an error page, not a page that quietly lacks its summary', async () => {
    const session = await liveSession()
    await api('POST', `/sessions/${session.id}/end`, facilitator)
    expect((await getPage(server.url, `/sesiones/${session.id}`)).html).toContain('data-testid="session-summary"')
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const broken = await withRegistry(
        (real) => ({ ...real, peek: () => Promise.reject(new Error('storage unavailable')) }),
        () => getPage(server.url, `/sesiones/${session.id}`),
      )
      expect(broken.status).toBe(500)
      expect(broken.html).not.toContain('data-testid="session-summary"')
      expect(logged).toHaveBeenCalled()
    } finally {
      // Back to the setup's watcher: calls cleared, the real console.error again.
      logged.mockReset()
    }
    // The record of decisions reads as words, not action codes; the page speaks the reader's language.
    const spanish = await getPage(server.url, `/sesiones/${session.id}`, facilitator.cookie)
    expect(spanish.html).toContain('Sesión terminada')
    expect(spanish.html).not.toMatch(/>session\.end</)
    const english = await getPage(server.url, `/sesiones/${session.id}`, { 'accept-language': 'en' })
    expect(english.status).toBe(200)
    expect(english.html).toContain('>Summary<')
  })
})
