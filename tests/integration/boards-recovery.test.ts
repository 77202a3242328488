import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { addNote } from '#app/board/model.ts'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { BOARD_WAIT, boardClient, insertBoardScene, noteTexts, type BoardClient } from '#tests/helpers/boards.ts'
import { createTestDatabase, testPostgresUrl } from '#tests/helpers/database.ts'
import { insertUser } from '#tests/helpers/fixtures.ts'
import { postJson } from '#tests/helpers/http.ts'
import { startServerProcess, type ServerProcess } from '#tests/helpers/process.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'cocrea-boards-kill-'))
const running: ServerProcess[] = []
const clients: BoardClient[] = []
let database: (DatabaseHandle & { url?: string }) | undefined
afterAll(async () => {
  for (const c of clients) c.close()
  for (const p of running) p.child.kill('SIGKILL')
  await database?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function freePort() {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** The writers' pace (a person types a note now and then), not a wait for a signal. */
const pace = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a server killed with SIGKILL mid-session', () => {
  test('loses nothing a connected client wrote: after restart and reconnect every client’s edits are in the document', async () => {
    // The scene goes into the database before the server owns it (PGlite allows one process per directory).
    const setup = testPostgresUrl ? (database = await createTestDatabase()) : await openDatabase({ dataDir })
    const scene = await insertBoardScene(setup.db, { template: 'blank' })
    const people = await Promise.all(['Ana', 'Beto', 'Carla'].map((name) => insertUser(setup.db, { name })))
    if (!testPostgresUrl) await setup.close()

    const port = await freePort()
    const env = {
      PORT: String(port),
      SEED_DEMO: '0',
      SESSION_SECRET: 'x'.repeat(64),
      ...(database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    }
    const first = await startServerProcess(env)
    running.push(first)
    const url = `http://127.0.0.1:${port}`
    const tokens = await Promise.all(
      people.map(async (p) => ((await postJson(`${url}/api/v1/session`, { email: p.email, password: 'una-clave-larga' })).body as { token: string }).token),
    )
    for (const token of tokens) clients.push(boardClient(url, scene.board.id, { token, reconnection: true }))
    await Promise.all(clients.map((c) => c.synced))

    // Everyone keeps writing: before, during and after the kill.
    const written: string[] = []
    let writing = true
    const writers = clients.map(async (c, i) => {
      for (let n = 0; writing; n++) {
        const text = `${people[i].name} ${n}`
        addNote(c.doc, { x: n, y: i * 200, text, author: { key: `user:${people[i].id}`, name: people[i].name } })
        written.push(text)
        await pace(50)
      }
    })
    /** Resolves once the clients have written `perClient` more notes each (on average) than now. */
    const moreWritten = (perClient: number) => {
      const mark = written.length
      return vi.waitFor(() => expect(written.length).toBeGreaterThanOrEqual(mark + clients.length * perClient), BOARD_WAIT)
    }
    // Before: until each client holds notes of everyone (they went through the server).
    await vi.waitFor(() => expect(Math.min(...clients.map((c) => noteTexts(c.doc).length)), 'notes relayed before the kill').toBeGreaterThanOrEqual(30), { ...BOARD_WAIT, timeout: 20_000 })
    first.child.kill('SIGKILL')
    await first.exited
    // During: every client has noticed, and has gone on writing offline.
    await vi.waitFor(() => expect(clients.map((c) => c.provider.status), 'every client offline').toEqual(clients.map(() => 'offline')), BOARD_WAIT)
    await moreWritten(3)
    const second = await startServerProcess(env)
    running.push(second)
    await vi.waitFor(() => expect(clients.every((c) => c.provider.status === 'synced'), 'every client resynced').toBe(true), { ...BOARD_WAIT, timeout: 20_000 })
    // After: a few more each on the new server.
    await moreWritten(3)
    writing = false
    await Promise.all(writers)

    expect(written.length).toBeGreaterThan(60)
    const expected = [...written].sort()
    await vi.waitFor(() => expect(clients.map((c) => noteTexts(c.doc).length), 'every client has every note').toEqual(clients.map(() => expected.length)), { ...BOARD_WAIT, timeout: 10_000 })
    for (const c of clients) expect(noteTexts(c.doc)).toEqual(expected)
    // And the server has them: a newcomer receives the whole board.
    const newcomer = boardClient(url, scene.board.id)
    clients.push(newcomer)
    await newcomer.synced
    await vi.waitFor(() => expect(noteTexts(newcomer.doc), 'the newcomer gets every note').toHaveLength(expected.length), { ...BOARD_WAIT, timeout: 10_000 })
    expect(Y.encodeStateVector(newcomer.doc)).toEqual(Y.encodeStateVector(clients[0].doc))

  }, 120_000)
})

describe('write before relay', () => {
  test('after SIGKILL, every note a reader had seen relayed is in the stored board, without any writer reconnecting', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cocrea-boards-relay-kill-'))
    const own: BoardClient[] = []
    let relayDatabase: (DatabaseHandle & { url?: string }) | undefined
    try {
      const setup = testPostgresUrl ? (relayDatabase = await createTestDatabase()) : await openDatabase({ dataDir: dir })
      const scene = await insertBoardScene(setup.db, { template: 'blank' })
      const people = await Promise.all(['Dora', 'Elías', 'Fabiola', 'Gerardo'].map((name) => insertUser(setup.db, { name })))
      if (!testPostgresUrl) await setup.close()
      const port = await freePort()
      const env = { PORT: String(port), SEED_DEMO: '0', SESSION_SECRET: 'x'.repeat(64), ...(relayDatabase?.url ? { DATABASE_URL: relayDatabase.url } : { DATA_DIR: dir }) }
      const first = await startServerProcess(env)
      running.push(first)
      const url = `http://127.0.0.1:${port}`
      const tokens = await Promise.all(
        people.map(async (p) => ((await postJson(`${url}/api/v1/session`, { email: p.email, password: 'una-clave-larga' })).body as { token: string }).token),
      )
      // No client ever reconnects to the restarted server: what it has must come from storage alone.
      const writers = tokens.map((token) => boardClient(url, scene.board.id, { token }))
      const reader = boardClient(url, scene.board.id)
      own.push(...writers, reader)
      await Promise.all([...writers, reader].map((c) => c.synced))

      // Once the reader has seen 150 notes, the server is killed at once, while everyone keeps writing.
      const killed = new Promise<void>((resolve) => {
        const onUpdate = () => {
          if (noteTexts(reader.doc).length < 150) return
          reader.doc.off('update', onUpdate)
          first.child.kill('SIGKILL')
          resolve()
        }
        reader.doc.on('update', onUpdate)
      })
      let writing = true
      const loops = writers.map(async (c, i) => {
        for (let n = 0; writing && c.socket.connected; n++) {
          addNote(c.doc, { x: n, y: i * 200, text: `${people[i].name} ${n}`, author: { key: `user:${people[i].id}`, name: people[i].name } })
          await pace(6)
        }
      })
      await killed
      await first.exited
      writing = false
      await Promise.all(loops)
      // Frames already on their way when the server died count as seen too.
      await vi.waitFor(() => expect(reader.socket.connected, 'the reader is cut off').toBe(false), BOARD_WAIT)
      const seen = noteTexts(reader.doc)
      expect(seen.length).toBeGreaterThanOrEqual(150)
      for (const c of writers) c.close()

      const second = await startServerProcess(env)
      running.push(second)
      const newcomer = boardClient(url, scene.board.id)
      own.push(newcomer)
      await newcomer.synced
      const stored = new Set(noteTexts(newcomer.doc))
      expect(seen.filter((text) => !stored.has(text))).toEqual([])
    } finally {
      for (const c of own) c.close()
      for (const p of running) p.child.kill('SIGKILL')
      await Promise.all(running.map((p) => p.exited))
      await relayDatabase?.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
