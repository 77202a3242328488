import { eq } from 'drizzle-orm'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { addNote, readElements, setText } from '#app/board/model.ts'
import { boardAccessChanged } from '#app/services/boards/board-documents.server.ts'
import { startAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { asBytes, awarenessStatesFrame, parseFrame, queryAwarenessFrame, readFrame, updateFrame } from '#app/board/frames.ts'
import { BOARD_EVENTS } from '#app/board/protocol.ts'
import { type DatabaseHandle } from '#db/client.ts'
import { boardUpdates, cocreationSessions } from '#db/schema.ts'
import { storedSize } from '#server/boards/board-store.ts'
import { BOARD_WAIT, boardClient, boardsSocket, insertBoardScene, nextBoardError as nextError, noteTexts, untyped, type BoardClient } from '#tests/helpers/boards.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'
import { insertUser } from '#tests/helpers/fixtures.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let database: DatabaseHandle
let server: TestServer
const clients: BoardClient[] = []

const start = () => startTestServer({ database, boards: { unloadMs: 200 } })

beforeAll(async () => {
  database = await createTestDatabase()
  server = await start()
})
afterEach(() => {
  for (const c of clients.splice(0)) c.close()
})
afterAll(async () => {
  await server?.stop()
  await database?.close()
})

function client(boardId: string, options: Parameters<typeof boardClient>[2] = {}) {
  const c = boardClient(server.url, boardId, options)
  clients.push(c)
  return c
}

async function tokenFor(role: 'citizen' | 'facilitator' | 'official' = 'citizen', name = 'Participante') {
  const user = await insertUser(database.db, { role, name })
  return { user, token: (await startAuthSession(user.id)).token }
}

const me = (name: string) => ({ key: `user:${name}`, name })

/** A sync frame around raw bytes: the envelope is right, the update inside is whatever we say. */
const updateFrameOf = updateFrame

describe('/boards: sync over socket.io', () => {
  test('two clients converge, a late joiner gets the whole document, and a restart restores it from storage', async () => {
    const scene = await insertBoardScene(database.db)
    const facilitator = { token: (await startAuthSession(scene.facilitator.id)).token }
    const citizen = await tokenFor()
    const a = client(scene.board.id, facilitator)
    const b = client(scene.board.id, citizen)
    expect(await a.synced).toBe('edit')
    expect(await b.synced).toBe('edit')
    // The template's four frames came from storage.
    expect(readElements(a.doc).filter((e) => e.type === 'frame')).toHaveLength(4)

    addNote(a.doc, { x: 10, y: 10, text: 'Citas por WhatsApp', author: me('A') })
    const fromB = addNote(b.doc, { x: 300, y: 10, text: 'Horario extendido', author: me('B') })
    await vi.waitFor(() => expect([noteTexts(a.doc).length, noteTexts(b.doc).length], 'both notes on both clients').toEqual([2, 2]), BOARD_WAIT)
    setText(a.doc, fromB, 'Horario extendido los sábados', me('A'))
    await vi.waitFor(() => expect(noteTexts(b.doc), 'the edit reaches B').toContain('Horario extendido los sábados'), BOARD_WAIT)
    expect(noteTexts(a.doc)).toEqual(noteTexts(b.doc))

    const late = client(scene.board.id)
    expect(await late.synced).toBe('view')
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc))
    expect(noteTexts(late.doc)).toEqual(['Citas por WhatsApp', 'Horario extendido los sábados'])

    for (const c of clients.splice(0)) c.close()
    await server.stop()
    server = await start()
    const after = client(scene.board.id)
    await after.synced
    expect(noteTexts(after.doc)).toEqual(['Citas por WhatsApp', 'Horario extendido los sábados'])
    expect(readElements(after.doc).filter((e) => e.type === 'frame')).toHaveLength(4)
  })

  test('in a quiet room every change goes out as its own frame; in a busy room changes within the window go out merged, and nothing is lost', async () => {
    /** Five separate changes in one burst: how many update frames reach a reader. */
    const framesForFiveChanges = async () => {
      const scene = await insertBoardScene(database.db, { template: 'blank' })
      const writer = client(scene.board.id, { token: (await tokenFor()).token })
      const reader = client(scene.board.id)
      await Promise.all([writer.synced, reader.synced])
      let updateFrames = 0
      reader.socket.on(BOARD_EVENTS.frame, (_id, frame) => {
        if (parseFrame(asBytes(frame)!).kind === 'update') updateFrames++
      })
      for (let i = 1; i <= 5; i++) addNote(writer.doc, { x: i * 10, y: 0, text: `Nota ${i}`, author: me('W') })
      await vi.waitFor(() => expect(noteTexts(reader.doc)).toHaveLength(5), BOARD_WAIT)
      // A later change as the end marker: whatever the five changes still sent would arrive before it.
      addNote(writer.doc, { x: 0, y: 100, text: 'Marca', author: me('W') })
      await vi.waitFor(() => expect(noteTexts(reader.doc)).toContain('Marca'), BOARD_WAIT)
      expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(writer.doc))
      return updateFrames - 1
    }
    expect(await framesForFiveChanges()).toBe(5)

    // A busy room, simulated: a server that treats two clients as a crowd (window 2 × 150 ms).
    // The first change goes out at once, the other four within the window as one frame.
    for (const c of clients.splice(0)) c.close()
    await server.stop()
    server = await startTestServer({ database, boards: { unloadMs: 200, fanoutQuietRoom: 0, fanoutMsPerClient: 150, fanoutMaxMs: 1000 } })
    try {
      expect(await framesForFiveChanges()).toBe(2)
    } finally {
      for (const c of clients.splice(0)) c.close()
      await server.stop()
      server = await start()
    }
  })

  test('updates are stored in small batches, and compaction keeps the document while shrinking the log', async () => {
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    const { token } = await tokenFor()
    const a = client(scene.board.id, { token })
    await a.synced
    for (let i = 0; i < 60; i++) addNote(a.doc, { x: i * 10, y: 0, text: `Nota ${i}`, author: me('A') })
    // Relayed updates are on disk within the batch interval, without waiting for anyone to leave.
    await vi.waitFor(async () => {
      const doc = new Y.Doc()
      const rows = await database.db.select().from(boardUpdates).where(eq(boardUpdates.boardId, scene.board.id))
      for (const r of rows) Y.applyUpdate(doc, r.update)
      expect(noteTexts(doc), 'all 60 notes stored').toHaveLength(60)
    }, BOARD_WAIT)
    const before = await storedSize(database.db, scene.board.id)
    expect(before.updates).toBeGreaterThan(1)
    const rowIds = async () => (await database.db.select({ id: boardUpdates.id }).from(boardUpdates).where(eq(boardUpdates.boardId, scene.board.id))).map((r) => r.id)
    const folded = await rowIds()
    await server.boards.get(scene.board.id)!.compact()
    // The folded rows are gone; the board is now a few pieces at the end of the log (ADR 021).
    const after = await rowIds()
    expect(after.length).toBeGreaterThan(0)
    expect(after.every((id) => id > Math.max(...folded))).toBe(true)
    a.close()
    const reader = client(scene.board.id)
    await reader.synced
    expect(noteTexts(reader.doc)).toHaveLength(60)
  })

  test('a board is unloaded a grace period after its last client leaves, with everything stored', async () => {
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    const { token } = await tokenFor()
    const a = client(scene.board.id, { token })
    await a.synced
    addNote(a.doc, { x: 0, y: 0, text: 'Antes de irme', author: me('A') })
    await vi.waitFor(() => expect(noteTexts(server.boards.get(scene.board.id)!.doc), 'the server has the note').toHaveLength(1), BOARD_WAIT)
    a.close()
    await vi.waitFor(() => expect(server.boards.get(scene.board.id), 'the board is unloaded').toBeUndefined(), BOARD_WAIT)
    const reader = client(scene.board.id)
    await reader.synced
    expect(noteTexts(reader.doc)).toEqual(['Antes de irme'])
  })

  test('one socket may join several boards', async () => {
    const one = await insertBoardScene(database.db, { template: 'blank' })
    const two = await insertBoardScene(database.db, { template: 'hmw' })
    const socket = boardsSocket(server.url)
    try {
      const replies = await Promise.all([one, two].map((s) => socket.timeout(3000).emitWithAck(BOARD_EVENTS.join, s.board.id)))
      expect(replies).toEqual([
        { ok: true, access: 'view' },
        { ok: true, access: 'view' },
      ])
    } finally {
      socket.disconnect()
    }
  })

  test('awareness: a cursor reaches the others, and goes for everyone when its client disconnects', async () => {
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    const a = client(scene.board.id, await tokenFor())
    const b = client(scene.board.id, await tokenFor())
    await Promise.all([a.synced, b.synced])
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#1d4ed8' })
    a.provider.awareness.setLocalStateField('cursor', { x: 120, y: 80 })
    await vi.waitFor(() => expect(b.provider.awareness.getStates().get(a.doc.clientID), 'B sees A’s cursor').toMatchObject({ cursor: { x: 120 } }), BOARD_WAIT)
    a.socket.disconnect()
    await vi.waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID), 'A’s cursor is gone for B').toBe(false), BOARD_WAIT)
  })

  test('a query for awareness (message type 3) is answered with the awareness states, as y-websocket does', async () => {
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    const a = client(scene.board.id, await tokenFor('citizen', 'Ana'))
    await a.synced
    a.provider.awareness.setLocalStateField('cursor', { x: 42, y: 7 })
    await vi.waitFor(() => expect(server.boards.get(scene.board.id)!.awareness.getStates().has(a.doc.clientID)).toBe(true), BOARD_WAIT)

    // A bare socket.io client speaking the protocol, without a provider.
    const socket = boardsSocket(server.url)
    try {
      const answers: Awareness[] = []
      socket.on(BOARD_EVENTS.frame, (id, frame) => {
        const bytes = asBytes(frame)!
        if (id !== scene.board.id || parseFrame(bytes).kind !== 'awareness') return
        const awareness = new Awareness(new Y.Doc())
        readFrame(bytes, { doc: new Y.Doc(), awareness, origin: 'server', reply: () => {} })
        answers.push(awareness)
      })
      expect(await socket.timeout(3000).emitWithAck(BOARD_EVENTS.join, scene.board.id)).toEqual({ ok: true, access: 'view' })
      // On join the server sent its states once; the query asks for them again.
      await vi.waitFor(() => expect(answers).toHaveLength(1), BOARD_WAIT)
      socket.emit(BOARD_EVENTS.frame, scene.board.id, queryAwarenessFrame())
      await vi.waitFor(() => expect(answers).toHaveLength(2), BOARD_WAIT)
      expect(answers[1].getStates().get(a.doc.clientID)).toMatchObject({ cursor: { x: 42, y: 7 }, user: { name: 'Ana' } })

      // On a board nobody is on, the answer is there and empty.
      const empty = await insertBoardScene(database.db, { template: 'blank' })
      expect(await socket.timeout(3000).emitWithAck(BOARD_EVENTS.join, empty.board.id)).toEqual({ ok: true, access: 'view' })
      const answered = new Promise<Uint8Array>((resolve) => socket.on(BOARD_EVENTS.frame, (id, frame) => id === empty.board.id && parseFrame(asBytes(frame)!).kind === 'awareness' && resolve(asBytes(frame)!)))
      socket.emit(BOARD_EVENTS.frame, empty.board.id, queryAwarenessFrame())
      expect(parseFrame(await answered)).toMatchObject({ kind: 'awareness', clients: [] })
      expect(server.boards.get(empty.board.id)!.awareness.getStates().size).toBe(0)
    } finally {
      socket.disconnect()
    }
  })
})

