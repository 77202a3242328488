import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createAuthSession, generateAuthSessionToken } from '#app/services/accounts/auth-sessions.server.ts'
import { configureRateLimits } from '#app/services/platform/rate-limits.server.ts'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { challenges, ideas, institutions, users, voteBudgets, votes, type Phase } from '#db/schema.ts'
import { getPage, postForm } from '#tests/helpers/forms.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
const open: Socket[] = []
let institutionId: string
let authorId: string

beforeAll(async () => {
  server = await startTestServer()
  // The concurrency tests fire hundreds of changes per person; the rate-limit test lowers it again.
  configureRateLimits({ votePerUser: { points: 100_000, durationSeconds: 60 } })
  const db = server.database.db
  const [inst] = await db.insert(institutions).values({ slug: `inst-${suffix()}`, acronym: 'RENAP', name: 'Registro Nacional de las Personas' }).returning()
  institutionId = inst.id
  authorId = (await person('Autora de ideas')).id
})
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect()
})
afterAll(async () => {
  configureRateLimits()
  await server?.stop()
})

const suffix = () => randomBytes(5).toString('hex')
const db = () => server.database.db

/** A person with a session, created directly in the database (sign-up is rate-limited per address). */
async function person(name = 'Votante') {
  const [user] = await db()
    .insert(users)
    .values({ email: `votante.${suffix()}@ejemplo.gt`, name, passwordHash: 'not-a-real-hash' })
    .returning()
  const token = generateAuthSessionToken()
  await createAuthSession(token, user.id)
  return { id: user.id, token, auth: { authorization: `Bearer ${token}` }, cookie: `cocrea_session=${token}` }
}

type Rules = { phase?: Phase; method?: 'support' | 'dots'; budget?: number; maxPerIdea?: number; ideaCount?: number }
async function challengeWithIdeas({ phase = 'voting', method = 'support', budget = 1, maxPerIdea = 1, ideaCount = 3 }: Rules = {}) {
  const slug = `reto-${suffix()}`
  const [challenge] = await db()
    .insert(challenges)
    .values({ slug, title: `Reto ${slug}`, problem: 'Las filas para renovar el DPI son largas.', institutionId, phase, votingMethod: method, votingBudget: budget, votingMaxPerIdea: maxPerIdea })
    .returning()
  const rows = await db()
    .insert(ideas)
    .values(Array.from({ length: ideaCount }, (_, i) => ({ challengeId: challenge.id, title: `Idea ${i + 1} de ${slug}`, description: 'Una idea.', createdBy: authorId })))
    .returning()
  return { challenge, ideas: rows }
}

async function vote(who: { auth: Record<string, string> }, ideaId: string, count: number) {
  const response = await fetch(`${server.url}/api/v1/ideas/${ideaId}/vote`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...who.auth },
    body: JSON.stringify({ count }),
  })
  return { status: response.status, body: await response.json(), headers: response.headers }
}

async function withdraw(who: { auth: Record<string, string> }, ideaId: string) {
  const response = await fetch(`${server.url}/api/v1/ideas/${ideaId}/vote`, { method: 'DELETE', headers: who.auth })
  return { status: response.status, body: await response.json() }
}

const tallyOf = async (ideaId: string) => (await db().select({ v: ideas.voteTotal }).from(ideas).where(eq(ideas.id, ideaId)))[0].v

/** Rows of a raw query on either engine (postgres-js answers an array, PGlite `{rows}`). */
const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows)

/** The invariants the database must hold whatever happened: every tally and every budget is the sum of the vote rows. */
async function expectConsistent(challengeId: string) {
  const badTallies = await db().execute(sql`
    select i.id, i.vote_total, coalesce(sum(v.count), 0)::int as summed
    from ideas i left join votes v on v.idea_id = i.id
    where i.challenge_id = ${challengeId}
    group by i.id having i.vote_total <> coalesce(sum(v.count), 0) or i.vote_total < 0`)
  expect(rowsOf(badTallies)).toEqual([])
  const badBudgets = await db().execute(sql`
    select b.user_id, b.used, b.budget, coalesce(sum(v.count), 0)::int as summed
    from vote_budgets b left join votes v on v.challenge_id = b.challenge_id and v.user_id = b.user_id
    where b.challenge_id = ${challengeId}
    group by b.user_id, b.used, b.budget having b.used <> coalesce(sum(v.count), 0) or b.used > b.budget or b.used < 0`)
  expect(rowsOf(badBudgets)).toEqual([])
  // Every voter has a budget row (the lock every change takes first).
  const orphans = await db().execute(sql`
    select v.user_id from votes v left join vote_budgets b on b.challenge_id = v.challenge_id and b.user_id = v.user_id
    where v.challenge_id = ${challengeId} and b.user_id is null`)
  expect(rowsOf(orphans)).toEqual([])
}

