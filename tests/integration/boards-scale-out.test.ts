import * as Y from 'yjs'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { addNote } from '#app/board/model.ts'
import { documentFrom, loadBoard } from '#server/boards/board-store.ts'
import { BOARD_WAIT, boardClient, insertBoardScene, noteTexts, type BoardClient } from '#tests/helpers/boards.ts'
import { createTestDatabase, testPostgresUrl } from '#tests/helpers/database.ts'
import { insertUser } from '#tests/helpers/fixtures.ts'
import { postJson } from '#tests/helpers/http.ts'
import { startServerProcess, type ServerProcess } from '#tests/helpers/process.ts'
import { startTestServer } from '#tests/helpers/server.ts'

// CI sets TEST_DATABASE_URL and TEST_REDIS_URL together: two real processes share PostgreSQL and Redis.
// Without them (PGlite allows one process per directory) the same flow runs against one in-process instance.
const redisUrl = process.env.TEST_REDIS_URL || undefined
const twoInstances = Boolean(redisUrl && testPostgresUrl)
const clients: BoardClient[] = []
const processes: ServerProcess[] = []
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of clients) c.close()
  for (const p of processes) p.child.kill('SIGKILL')
  for (const c of cleanups.reverse()) await c()
})

const author = (name: string) => ({ key: `user:${name}`, name })

describe(twoInstances ? 'two instances through Redis serve one board' : 'one instance serves the board (no Redis configured)', () => {
  test('clients on different instances converge; when one instance dies its clients move to the other and nothing is lost', async () => {
    const database = await createTestDatabase()
    cleanups.push(() => database.close())
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    const people = await Promise.all(['Ana', 'Beto', 'Carla'].map((name) => insertUser(database.db, { name })))

    let urls: [string, string]
    let killFirst: () => Promise<void>
    let onA: BoardClient[] = []
    if (twoInstances) {
      const env = { PORT: '0', DATABASE_URL: database.url!, REDIS_URL: redisUrl!, SESSION_SECRET: 'y'.repeat(64), SEED_DEMO: '0' }
      const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)])
      processes.push(a, b)
      urls = [a.url, b.url]
      killFirst = async () => {
        a.child.kill('SIGKILL')
        await a.exited
      }
    } else {
      const only = await startTestServer({ database })
      cleanups.push(() => only.stop())
      urls = [only.url, only.url]
      killFirst = async () => {
        for (const c of onA) c.socket.disconnect()
      }
    }
    const tokens = await Promise.all(
      people.map(async (p) => ((await postJson(`${urls[0]}/api/v1/session`, { email: p.email, password: 'una-clave-larga' })).body as { token: string }).token),
    )
    onA = [0, 1].map((i) => boardClient(urls[0], scene.board.id, { token: tokens[i] }))
    const onB = boardClient(urls[1], scene.board.id, { token: tokens[2] })
    clients.push(...onA, onB)
    await Promise.all(clients.map((c) => c.synced))

    addNote(onA[0].doc, { x: 0, y: 0, text: 'Desde A uno', author: author('Ana') })
    addNote(onA[1].doc, { x: 0, y: 200, text: 'Desde A dos', author: author('Beto') })
    addNote(onB.doc, { x: 0, y: 400, text: 'Desde B', author: author('Carla') })
    const firstThree = ['Desde A dos', 'Desde A uno', 'Desde B']
    await vi.waitFor(() => expect(clients.every((c) => noteTexts(c.doc).join() === firstThree.join()), 'the three clients converge').toBe(true), BOARD_WAIT)
    // Instance B's own document has A's updates: a newcomer on B receives them from B.
    const newcomerOnB = boardClient(urls[1], scene.board.id)
    clients.push(newcomerOnB)
    await newcomerOnB.synced
    expect(noteTexts(newcomerOnB.doc)).toEqual(firstThree)

    // A's clients keep writing, A dies, and they reconnect (as a load balancer would send them) to B.
    addNote(onA[0].doc, { x: 300, y: 0, text: 'Justo antes de caer', author: author('Ana') })
    await killFirst()
    addNote(onA[1].doc, { x: 300, y: 200, text: 'Escrita sin conexión', author: author('Beto') })
    const moved = onA.map((c, i) => {
      c.provider.destroy()
      return boardClient(urls[1], scene.board.id, { token: tokens[i], doc: c.doc })
    })
    clients.push(...moved)
    await Promise.all(moved.map((c) => c.synced))
    const all = [...firstThree, 'Escrita sin conexión', 'Justo antes de caer'].sort()
    await vi.waitFor(() => expect([onB, newcomerOnB, ...moved].every((c) => noteTexts(c.doc).join() === all.join()), 'everyone converges on B').toBe(true), BOARD_WAIT)

    // And storage has it all.
    await vi.waitFor(async () => expect(noteTexts(documentFrom(await loadBoard(database.db, scene.board.id))).join() === all.join(), 'every note stored').toBe(true), BOARD_WAIT)
    const stored = documentFrom(await loadBoard(database.db, scene.board.id))
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(onB.doc))
  }, 90_000)
})
