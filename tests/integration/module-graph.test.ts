import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { startAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { boardClient, insertBoardScene, type BoardClient } from '#tests/helpers/boards.ts'
import { insertChallenge, insertIdea, insertInstitution, insertUser } from '#tests/helpers/fixtures.ts'
import { postForm } from '#tests/helpers/forms.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

/**
 * Pages (the Remix build) and the API and sockets (server/) must share one copy of every
 * service module (ADR 025). With two copies, the pages' copy would have no live publisher, no
 * board registry and its own rate limiter: the checks below would each fail.
 */
const VOTE_LIMIT = 4
let server: TestServer
const sockets: Socket[] = []
const boards: BoardClient[] = []

beforeAll(async () => {
  server = await startTestServer({ rateLimits: { votePerUser: { points: VOTE_LIMIT, durationSeconds: 600 } } })
})
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect()
  for (const b of boards.splice(0)) b.close()
})
afterAll(async () => {
  await server?.stop()
})

const db = () => server.database.db

async function signedIn(role: 'citizen' | 'facilitator' = 'citizen') {
  const user = await insertUser(db(), { role })
  const { token } = await startAuthSession(user.id)
  return { user, cookie: `cocrea_session=${token}`, authorization: `Bearer ${token}` }
}

type Tally = { challengeId: string; ideaId: string; votes: number }

/** A `/live` socket watching the challenge, with every tally it hears. */
async function watchTallies(challengeId: string) {
  const socket = connect(`${server.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true })
  sockets.push(socket)
  const heard: Tally[] = []
  socket.on(LIVE_EVENTS.tally, (tally: Tally) => heard.push(tally))
  expect(await socket.timeout(3000).emitWithAck(LIVE_EVENTS.watchChallenge, challengeId)).toEqual({ ok: true })
  return heard
}

test('a vote through the form and one through the API reach the same live publisher and the same rate limiter', async () => {
  const institution = await insertInstitution(db())
  const challenge = await insertChallenge(db(), { title: 'Reto de un solo grafo', phase: 'voting', institutionId: institution.id, votingMethod: 'dots', votingBudget: 10, votingMaxPerIdea: 5 })
  const author = await insertUser(db())
  const [a, b] = [await insertIdea(db(), { challengeId: challenge.id, createdBy: author.id, title: 'Idea A' }), await insertIdea(db(), { challengeId: challenge.id, createdBy: author.id, title: 'Idea B' })]
  const voter = await signedIn()
  const heard = await watchTallies(challenge.id)

  const byForm = (ideaId: string, count: number) => postForm(server.url, `/ideas/${ideaId}/voto`, { count: String(count), redirectTo: `/ideas/${ideaId}` }, { cookie: voter.cookie })
  const byApi = (ideaId: string, count: number) =>
    fetch(`${server.url}/api/v1/ideas/${ideaId}/vote`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: voter.authorization }, body: JSON.stringify({ count }) })
  const tallyHeard = (ideaId: string, votes: number) => vi.waitFor(() => expect(heard).toContainEqual({ challengeId: challenge.id, ideaId, votes }), { timeout: 5000 })

  // Alternating paths, each heard by the watcher: four changes, the whole budget of the limiter.
  const accepted = await byForm(a.id, 1)
  expect(accepted.status).toBe(303)
  expect(accepted.location).not.toContain('votoError')
  await tallyHeard(a.id, 1)
  expect((await byApi(b.id, 1)).status).toBe(200)
  await tallyHeard(b.id, 1)
  expect((await byForm(a.id, 2)).location).not.toContain('votoError')
  await tallyHeard(a.id, 2)
  expect((await byApi(b.id, 2)).status).toBe(200)
  await tallyHeard(b.id, 2)

  // The fifth change is refused whichever way it comes: both paths count against one budget.
  const formRefused = await byForm(a.id, 3)
  expect(formRefused.status).toBe(303)
  expect(new URL(formRefused.location!, server.url).searchParams.get('votoError')).toBe('errors.rate_limited_generic')
  const apiRefused = await byApi(b.id, 3)
  expect(apiRefused.status).toBe(429)
  expect((await apiRefused.json()).error.code).toBe('rate_limited')
  expect(heard.map((t) => [t.ideaId === a.id ? 'A' : 'B', t.votes])).toEqual([
    ['A', 1],
    ['B', 1],
    ['A', 2],
    ['B', 2],
  ])
})

test('a lock through the session page reaches a board socket: pages and sockets share the board registry and the database', async () => {
  const scene = await insertBoardScene(db())
  const guest = boardClient(server.url, scene.board.id, { guest: { sessionCode: scene.session!.code, name: 'Invitada Grafo' } })
  boards.push(guest)
  expect(await guest.synced).toBe('edit')
  const access: string[] = []
  guest.provider.on('access', (next) => access.push(next))

  const { token } = await startAuthSession(scene.facilitator.id)
  const locked = await postForm(server.url, `/sesiones/${scene.session!.id}/control`, { intent: 'lock', locked: 'true', redirectTo: `/sesiones/${scene.session!.id}` }, { cookie: `cocrea_session=${token}` })
  expect(locked.status).toBe(303)
  await vi.waitFor(() => expect(access).toEqual(['view']), { timeout: 5000 })
})