describe('the phase rule', () => {
  test.each(['open', 'cocreation', 'evaluation', 'closed'] as const)('no votes cast or withdrawn in phase %s (422 outside_phase)', async (phase) => {
    const { ideas: [idea] } = await challengeWithIdeas({ phase })
    const voter = await person()
    const cast = await vote(voter, idea.id, 1)
    expect(cast.status).toBe(422)
    expect(cast.body.error.code).toBe('outside_phase')
    expect(cast.body.error.message).toMatch(/votación/)
    const removed = await withdraw(voter, idea.id)
    expect(removed.status).toBe(422)
    expect(await tallyOf(idea.id)).toBe(0)
  })

  test('votes cast during voting stay, and cannot be withdrawn once evaluation starts', async () => {
    const { challenge, ideas: [idea] } = await challengeWithIdeas()
    const voter = await person()
    expect((await vote(voter, idea.id, 1)).status).toBe(200)
    await db().update(challenges).set({ phase: 'evaluation' }).where(eq(challenges.id, challenge.id))
    expect((await withdraw(voter, idea.id)).status).toBe(422)
    expect(await tallyOf(idea.id)).toBe(1)
  })

  test('signed out 401, blocked 403, unknown idea 404, bad count 400', async () => {
    const { ideas: [idea] } = await challengeWithIdeas()
    const anonymous = await fetch(`${server.url}/api/v1/ideas/${idea.id}/vote`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"count":1}' })
    expect(anonymous.status).toBe(401)
    const blocked = await person()
    await db().update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id))
    const refused = await vote(blocked, idea.id, 1)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('blocked')
    const voter = await person()
    expect((await vote(voter, '00000000-0000-4000-8000-000000000000', 1)).status).toBe(404)
    expect((await vote(voter, 'no-es-un-id', 1)).status).toBe(404)
    for (const count of [0, -1, 1.5, '1']) expect((await vote(voter, idea.id, count as number)).status).toBe(400)
    expect(await tallyOf(idea.id)).toBe(0)
  })

  test('an idea that is not up for voting (submitted, hidden) refuses votes', async () => {
    const { ideas: [a, b] } = await challengeWithIdeas()
    await db().update(ideas).set({ status: 'submitted' }).where(eq(ideas.id, a.id))
    await db().update(ideas).set({ status: 'hidden' }).where(eq(ideas.id, b.id))
    const voter = await person()
    expect((await vote(voter, a.id, 1)).status).toBe(422)
    expect((await vote(voter, b.id, 1)).status).toBe(404)
  })
})

