import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { addNote, deleteElements, readElements } from '#app/board/model.ts'
import { asBytes, readFrame, syncStep1Frame, updateFrame } from '#app/board/frames.ts'
import { BOARD_EVENTS, type BoardError } from '#app/board/protocol.ts'
import { startAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { type DatabaseHandle } from '#db/client.ts'
import { BOARD_WAIT, boardClient, boardsSocket, insertBoardScene, type BoardClient } from '#tests/helpers/boards.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'
import { sessionHelpers } from '#tests/helpers/sessions.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let database: DatabaseHandle
let server: TestServer
const clients: BoardClient[] = []
const kit = sessionHelpers(() => server)

beforeAll(async () => {
  database = await createTestDatabase()
  server = await startTestServer({ database })
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

const author = { key: 'user:x', name: 'Elena' }

/** A board whose history has a deletion (so any full sync answer carries a delete set), edited by its facilitator. */
async function boardWithDeletion() {
  const scene = await insertBoardScene(database.db, { template: 'blank' })
  const editor = client(scene.board.id, { token: (await startAuthSession(scene.facilitator.id)).token })
  expect(await editor.synced).toBe('edit')
  const gone = addNote(editor.doc, { x: 0, y: 0, text: 'Borrada', author })
  addNote(editor.doc, { x: 300, y: 0, text: 'Queda', author })
  deleteElements(editor.doc, [gone])
  await vi.waitFor(() => expect(readElements(server.boards.get(scene.board.id)!.doc).map((e) => e.text)).toEqual(['Queda']), BOARD_WAIT)
  return { scene, editor }
}

/**
 * A y-websocket-style viewer: a bare socket and a Y.Doc that answers every sync step 1 with its
 * step 2, as the reference client does. Returns the board:errors it receives, in order.
 */
async function plainViewer(boardId: string) {
  const socket = boardsSocket(server.url)
  const doc = new Y.Doc()
  const errors: BoardError[] = []
  socket.on(BOARD_EVENTS.error, (e) => errors.push(e))
  const seen = { step1: 0, step2: 0 }
  socket.on(BOARD_EVENTS.frame, (id, frame) => {
    const bytes = asBytes(frame)
    if (id !== boardId || !bytes) return
    // The answer to a step 1 is sent before this returns.
    const { syncType } = readFrame(bytes, { doc, origin: 'server', reply: (answer) => socket.emit(BOARD_EVENTS.frame, boardId, answer) })
    if (syncType === syncProtocol.messageYjsSyncStep1) seen.step1++
    if (syncType === syncProtocol.messageYjsSyncStep2) seen.step2++
  })
  /** Joins (again), sends our step 1, and waits for the server's step 1 (answered) and step 2. */
  const join = async () => {
    const before = { ...seen }
    const reply = await new Promise<{ ok: boolean; access?: string }>((resolve) => socket.emit(BOARD_EVENTS.join, boardId, resolve))
    expect(reply).toMatchObject({ ok: true, access: 'view' })
    socket.emit(BOARD_EVENTS.frame, boardId, syncStep1Frame(doc))
    await vi.waitFor(() => expect(seen.step1 > before.step1 && seen.step2 > before.step2).toBe(true), BOARD_WAIT)
  }
  await join()
  return { socket, doc, errors, join, close: () => socket.disconnect() }
}

describe('a viewer who changes nothing is refused nothing', () => {
  test('a y-websocket viewer’s sync answer (deletions the board already has) is no refusal; a real change still is', async () => {
    const { scene } = await boardWithDeletion()
    const viewer = await plainViewer(scene.board.id)
    try {
      expect(readElements(viewer.doc).map((e) => e.text)).toEqual(['Queda'])
      // Back again (as after a reconnect): now its answer to the server's step 1 carries the board's deletions.
      viewer.socket.emit(BOARD_EVENTS.leave, scene.board.id)
      await viewer.join()
      // A frame that does not decode comes next: its refusal must be the first one (frames are read in order).
      viewer.socket.emit(BOARD_EVENTS.frame, scene.board.id, new Uint8Array([0, 9, 9]))
      await vi.waitFor(() => expect(viewer.errors.length).toBeGreaterThan(0), BOARD_WAIT)
      expect(viewer.errors.map((e) => e.code)).toEqual(['bad_frame'])

      // Deleting the note that is left is a change, and a viewer's change is refused; the board keeps it.
      const serverDoc = server.boards.get(scene.board.id)!.doc
      const left = readElements(viewer.doc)[0].id
      const updates: Uint8Array[] = []
      viewer.doc.on('update', (u: Uint8Array) => updates.push(u))
      deleteElements(viewer.doc, [left])
      expect(updates).toHaveLength(1)
      viewer.socket.emit(BOARD_EVENTS.frame, scene.board.id, updateFrame(updates[0]))
      await vi.waitFor(() => expect(viewer.errors.map((e) => e.code)).toEqual(['bad_frame', 'read_only']), BOARD_WAIT)
      expect(readElements(serverDoc).map((e) => e.text)).toEqual(['Queda'])
    } finally {
      viewer.close()
    }
  })

  test('the board client as a viewer: synced, nothing refused, edits of others arrive', async () => {
    const { scene, editor } = await boardWithDeletion()
    const viewer = client(scene.board.id)
    expect(await viewer.synced).toBe('view')
    addNote(editor.doc, { x: 600, y: 0, text: 'Después', author })
    await vi.waitFor(() => expect(readElements(viewer.doc).map((e) => e.text).sort()).toEqual(['Después', 'Queda']), BOARD_WAIT)
    expect(viewer.errors).toEqual([])
  })
})

describe('the end of a session on the wire', () => {
  test('a guest’s board client goes to "ended" and view when the facilitator ends the session, never "offline"', async () => {
    const scene = await insertBoardScene(database.db, { template: 'hmw' })
    const guest = client(scene.board.id, { guest: { sessionCode: scene.session!.code, name: 'Gina' } })
    expect(await guest.synced).toBe('edit')
    const statuses: string[] = []
    guest.provider.on('status', (s) => statuses.push(s))
    const facilitator = await kit.person('facilitator', 'Fina')
    expect((await kit.api('POST', `/sessions/${scene.session!.id}/end`, facilitator)).status).toBe(200)
    await vi.waitFor(() => expect(guest.provider.status).toBe('ended'), BOARD_WAIT)
    expect(guest.provider.access).toBe('view')
    expect(guest.errors.map((e) => e.code)).toEqual(['session_ended'])
    // The server closes the guest's socket; the board does not call that "offline".
    await vi.waitFor(() => expect(guest.socket.connected).toBe(false), BOARD_WAIT)
    expect(statuses).toEqual(['ended'])
  })
})