describe('/boards: refusals change nothing and leave the connection working', () => {
  test('malformed, oversized and forged frames are refused with board:error; edits still flow afterwards', async () => {
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    const a = client(scene.board.id, await tokenFor('citizen', 'Ana'))
    const b = client(scene.board.id, await tokenFor('citizen', 'Beto'))
    await Promise.all([a.synced, b.synced])
    addNote(a.doc, { x: 0, y: 0, text: 'Nota buena', author: me('A') })
    await vi.waitFor(() => expect(noteTexts(b.doc), 'the first note reaches B').toHaveLength(1), BOARD_WAIT)
    const serverDoc = server.boards.get(scene.board.id)!.doc
    const stateBefore = Y.encodeStateAsUpdate(serverDoc)

    const cases: [string, unknown, string][] = [
      ['garbage bytes', new Uint8Array([7, 7, 7, 7]), 'bad_frame'],
      ['a sync envelope around a broken update', updateFrameOf(new Uint8Array([255, 255, 255, 1, 2, 3])), 'bad_frame'],
      ['an empty frame', new Uint8Array(), 'bad_frame'],
      ['text instead of bytes', 'hola', 'bad_frame'],
      ['over 1 MiB', updateFrameOf(new Uint8Array(1024 * 1024 + 10)), 'too_large'],
    ]
    for (const [what, frame, code] of cases) {
      const refused = nextError(a)
      untyped(a.socket).emit(BOARD_EVENTS.frame, scene.board.id, frame)
      expect((await refused).code, what).toBe(code)
    }
    // A frame for a board this socket never joined.
    const other = await insertBoardScene(database.db, { template: 'blank' })
    const notJoined = nextError(a)
    a.socket.emit(BOARD_EVENTS.frame, other.board.id, updateFrameOf(Y.encodeStateAsUpdate(new Y.Doc())))
    expect((await notJoined).code).toBe('not_joined')
    // B's cursor cannot be moved by A.
    b.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 })
    await vi.waitFor(() => expect(a.provider.awareness.getStates().has(b.doc.clientID), 'A sees B').toBe(true), BOARD_WAIT)
    const impostor = new Y.Doc()
    impostor.clientID = b.doc.clientID
    const forgedAwareness = new Awareness(impostor)
    forgedAwareness.setLocalStateField('cursor', { x: 999, y: 999 })
    const forged = nextError(a)
    a.socket.emit(BOARD_EVENTS.frame, scene.board.id, awarenessStatesFrame(forgedAwareness, [b.doc.clientID]))
    expect((await forged).code).toBe('forbidden')

    expect(Y.encodeStateAsUpdate(serverDoc)).toEqual(stateBefore)
    expect(a.socket.connected).toBe(true)
    addNote(a.doc, { x: 0, y: 200, text: 'Sigo aquí', author: me('A') })
    await vi.waitFor(() => expect(noteTexts(b.doc), 'a later edit still reaches B').toContain('Sigo aquí'), BOARD_WAIT)
  })

  test('a viewer’s update is refused with read_only and reaches nobody', async () => {
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    const editor = client(scene.board.id, await tokenFor())
    const viewer = client(scene.board.id)
    expect(await viewer.synced).toBe('view')
    await editor.synced
    const doc = new Y.Doc()
    addNote(doc, { x: 0, y: 0, text: 'Intrusa', author: me('V') })
    const refused = nextError(viewer)
    viewer.socket.emit(BOARD_EVENTS.frame, scene.board.id, updateFrameOf(Y.encodeStateAsUpdate(doc)))
    expect((await refused).code).toBe('read_only')
    addNote(editor.doc, { x: 0, y: 0, text: 'Legítima', author: me('E') })
    await vi.waitFor(() => expect(noteTexts(viewer.doc), 'the viewer still receives edits').toContain('Legítima'), BOARD_WAIT)
    expect(noteTexts(server.boards.get(scene.board.id)!.doc)).toEqual(['Legítima'])
  })

  test('people may not open a board of a draft challenge; a board without a live session is read-only for citizens', async () => {
    const draft = await insertBoardScene(database.db, { phase: 'draft' })
    const citizen = client(draft.board.id, await tokenFor())
    await expect(citizen.synced).rejects.toThrow(/not_found/)
    const scheduled = await insertBoardScene(database.db, { session: 'scheduled' })
    const early = client(scheduled.board.id, await tokenFor())
    expect(await early.synced).toBe('view')
  })

  test('guests: join a live session with its code; refused once it has ended, and moved to read-only when it is locked', async () => {
    const scene = await insertBoardScene(database.db)
    const guest = client(scene.board.id, { guest: { sessionCode: scene.session!.code, name: 'Invitada Xiomara' } })
    expect(await guest.synced).toBe('edit')
    // A guest of one session cannot open another board.
    const elsewhere = await insertBoardScene(database.db)
    const reply = await guest.socket.timeout(3000).emitWithAck(BOARD_EVENTS.join, elsewhere.board.id)
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } })

    await database.db.update(cocreationSessions).set({ locked: true }).where(eq(cocreationSessions.id, scene.session!.id))
    const access = new Promise((resolve) => guest.provider.on('access', resolve))
    await boardAccessChanged(scene.board.id)
    expect(await access).toBe('view')

    await database.db.update(cocreationSessions).set({ status: 'ended', locked: false }).where(eq(cocreationSessions.id, scene.session!.id))
    const ended = nextError(guest)
    await boardAccessChanged(scene.board.id)
    expect((await ended).code).toBe('session_ended')
    const late = client(scene.board.id, { guest: { sessionCode: scene.session!.code, name: 'Invitado Tardío' } })
    await expect(late.synced).rejects.toThrow(/session_not_live/)
  })

  test('a malformed join is answered, not dropped', async () => {
    const socket = boardsSocket(server.url)
    try {
      expect(await socket.timeout(3000).emitWithAck(BOARD_EVENTS.join, 'not-a-uuid')).toMatchObject({ ok: false, error: { code: 'validation' } })
      expect(await socket.timeout(3000).emitWithAck(BOARD_EVENTS.join, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'not_found' } })
      expect(socket.connected).toBe(true)
    } finally {
      socket.disconnect()
    }
  })
})