describe('support: one vote per idea, whatever the concurrency', () => {
  test('100 concurrent PUTs from one person count once', async () => {
    const { challenge, ideas: [idea, other] } = await challengeWithIdeas({ method: 'support' })
    const voter = await person()
    // A first vote creates the person's budget row: from then on only its row lock keeps their changes apart.
    expect((await vote(voter, other.id, 1)).status).toBe(200)
    const answers = await Promise.all(Array.from({ length: 100 }, () => vote(voter, idea.id, 1)))
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200))
    for (const a of answers) expect(a.body).toEqual({ votes: 1, mine: 1, remaining: null })
    expect(await tallyOf(idea.id)).toBe(1)
    const [{ n }] = await db().select({ n: sql<number>`count(*)::int` }).from(votes).where(eq(votes.ideaId, idea.id))
    expect(n).toBe(1)
    // As many ideas as one likes, but never 2 on one.
    expect((await vote(voter, other.id, 1)).body).toEqual({ votes: 1, mine: 1, remaining: null })
    expect((await vote(voter, idea.id, 1)).body).toEqual({ votes: 1, mine: 1, remaining: null })
    const twice = await vote(voter, other.id, 2)
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('over_budget')
    await expectConsistent(challenge.id)
  })

  test('withdrawing, twice and concurrently, removes the vote once', async () => {
    const { challenge, ideas: [idea] } = await challengeWithIdeas({ method: 'support' })
    const [a, b] = [await person(), await person()]
    await Promise.all([vote(a, idea.id, 1), vote(b, idea.id, 1)])
    expect(await tallyOf(idea.id)).toBe(2)
    const answers = await Promise.all(Array.from({ length: 20 }, () => withdraw(a, idea.id)))
    for (const x of answers) expect(x).toEqual({ status: 200, body: { votes: 1, mine: 0, remaining: null } })
    expect(await tallyOf(idea.id)).toBe(1)
    await expectConsistent(challenge.id)
  })

  test('many people at once: the tally is the number of people', async () => {
    const { challenge, ideas: [idea] } = await challengeWithIdeas({ method: 'support' })
    const people = await Promise.all(Array.from({ length: 30 }, () => person()))
    await Promise.all(people.flatMap((p) => [vote(p, idea.id, 1), vote(p, idea.id, 1), vote(p, idea.id, 1)]))
    expect(await tallyOf(idea.id)).toBe(30)
    await expectConsistent(challenge.id)
  })
})

