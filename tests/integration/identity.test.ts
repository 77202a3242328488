import { and, eq } from 'drizzle-orm'
import { io as connect } from 'socket.io-client'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { addNote, type Author } from '#app/board/model.ts'
import { boardElementWriters, boardUpdates, boards, cocreationSessions, ideaAuthors, sessionDotVotes, sessionParticipants, sessionPromotions } from '#db/schema.ts'
import { updateFrame } from '#app/board/frames.ts'
import { BOARD_EVENTS, LIVE_EVENTS } from '#app/board/protocol.ts'
import { boardClient, type BoardClient } from '#tests/helpers/boards.ts'
import { insertChallenge, insertInstitution } from '#tests/helpers/fixtures.ts'
import { getPage, postForm } from '#tests/helpers/forms.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { hoursFromNow as hours, noteOnServer, serverElements, sessionHelpers, type Person, type SessionJson } from '#tests/helpers/sessions.ts'

/**
 * Issue 9, "nobody acts as someone else" (ADR 022): promotion credits, awareness identity,
 * blocked people and role changes on open boards, and guests (the code, wrong codes, one guest
 * per browser, no drafts) — each through the real server, real sockets and the real database.
 */

let server: TestServer
const clients: BoardClient[] = []
let admin: Person
let facilitator: Person
let official: Person
let citizen: Person
let challenge: { id: string; slug: string }

const WRONG_CODES_PER_ADDRESS = 5
const db = () => server.database.db

const kit = sessionHelpers(() => server)
const { person, api, joinAsGuest } = kit

const liveSession = (extra: Record<string, unknown> = {}, on = challenge) => kit.liveSession(facilitator, on.id, { template: 'blank', ...extra })

async function client(boardId: string, options: Parameters<typeof boardClient>[2]) {
  const c = boardClient(server.url, boardId, options)
  clients.push(c)
  await c.synced
  return c
}

const control = (session: SessionJson, fields: Record<string, string>) => kit.control(session, facilitator, fields)

/** A plain-form dot (no JavaScript): 303 back either way; what counts is what is stored. */
const dot = (session: SessionJson, cookie: string, noteId: string) => postForm(server.url, `/sesiones/${session.id}/puntos`, { noteId, delta: '1', redirectTo: `/sesiones/${session.id}` }, { cookie })

/** An update frame made outside the client's provider (a provider stops sending once it is told it may only view). */
function rawNoteFrame(text: string) {
  const doc = new Y.Doc()
  addNote(doc, { x: 0, y: 0, text, author: { key: 'user:x', name: 'x' } })
  const frame = updateFrame(Y.encodeStateAsUpdate(doc))
  doc.destroy()
  return frame
}

beforeAll(async () => {
  server = await startTestServer({ rateLimits: { sessionCodeFailuresPerIp: { points: WRONG_CODES_PER_ADDRESS, durationSeconds: 600 } } })
  const institution = await insertInstitution(db())
  challenge = await insertChallenge(db(), { title: 'Menos filas en el registro civil', phase: 'cocreation', institutionId: institution.id })
  admin = await person('admin', 'Adela Administradora')
  facilitator = await person('facilitator', 'Fabiola Facilitadora')
  official = await person('official', 'Óscar Oficial')
  citizen = await person('citizen', 'Carlos Ciudadano')
})
afterEach(() => {
  for (const c of clients.splice(0)) c.close()
})
afterAll(async () => {
  await server?.stop()
})

