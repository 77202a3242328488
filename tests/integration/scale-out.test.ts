import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { startAuthSession as signInAs } from '#app/services/accounts/auth-sessions.server.ts'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { boardClient, insertBoardScene, type BoardClient } from '#tests/helpers/boards.ts'
import { insertUser } from '#tests/helpers/fixtures.ts'
import { postForm } from '#tests/helpers/forms.ts'
import { signUpAndSignIn } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

// CI sets TEST_REDIS_URL; without it (a machine with no Redis) the same test runs on one instance in memory.
const redisUrl = process.env.TEST_REDIS_URL || undefined
const servers: TestServer[] = []
const sockets: Socket[] = []
const boardClients: BoardClient[] = []

beforeAll(async () => {
  const first = await startTestServer({ redisUrl })
  servers.push(first)
  servers.push(redisUrl ? await startTestServer({ redisUrl, database: first.database }) : first)
})
afterAll(async () => {
  for (const s of sockets) s.disconnect()
  for (const c of boardClients) c.close()
  for (const s of [...new Set(servers)].reverse()) await s.stop()
})

function liveSocket(server: TestServer, token: string) {
  const socket = connect(`${server.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } })
  sockets.push(socket)
  return new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

describe(redisUrl ? 'two instances through the Redis adapter' : 'one instance with the in-memory adapter', () => {
  test('a message for a person reaches their sockets on every instance, and a session works on both', async () => {
    const [a, b] = servers
    const { token, user } = await signUpAndSignIn(a.url, 'Persona Distribuida')
    // The session made on instance A is valid on instance B (sessions live in the shared database).
    expect((await fetch(`${b.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
    const onA = await liveSocket(a, token)
    const onB = await liveSocket(b, token)
    const received = Promise.all(
      [onA, onB].map((s) => new Promise((resolve) => s.once(LIVE_EVENTS.notification, resolve))),
    )
    // Sent from instance B only: the copy for the socket on A must travel through Redis.
    b.io.of('/live').to(`user:${user.id}`).emit(LIVE_EVENTS.notification, { kind: 'test', text: 'hola' })
    expect(await received).toEqual([
      { kind: 'test', text: 'hola' },
      { kind: 'test', text: 'hola' },
    ])
  })

  test("a block made on one instance turns the person's board socket on the other to view at once", async () => {
    const [a, b] = servers
    const scene = await insertBoardScene(a.database.db)
    const { token, user } = await signUpAndSignIn(a.url, 'Persona Bloqueable')
    const onA = boardClient(a.url, scene.board.id, { token })
    boardClients.push(onA)
    expect(await onA.synced).toBe('edit')
    const moderator = await insertUser(a.database.db, { role: 'facilitator', name: 'Moderadora' })
    const { token: modToken } = await signInAs(moderator.id)
    // The block goes through instance B; the socket lives on A.
    expect((await postForm(b.url, '/moderacion', { intent: 'block', userId: user.id }, { cookie: `cocrea_session=${modToken}` })).status).toBe(302)
    await vi.waitFor(() => expect(onA.provider.access, 'board:access on the other instance').toBe('view'), { timeout: 5000, interval: 20 })
  })
})