describe('dots: a budget per person, a maximum per idea', () => {
  test('50 people firing concurrent requests that together try to overspend never exceed their budget', async () => {
    const budget = 5
    const { challenge, ideas: list } = await challengeWithIdeas({ method: 'dots', budget, maxPerIdea: 3, ideaCount: 4 })
    const people = await Promise.all(Array.from({ length: 50 }, () => person()))
    // A first dot each (this creates the budget rows, so the burst below relies on the row lock alone)…
    await Promise.all(people.map((p) => vote(p, list[3].id, 1)))
    // …then each person asks for 3 + 2 on each of 4 ideas (20 dots against a budget of 5), and withdraws one, all at once.
    const requests = people.flatMap((p) => [
      ...list.flatMap((idea) => [() => vote(p, idea.id, 3), () => vote(p, idea.id, 2)]),
      () => withdraw(p, list[3].id),
    ])
    requests.sort(() => Math.random() - 0.5)
    const answers = await Promise.all(requests.map((r) => r()))
    const statuses = new Set(answers.map((a) => a.status))
    expect([...statuses].every((s) => s === 200 || s === 409)).toBe(true)
    expect(answers.filter((a) => a.status === 409).length).toBeGreaterThanOrEqual(50 * 3)
    for (const a of answers) {
      if (a.status === 200) expect(a.body.remaining).toBeGreaterThanOrEqual(0)
      else expect(a.body.error.code).toBe('over_budget')
    }

    await expectConsistent(challenge.id)
    const rows = await db()
      .select({ used: voteBudgets.used, budget: voteBudgets.budget })
      .from(voteBudgets)
      .where(eq(voteBudgets.challengeId, challenge.id))
    expect(rows).toHaveLength(50)
    for (const r of rows) {
      expect(r.budget).toBe(budget)
      expect(r.used).toBeLessThanOrEqual(budget)
      // Every person got something: at least one request fit.
      expect(r.used).toBeGreaterThanOrEqual(2)
    }
    const [{ total }] = await db().select({ total: sql<number>`coalesce(sum(${ideas.voteTotal}), 0)::int` }).from(ideas).where(eq(ideas.challengeId, challenge.id))
    const [{ spent }] = await db().select({ spent: sql<number>`sum(${voteBudgets.used})::int` }).from(voteBudgets).where(eq(voteBudgets.challengeId, challenge.id))
    expect(total).toBe(spent)
    expect(total).toBeLessThanOrEqual(50 * budget)
  })

  test('the maximum per idea, changing one’s mind, the same count again, and the exact budget', async () => {
    const { challenge, ideas: [a, b, c] } = await challengeWithIdeas({ method: 'dots', budget: 5, maxPerIdea: 3 })
    const voter = await person()
    const tooMany = await vote(voter, a.id, 4)
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.error.code).toBe('over_budget')
    expect(await vote(voter, a.id, 3)).toMatchObject({ status: 200, body: { votes: 3, mine: 3, remaining: 2 } })
    // The same count again is a no-op.
    expect(await vote(voter, a.id, 3)).toMatchObject({ status: 200, body: { votes: 3, mine: 3, remaining: 2 } })
    // Lowering gives dots back; raising takes them.
    expect((await vote(voter, a.id, 1)).body).toEqual({ votes: 1, mine: 1, remaining: 4 })
    expect((await vote(voter, b.id, 3)).body).toEqual({ votes: 3, mine: 3, remaining: 1 })
    expect((await vote(voter, c.id, 2)).status).toBe(409)
    expect((await vote(voter, c.id, 1)).body).toEqual({ votes: 1, mine: 1, remaining: 0 })
    expect((await vote(voter, a.id, 2)).status).toBe(409)
    await expectConsistent(challenge.id)
  })

  test('withdrawing refunds the dots; withdrawing nothing answers mine 0', async () => {
    const { challenge, ideas: [a, b] } = await challengeWithIdeas({ method: 'dots', budget: 4, maxPerIdea: 4 })
    const [voter, other] = [await person(), await person()]
    await vote(other, a.id, 2)
    expect((await vote(voter, a.id, 4)).body).toEqual({ votes: 6, mine: 4, remaining: 0 })
    expect((await vote(voter, b.id, 1)).status).toBe(409)
    expect(await withdraw(voter, a.id)).toEqual({ status: 200, body: { votes: 2, mine: 0, remaining: 4 } })
    expect(await withdraw(voter, a.id)).toEqual({ status: 200, body: { votes: 2, mine: 0, remaining: 4 } })
    expect(await withdraw(voter, b.id)).toEqual({ status: 200, body: { votes: 0, mine: 0, remaining: 4 } })
    expect((await vote(voter, b.id, 4)).body).toEqual({ votes: 4, mine: 4, remaining: 0 })
    await expectConsistent(challenge.id)
  })

  test('the database itself refuses to overspend (CHECK constraints)', async () => {
    const { challenge, ideas: [a] } = await challengeWithIdeas({ method: 'dots', budget: 2, maxPerIdea: 2 })
    const voter = await person()
    await vote(voter, a.id, 2)
    await expect(db().execute(sql`update vote_budgets set used = used + 1 where challenge_id = ${challenge.id} and user_id = ${voter.id}`)).rejects.toThrow()
    await expect(db().execute(sql`update ideas set vote_total = -1 where id = ${a.id}`)).rejects.toThrow()
    await expect(db().execute(sql`update votes set count = 0 where idea_id = ${a.id}`)).rejects.toThrow()
    await expectConsistent(challenge.id)
  })
})