describe('promotion credits who really wrote (point 6)', () => {
  test("a citizen's note whose writers claim the admin and an official credits the citizen only; a guest's note claiming the citizen credits the guest", async () => {
    const session = await liveSession()
    const cit = await client(session.boardId, { token: citizen.token })
    const guest = await client(session.boardId, { guest: { sessionCode: session.code, name: 'Gabi Invitada' } })
    // The citizen's client writes whatever it likes into the document: author and writers naming others.
    const claimed: Author = { key: `user:${admin.id}`, name: admin.name }
    const note = addNote(cit.doc, { x: 0, y: 0, text: 'Citas por teléfono', author: claimed })
    cit.doc.transact(() => {
      const writers = (cit.doc.getMap('elements').get(note) as Y.Map<unknown>).get('writers') as Y.Map<string>
      writers.set(`user:${official.id}`, official.name)
    })
    const guestNote = addNote(guest.doc, { x: 300, y: 0, text: 'Kioscos en los mercados', author: { key: `user:${citizen.id}`, name: citizen.name } })
    await noteOnServer(session.boardId, note)
    await noteOnServer(session.boardId, guestNote)
    expect((await serverElements(session.boardId)).find((e) => e.id === note)?.writers.map((w) => w.key).sort()).toEqual([`user:${admin.id}`, `user:${official.id}`].sort())

    const promote = (elementId: string) => postForm(server.url, `/sesiones/${session.id}/promover`, { elementId, redirectTo: `/sesiones/${session.id}` }, facilitator.cookie)
    expect((await promote(note)).status).toBe(303)
    expect((await promote(guestNote)).status).toBe(303)
    const promoted = async (elementId: string) => (await db().select().from(sessionPromotions).where(and(eq(sessionPromotions.sessionId, session.id), eq(sessionPromotions.elementId, elementId))))[0]
    const authorsOf = async (ideaId: string) => (await db().select().from(ideaAuthors).where(eq(ideaAuthors.ideaId, ideaId))).map((a) => a.userId)

    const fromNote = await promoted(note)
    expect(await authorsOf(fromNote.ideaId)).toEqual([citizen.id])
    expect(fromNote.guestCredits).toEqual([])
    // Nobody with an account wrote the guest's note: the facilitator answers for it, the guest is credited by nickname.
    const fromGuest = await promoted(guestNote)
    expect(await authorsOf(fromGuest.ideaId)).toEqual([facilitator.id])
    expect(fromGuest.guestCredits).toEqual(['Gabi Invitada'])
    // The record is the database's, so it holds after a restart and on every instance.
    const rows = await db().select().from(boardElementWriters).where(eq(boardElementWriters.boardId, session.boardId))
    expect(rows.map((r) => [r.elementId, r.userId ?? `guest`]).sort()).toEqual([[note, citizen.id], [guestNote, 'guest']].sort())
  })

  test('moving or recolouring a note credits nobody; editing its text does', async () => {
    const session = await liveSession()
    const fac = await client(session.boardId, { token: facilitator.token })
    const cit = await client(session.boardId, { token: citizen.token })
    const note = addNote(fac.doc, { x: 0, y: 0, text: 'Horario extendido', author: { key: `user:${facilitator.id}`, name: facilitator.name } })
    await vi.waitFor(() => expect(cit.doc.getMap('elements').has(note), 'the note at the citizen').toBe(true), { timeout: 5000, interval: 20 })
    const map = cit.doc.getMap('elements').get(note) as Y.Map<unknown>
    cit.doc.transact(() => {
      map.set('x', 500)
      map.set('color', 'pink')
    })
    await vi.waitFor(async () => expect((await serverElements(session.boardId)).find((e) => e.id === note)?.x, 'the move on the server').toBe(500), { timeout: 5000, interval: 20 })
    const writers = async () => (await db().select().from(boardElementWriters).where(eq(boardElementWriters.elementId, note))).map((r) => r.userId).sort()
    expect(await writers()).toEqual([facilitator.id])
    ;(map.get('text') as Y.Text).insert(0, '¡')
    await vi.waitFor(async () => expect(await writers(), 'the citizen recorded as a writer').toHaveLength(2), { timeout: 5000, interval: 20 })
    expect(await writers()).toEqual([facilitator.id, citizen.id].sort())
  })
})

