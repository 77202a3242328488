import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { signUpAndSignIn } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
const open: Socket[] = []
beforeAll(async () => {
  server = await startTestServer()
})
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect()
})
afterAll(() => server?.stop())

function liveSocket(options: Parameters<typeof connect>[1] = {}) {
  const socket = connect(`${server.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, ...options })
  open.push(socket)
  return socket
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })

const whoami = (socket: Socket) => socket.timeout(2000).emitWithAck(LIVE_EVENTS.whoami) as Promise<{ ok: boolean; user: { id: string; name: string } | null }>

describe('socket.io handshake uses the same sessions as pages and the API', () => {
  test('the token from POST /api/v1/session authenticates the handshake', async () => {
    const { token, user } = await signUpAndSignIn(server.url, 'Socket Token')
    const socket = liveSocket({ auth: { token } })
    await connected(socket)
    expect(await whoami(socket)).toEqual({ ok: true, user: { id: user.id, name: 'Socket Token', role: 'citizen' } })
  })

  test('the session cookie authenticates the handshake', async () => {
    const { token, user } = await signUpAndSignIn(server.url, 'Socket Cookie')
    const socket = liveSocket({ extraHeaders: { cookie: `cocrea_session=${token}` } })
    await connected(socket)
    expect((await whoami(socket)).user?.id).toBe(user.id)
  })

  test('no credentials connect as an anonymous reader', async () => {
    const socket = liveSocket()
    await connected(socket)
    expect(await whoami(socket)).toEqual({ ok: true, user: null })
  })

  test('an invalid token is refused', async () => {
    const socket = liveSocket({ auth: { token: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' } })
    await expect(connected(socket)).rejects.toThrow('unauthenticated')
  })

  test('a handshake from another site is refused', async () => {
    const { token } = await signUpAndSignIn(server.url)
    const socket = liveSocket({ extraHeaders: { cookie: `cocrea_session=${token}`, origin: 'https://evil.example' } })
    await expect(connected(socket)).rejects.toThrow()
  })

  test('a signed-out token stops authenticating new handshakes', async () => {
    const { token } = await signUpAndSignIn(server.url)
    await fetch(`${server.url}/api/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })
    await expect(connected(liveSocket({ auth: { token } }))).rejects.toThrow('unauthenticated')
  })
})