describe('live tallies over /live', () => {
  function liveSocket(options: Parameters<typeof connect>[1] = {}) {
    const socket = connect(`${server.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, ...options })
    open.push(socket)
    return socket
  }
  const connected = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      if (socket.connected) return resolve()
      socket.once('connect', () => resolve())
      socket.once('connect_error', reject)
    })
  const watch = (socket: Socket, id: unknown) => socket.timeout(2000).emitWithAck(LIVE_EVENTS.watchChallenge, id) as Promise<{ ok: boolean; error?: { code: string } }>
  const nextTally = (socket: Socket) =>
    new Promise<{ ideaId: string; votes: number; challengeId: string }>((resolve) => socket.once(LIVE_EVENTS.tally, resolve))

  test('tally:update reaches a socket watching the challenge and not one that is not', async () => {
    const { challenge, ideas: [idea] } = await challengeWithIdeas({ method: 'dots', budget: 3, maxPerIdea: 3 })
    const other = await challengeWithIdeas()
    const watcher = liveSocket()
    const bystander = liveSocket()
    await Promise.all([connected(watcher), connected(bystander)])
    expect(await watch(watcher, challenge.id)).toEqual({ ok: true })
    expect(await watch(bystander, other.challenge.id)).toEqual({ ok: true })
    const strayUpdates: unknown[] = []
    bystander.on(LIVE_EVENTS.tally, (u) => strayUpdates.push(u))

    const received = nextTally(watcher)
    const voter = await person()
    expect((await vote(voter, idea.id, 2)).status).toBe(200)
    expect(await received).toEqual({ challengeId: challenge.id, ideaId: idea.id, votes: 2 })

    // Withdrawing is announced too.
    const again = nextTally(watcher)
    await withdraw(voter, idea.id)
    expect(await again).toMatchObject({ ideaId: idea.id, votes: 0 })

    // The bystander heard nothing of either: the first update it gets is one for its own challenge, sent after them
    // (one socket receives in the order the server sent).
    const [otherIdea] = other.ideas
    const own = nextTally(bystander)
    expect((await vote(voter, otherIdea.id, 1)).status).toBe(200)
    const ownUpdate = { challengeId: other.challenge.id, ideaId: otherIdea.id, votes: 1 }
    expect(await own).toEqual(ownUpdate)
    expect(strayUpdates).toEqual([ownUpdate])

    // After unwatching, nothing more arrives: a vote there, then one on a challenge it still watches, and only the second is heard.
    await watcher.timeout(2000).emitWithAck(LIVE_EVENTS.unwatchChallenge, challenge.id)
    expect(await watch(watcher, other.challenge.id)).toEqual({ ok: true })
    const late: unknown[] = []
    watcher.on(LIVE_EVENTS.tally, (u) => late.push(u))
    expect((await vote(voter, idea.id, 1)).status).toBe(200)
    const marker = nextTally(watcher)
    await withdraw(voter, otherIdea.id)
    const markerUpdate = { challengeId: other.challenge.id, ideaId: otherIdea.id, votes: 0 }
    expect(await marker).toEqual(markerUpdate)
    expect(late).toEqual([markerUpdate])
  })

  test('the last update after a burst of concurrent votes carries the final tally', async () => {
    const { ideas: [idea], challenge } = await challengeWithIdeas({ method: 'support' })
    const watcher = liveSocket()
    await connected(watcher)
    await watch(watcher, challenge.id)
    const seen: number[] = []
    watcher.on(LIVE_EVENTS.tally, (u: { votes: number }) => seen.push(u.votes))
    const people = await Promise.all(Array.from({ length: 20 }, () => person()))
    await Promise.all(people.map((p) => vote(p, idea.id, 1)))
    await expect.poll(() => seen.at(-1), { timeout: 3000 }).toBe(20)
  })

  test('a malformed or forbidden watch is refused and the connection keeps working', async () => {
    const { challenge } = await challengeWithIdeas()
    const { challenge: draft } = await challengeWithIdeas({ phase: 'draft' })
    const socket = liveSocket()
    await connected(socket)
    for (const bad of ['no-es-un-id', 42, null, { id: challenge.id }, 'x'.repeat(10_000)]) {
      expect(await watch(socket, bad)).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    // Without an ack: ignored, no crash.
    socket.emit(LIVE_EVENTS.watchChallenge, { nope: true })
    socket.emit(LIVE_EVENTS.watchChallenge)
    // A draft is not revealed to an anonymous reader.
    expect(await watch(socket, draft.id)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await watch(socket, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(socket.connected).toBe(true)
    expect(await socket.timeout(2000).emitWithAck(LIVE_EVENTS.whoami)).toEqual({ ok: true, user: null })
    expect(await watch(socket, challenge.id)).toEqual({ ok: true })
  })
})

describe('the vote form without JavaScript', () => {
  test('a plain form post votes, redirects back (303) with a message, and the tally changed', async () => {
    const { challenge, ideas: [idea] } = await challengeWithIdeas({ method: 'support' })
    const voter = await person('Sin JavaScript')
    const back = `/retos/${challenge.slug}#idea-${idea.id}`
    const posted = await postForm(server.url, `/ideas/${idea.id}/voto`, { count: '1', redirectTo: back }, { cookie: voter.cookie })
    expect(posted.status).toBe(303)
    expect(posted.location).toBe(back)
    expect(await tallyOf(idea.id)).toBe(1)
    // The flash message shows on the next page the browser loads.
    const flash = posted.response.headers.getSetCookie().find((c) => c.startsWith('cocrea_flash='))!.split(';')[0]
    const page = await getPage(server.url, '/', { cookie: `${voter.cookie}; ${flash}` })
    expect(page.html).toContain('Tu voto quedó registrado.')

    // count 0 withdraws.
    const withdrawn = await postForm(server.url, `/ideas/${idea.id}/voto`, { count: '0', redirectTo: back }, { cookie: voter.cookie })
    expect(withdrawn.status).toBe(303)
    expect(await tallyOf(idea.id)).toBe(0)
  })

  test('a refused vote goes back with the reason for that idea; signed out goes to sign in', async () => {
    const { challenge, ideas: [idea] } = await challengeWithIdeas({ phase: 'evaluation' })
    const voter = await person()
    const refused = await postForm(server.url, `/ideas/${idea.id}/voto`, { count: '1', redirectTo: `/retos/${challenge.slug}?page=2#idea-${idea.id}` }, { cookie: voter.cookie })
    expect(refused.status).toBe(303)
    const to = new URL(refused.location!, server.url)
    expect(to.pathname).toBe(`/retos/${challenge.slug}`)
    expect(to.searchParams.get('page')).toBe('2')
    expect(to.searchParams.get('votoError')).toBe('votes.errors.closed')
    expect(to.searchParams.get('votoIdea')).toBe(idea.id)
    expect(to.hash).toBe(`#idea-${idea.id}`)

    const anonymous = await postForm(server.url, `/ideas/${idea.id}/voto`, { count: '1', redirectTo: `/retos/${challenge.slug}` })
    expect(anonymous.status).toBe(303)
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(`/retos/${challenge.slug}`)}`)

    // An off-site redirectTo is ignored.
    const { ideas: [open] } = await challengeWithIdeas()
    const offsite = await postForm(server.url, `/ideas/${open.id}/voto`, { count: '1', redirectTo: '//evil.example/' }, { cookie: voter.cookie })
    expect(offsite.location).toBe(`/ideas/${open.id}`)
  })

  test('from another site the form is refused', async () => {
    const { ideas: [idea] } = await challengeWithIdeas()
    const voter = await person()
    const posted = await postForm(server.url, `/ideas/${idea.id}/voto`, { count: '1' }, { cookie: voter.cookie, origin: 'https://evil.example' })
    expect(posted.status).toBe(403)
    expect(await tallyOf(idea.id)).toBe(0)
  })
})

describe('rate limit', () => {
  test('past the limit a person gets 429 with Retry-After, and others are unaffected', async () => {
    configureRateLimits({ votePerUser: { points: 4, durationSeconds: 60 } })
    try {
      const { ideas: [a, b] } = await challengeWithIdeas({ method: 'dots', budget: 10, maxPerIdea: 5 })
      const [voter, other] = [await person(), await person()]
      for (const n of [1, 2, 3, 4]) expect((await vote(voter, a.id, n)).status).toBe(200)
      const limited = await vote(voter, b.id, 1)
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('rate_limited')
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
      expect((await withdraw(voter, a.id)).status).toBe(429)
      expect(await tallyOf(a.id)).toBe(4)
      expect(await tallyOf(b.id)).toBe(0)
      expect((await vote(other, b.id, 1)).status).toBe(200)
      // The form says so too, next to the idea.
      const form = await postForm(server.url, `/ideas/${b.id}/voto`, { count: '2', redirectTo: '/' }, { cookie: voter.cookie })
      expect(form.status).toBe(303)
      expect(new URL(form.location!, server.url).searchParams.get('votoError')).toBe('errors.rate_limited_generic')
    } finally {
      configureRateLimits({ votePerUser: { points: 100_000, durationSeconds: 60 } })
    }
  })
})

test('the vote endpoints are described in the OpenAPI document', async () => {
  const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json()
  const path = doc.paths['/ideas/{id}/vote']
  expect(Object.keys(path).sort()).toEqual(['delete', 'put'])
  expect(Object.keys(path.put.responses)).toEqual(expect.arrayContaining(['200', '409', '422', '429']))
  expect(doc.components.schemas.VoteResult.required).toEqual(['votes', 'mine', 'remaining'])
})