describe('awareness shows who a socket really is (point 7)', () => {
  test("a citizen's cursor claiming the facilitator's name and role shows the citizen; an anonymous reader's shows a visitor", async () => {
    const session = await liveSession()
    const fac = await client(session.boardId, { token: facilitator.token })
    const cit = await client(session.boardId, { token: citizen.token })
    const reader = await client(session.boardId, {})
    const forged = { name: facilitator.name, role: 'facilitator', key: `user:${facilitator.id}`, color: '#000000' }
    cit.provider.awareness.setLocalState({ user: forged, cursor: { x: 11, y: 22 } })
    reader.provider.awareness.setLocalState({ user: forged, cursor: { x: 33, y: 44 } })
    const seen = (clientId: number) => fac.provider.awareness.getStates().get(clientId) as { user?: Record<string, string>; cursor?: unknown } | undefined
    await vi.waitFor(() => expect([seen(cit.doc.clientID)?.cursor, seen(reader.doc.clientID)?.cursor].every(Boolean), 'both cursors at the facilitator').toBe(true), { timeout: 5000, interval: 20 })
    expect(seen(cit.doc.clientID)).toMatchObject({ cursor: { x: 11, y: 22 }, user: { name: citizen.name, role: 'citizen', key: `user:${citizen.id}` } })
    expect(seen(cit.doc.clientID)!.user!.color).toMatch(/^#[0-9a-f]{6}$/)
    expect(seen(cit.doc.clientID)!.user!.color).not.toBe('#000000')
    expect(seen(reader.doc.clientID)).toMatchObject({ cursor: { x: 33, y: 44 }, user: { name: 'Visitante', role: 'anonymous' } })
  })
})

describe('blocking and role changes reach open boards at once (point 8)', () => {
  test('a citizen blocked by a moderator goes to view at once and their next update is refused', async () => {
    const session = await liveSession()
    const blocked = await person('citizen', 'Bruno Bloqueable')
    const own = await client(session.boardId, { token: blocked.token })
    expect(own.provider.access).toBe('edit')
    const accessEvents: unknown[] = []
    own.socket.on(BOARD_EVENTS.access, (info: unknown) => accessEvents.push(info))

    expect((await postForm(server.url, '/moderacion', { intent: 'block', userId: blocked.id }, facilitator.cookie)).status).toBe(302)
    await vi.waitFor(() => expect(own.provider.access, 'board:access after the block').toBe('view'), { timeout: 5000, interval: 20 })
    expect(accessEvents).toEqual([{ boardId: session.boardId, access: 'view' }])
    own.socket.emit(BOARD_EVENTS.frame, session.boardId, rawNoteFrame('Escrito tras el bloqueo'))
    await vi.waitFor(() => expect(own.errors.map((e) => e.code), 'the update refused').toContain('read_only'), { timeout: 5000, interval: 20 })
    // Nothing reached the board.
    expect((await serverElements(session.boardId)).some((e) => e.text === 'Escrito tras el bloqueo')).toBe(false)

    // Unblocked, they edit again without reconnecting.
    expect((await postForm(server.url, '/moderacion', { intent: 'unblock', userId: blocked.id }, facilitator.cookie)).status).toBe(302)
    await vi.waitFor(() => expect(own.provider.access, 'board:access after the unblock').toBe('edit'), { timeout: 5000, interval: 20 })
  })

  test('a facilitator demoted by an admin stops editing a locked board at once', async () => {
    const session = await liveSession()
    expect((await control(session, { intent: 'lock', locked: 'true' })).status).toBe(303)
    const demoted = await person('facilitator', 'Dora Degradada')
    const own = await client(session.boardId, { token: demoted.token })
    expect(own.provider.access).toBe('edit')
    expect((await postForm(server.url, `/admin/usuarios/${demoted.id}`, { role: 'citizen', institutionId: '' }, admin.cookie)).status).toBe(302)
    await vi.waitFor(() => expect(own.provider.access, 'board:access after the role change').toBe('view'), { timeout: 5000, interval: 20 })
    own.socket.emit(BOARD_EVENTS.frame, session.boardId, rawNoteFrame('Escrito tras perder el rol'))
    await vi.waitFor(() => expect(own.errors.map((e) => e.code), 'the update refused').toContain('read_only'), { timeout: 5000, interval: 20 })
    // And back: an admin makes her a facilitator again.
    await postForm(server.url, `/admin/usuarios/${demoted.id}`, { role: 'facilitator', institutionId: '' }, admin.cookie)
    await vi.waitFor(() => expect(own.provider.access, 'board:access after the promotion').toBe('edit'), { timeout: 5000, interval: 20 })
  })
})

describe('guests (point 9)', () => {
  test('the code is shown to facilitators and participants only: API, pages and live state', async () => {
    const session = await liveSession()
    expect(session.code).toMatch(/^\d{6}$/)
    expect((await api('GET', `/sessions/${session.id}`)).body.session.code).toBeNull()
    const outsider = await person('citizen', 'Olga Ajena')
    expect((await api('GET', `/sessions/${session.id}`, outsider)).body.session.code).toBeNull()
    expect((await api('GET', `/sessions/${session.id}`, facilitator)).body.session.code).toBe(session.code)
    const codeShown = `data-testid="session-code">${session.code}<`
    expect((await getPage(server.url, `/sesiones/${session.id}`)).html).not.toContain('data-testid="session-code"')
    expect((await getPage(server.url, `/tableros/${session.boardId}`)).html).not.toContain('data-testid="session-code"')
    expect((await getPage(server.url, `/tableros/${session.boardId}`, outsider.cookie)).html).not.toContain('data-testid="session-code"')
    expect((await getPage(server.url, `/tableros/${session.boardId}`, facilitator.cookie)).html).toContain(codeShown)
    // A participant: a person who joined with the code, and a guest.
    expect((await getPage(server.url, `/sesiones/unirse?codigo=${session.code}`, citizen.cookie)).status).toBe(302)
    expect((await api('GET', `/sessions/${session.id}`, citizen)).body.session.code).toBe(session.code)
    const guest = await joinAsGuest(session.code, 'Pía Participante')
    expect((await getPage(server.url, `/tableros/${session.boardId}`, { cookie: guest.cookie! })).html).toContain(codeShown)
    // What anyone may watch on /live carries no code either.
    const live = connect(`${server.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true })
    try {
      const watched = await live.emitWithAck(LIVE_EVENTS.watchSession, session.id)
      expect(watched).toMatchObject({ ok: true, session: { id: session.id, code: null } })
      const states: SessionJson[] = []
      live.on(LIVE_EVENTS.sessionState, (s: SessionJson) => states.push(s))
      await control(session, { intent: 'phase', phase: 'clustering' })
      await vi.waitFor(() => expect(states, 'a session:state').toHaveLength(1), { timeout: 5000, interval: 20 })
      expect(states[0].code).toBeNull()
    } finally {
      live.disconnect()
    }
  })

  test('wrong codes are throttled per address; forty people behind one address all get in with the right code', async () => {
    const session = await liveSession()
    const room = { 'x-forwarded-for': '203.0.113.40' }
    const joined = await Promise.all(Array.from({ length: 40 }, (_, i) => joinAsGuest(session.code, `Persona ${i + 1}`, room)))
    expect(joined.map((j) => j.status)).toEqual(Array(40).fill(302))
    expect(new Set(joined.map((j) => j.cookie)).size).toBe(40)

    const guesser = { 'x-forwarded-for': '198.51.100.7' }
    const wrong = session.code === '000001' ? '000002' : '000001'
    for (let i = 0; i < WRONG_CODES_PER_ADDRESS; i++) expect((await joinAsGuest(wrong, 'Adivina', guesser)).status).toBe(404)
    const refused = await joinAsGuest(wrong, 'Adivina', guesser)
    expect(refused.status).toBe(429)
    expect(refused.response.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(refused.html).toContain('Demasiados intentos')
    // Throttled, the address learns nothing more: the right code is refused the same way, by form and by link.
    expect((await joinAsGuest(session.code, 'Adivina', guesser)).status).toBe(429)
    const byLink = await getPage(server.url, `/sesiones/unirse?codigo=${session.code}`, guesser)
    expect(byLink.status).toBe(429)
    expect(byLink.response.headers.get('retry-after')).toMatch(/^\d+$/)
    // Other addresses, and the room, are not affected.
    expect((await joinAsGuest(session.code, 'Persona 41', room)).status).toBe(302)
    expect((await joinAsGuest(session.code, 'Otra', { 'x-forwarded-for': '192.0.2.1' })).status).toBe(302)
  })

  test('one guest per browser: a reload, a second tab or a new nickname is the same guest, with one dot budget', async () => {
    const session = await liveSession({ dotBudget: 3 })
    const fac = await client(session.boardId, { token: facilitator.token })
    const note = addNote(fac.doc, { x: 0, y: 0, text: 'Turnos en línea', author: { key: `user:${facilitator.id}`, name: facilitator.name } })
    await noteOnServer(session.boardId, note)
    await control(session, { intent: 'phase', phase: 'voting' })

    const first = await joinAsGuest(session.code, 'Rosa')
    expect(first.status).toBe(302)
    const cookie = first.cookie!
    for (let i = 0; i < 3; i++) expect((await dot(session, cookie, note)).status).toBe(303)
    // The same browser joins five more times with five nicknames.
    let held = cookie
    for (const name of ['Rosa 2', 'Rosita', 'R.', 'Rosa María', 'Rosa de nuevo']) {
      const again = await joinAsGuest(session.code, name, { cookie: held })
      expect(again.status).toBe(302)
      held = again.cookie ?? held
      await dot(session, held, note)
    }
    expect(held).toBe(cookie)
    const guests = await db().select().from(sessionParticipants).where(eq(sessionParticipants.sessionId, session.id))
    expect(guests.filter((p) => p.guestName).map((p) => p.guestName)).toEqual(['Rosa de nuevo'])
    // Three dots in all, not eighteen.
    const dots = await db().select().from(sessionDotVotes).where(eq(sessionDotVotes.sessionId, session.id))
    expect(dots.map((d) => d.count)).toEqual([3])

    // A second tab of the same browser on the socket (the cookie, or the code with the cookie) is the same guest.
    const tab = await client(session.boardId, { headers: { cookie } })
    const tabWithCode = await client(session.boardId, { headers: { cookie }, guest: { sessionCode: session.code, name: 'Rosa en otra pestaña' } })
    expect([tab.provider.access, tabWithCode.provider.access]).toEqual(['edit', 'edit'])
    const tabNote = addNote(tabWithCode.doc, { x: 0, y: 300, text: 'Desde la otra pestaña', author: { key: 'guest:x', name: 'x' } })
    await noteOnServer(session.boardId, tabNote)
    await vi.waitFor(async () => expect(await db().select().from(boardElementWriters).where(eq(boardElementWriters.elementId, tabNote)), 'the writer recorded').toHaveLength(1), { timeout: 5000, interval: 20 })
    const [writer] = await db().select().from(boardElementWriters).where(eq(boardElementWriters.elementId, tabNote))
    expect(writer.participantId).toBe(guests.find((p) => p.guestName)!.id)
    expect((await db().select().from(sessionParticipants).where(eq(sessionParticipants.sessionId, session.id))).filter((p) => p.guestName)).toHaveLength(1)
  })

  test('one guest per browser per session: join A, join B, back to A with the cookie is the same guest in A, dots shared, on pages and sockets', async () => {
    const [a, b] = [await liveSession({ dotBudget: 3 }), await liveSession({ dotBudget: 3 })]
    const fac = await client(a.boardId, { token: facilitator.token })
    const note = addNote(fac.doc, { x: 0, y: 0, text: 'Ventanilla única', author: { key: `user:${facilitator.id}`, name: facilitator.name } })
    await noteOnServer(a.boardId, note)
    await control(a, { intent: 'phase', phase: 'voting' })

    const inA = await joinAsGuest(a.code, 'Lucía')
    for (let i = 0; i < 2; i++) expect((await dot(a, inA.cookie!, note)).status).toBe(303)
    const inB = await joinAsGuest(b.code, 'Lucía', { cookie: inA.cookie! })
    expect(inB.status).toBe(302)
    // Back to A with the cookie: the link goes straight to the board, and joining again is the same guest.
    expect((await getPage(server.url, `/sesiones/unirse?codigo=${a.code}`, { cookie: inB.cookie! })).response.headers.get('location')).toBe(`/tableros/${a.boardId}`)
    const backInA = await joinAsGuest(a.code, 'Lucía de vuelta', { cookie: inB.cookie! })
    expect(backInA.status).toBe(302)
    const cookie = backInA.cookie!
    const guestsOf = async (s: SessionJson) => (await db().select().from(sessionParticipants).where(eq(sessionParticipants.sessionId, s.id))).filter((p) => p.guestName)
    const [guestA] = await guestsOf(a)
    const [guestB] = await guestsOf(b)
    expect((await guestsOf(a)).map((p) => p.guestName)).toEqual(['Lucía de vuelta'])
    expect((await guestsOf(b)).map((p) => p.guestName)).toEqual(['Lucía'])
    // The budget of A was not reset: two dots before, one more fits, the fourth does not.
    for (let i = 0; i < 2; i++) await dot(a, cookie, note)
    expect((await db().select().from(sessionDotVotes).where(eq(sessionDotVotes.sessionId, a.id))).map((d) => d.count)).toEqual([3])
    // The board pages know the guest on both boards.
    expect((await getPage(server.url, `/tableros/${a.boardId}`, { cookie })).html).toContain(`guest:${guestA.id}`)
    expect((await getPage(server.url, `/tableros/${b.boardId}`, { cookie })).html).toContain(`guest:${guestB.id}`)

    // Sockets with that cookie are the right guest on each board (and the code of A with it reuses A's guest).
    const sockets = [
      { s: a, c: await client(a.boardId, { headers: { cookie } }), guest: guestA },
      { s: b, c: await client(b.boardId, { headers: { cookie } }), guest: guestB },
      { s: a, c: await client(a.boardId, { headers: { cookie }, guest: { sessionCode: a.code, name: 'Lucía' } }), guest: guestA },
    ]
    for (const [i, { s, c, guest }] of sockets.entries()) {
      expect(c.provider.access).toBe('edit')
      const id = addNote(c.doc, { x: 0, y: 200 + i * 100, text: `Nota ${i}`, author: { key: 'guest:x', name: 'x' } })
      await noteOnServer(s.boardId, id)
      await vi.waitFor(async () => expect(await db().select().from(boardElementWriters).where(eq(boardElementWriters.elementId, id)), 'the writer recorded').toHaveLength(1), { timeout: 5000, interval: 20 })
      const [writer] = await db().select().from(boardElementWriters).where(eq(boardElementWriters.elementId, id))
      expect(writer.participantId).toBe(guest.id)
    }
    expect(await guestsOf(a)).toHaveLength(1)
  })

  test('no session on a draft challenge, and no guest on a draft board even with its code', async () => {
    const institution = await insertInstitution(db())
    const draft = await insertChallenge(db(), { title: 'Reto en borrador', phase: 'draft', institutionId: institution.id })
    const refused = await api('POST', `/challenges/${draft.id}/sessions`, facilitator, { title: 'Taller', startsAt: hours(1), endsAt: hours(2), template: 'blank' })
    expect(refused.status).toBe(422)
    expect(refused.body.error.message).toBe('El reto todavía es un borrador: publícalo antes de programar una sesión.')
    const form = await postForm(server.url, `/retos/${draft.slug}/sesiones/nueva`, { title: 'Taller', startsAt: '2030-03-01T09:00', endsAt: '2030-03-01T11:00', template: 'blank', dotBudget: '3' }, facilitator.cookie)
    expect(form.html).toContain('El reto todavía es un borrador')
    expect(await db().select().from(boards).where(eq(boards.challengeId, draft.id))).toHaveLength(0)

    // A live session on a draft (one made before this rule, or a challenge moved back): its code lets no guest in.
    const [board] = await db().insert(boards).values({ challengeId: draft.id, title: 'Tablero borrador', template: 'blank', createdBy: facilitator.id }).returning()
    await db().insert(boardUpdates).values({ boardId: board.id, update: Y.encodeStateAsUpdate(new Y.Doc()) })
    const code = '4' + String(Math.floor(Math.random() * 100000)).padStart(5, '0')
    await db().insert(cocreationSessions).values({ challengeId: draft.id, boardId: board.id, title: 'En borrador', startsAt: new Date(), endsAt: new Date(Date.now() + 3600_000), status: 'live', phase: 'silent', code, createdBy: facilitator.id })
    expect((await joinAsGuest(code, 'Intrusa')).status).toBe(404)
    const socketGuest = boardClient(server.url, board.id, { guest: { sessionCode: code, name: 'Intrusa' } })
    clients.push(socketGuest)
    await expect(socketGuest.synced).rejects.toThrow()
    expect((await db().select().from(sessionParticipants).innerJoin(cocreationSessions, eq(cocreationSessions.id, sessionParticipants.sessionId)).where(eq(cocreationSessions.code, code)))).toHaveLength(0)
  })

  /** A guest handshake with a code, from a client behind the given X-Forwarded-For: how the connection ends. */
  async function socketTry(url: string, sessionCode: string, forwardedFor: string) {
    const socket = connect(`${url}/boards`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': forwardedFor }, auth: { guest: { sessionCode, name: 'Adivina' } } })
    try {
      return await new Promise<string>((resolve) => {
        socket.on('connect', () => resolve('connected'))
        socket.on('connect_error', (err) => resolve(err.message))
      })
    } finally {
      socket.disconnect()
    }
  }

  // Last in this file: the second server configures the rate limits anew.
  test("wrong codes on the socket are counted per client as Express sees it (trust proxy): apart behind a trusted proxy, together when it isn't trusted", async () => {
    const session = await liveSession()
    const wrong = session.code === '000001' ? '000002' : '000001'
    // Loopback is trusted by default: two clients behind the proxy have a counter each.
    for (let i = 0; i < WRONG_CODES_PER_ADDRESS; i++) expect(await socketTry(server.url, wrong, '203.0.113.81')).toBe('session_not_live')
    expect(await socketTry(server.url, wrong, '203.0.113.81')).toBe('rate_limited')
    expect(await socketTry(server.url, session.code, '203.0.113.81')).toBe('rate_limited')
    expect(await socketTry(server.url, wrong, '203.0.113.82')).toBe('session_not_live')
    expect(await socketTry(server.url, session.code, '203.0.113.82')).toBe('connected')

    // An instance that trusts no proxy counts by the connection's address: the header changes nothing.
    const untrusting = await startTestServer({ database: server.database, trustProxy: '0', rateLimits: { sessionCodeFailuresPerIp: { points: WRONG_CODES_PER_ADDRESS, durationSeconds: 600 } } })
    try {
      for (let i = 0; i < WRONG_CODES_PER_ADDRESS; i++) expect(await socketTry(untrusting.url, wrong, `198.51.100.${i + 1}`)).toBe('session_not_live')
      expect(await socketTry(untrusting.url, wrong, '198.51.100.99')).toBe('rate_limited')
      expect(await socketTry(untrusting.url, session.code, '198.51.100.100')).toBe('rate_limited')
    } finally {
      await untrusting.stop()
    }
  })
})
