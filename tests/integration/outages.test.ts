import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { type DatabaseHandle } from '#db/client.ts'
import * as schema from '#db/schema.ts'
import { insertChallenge, insertIdea, insertInstitution, insertUser } from '#tests/helpers/fixtures.ts'
import { postJson, signUpAndSignIn } from '#tests/helpers/http.ts'
import { startServerProcess, type ServerProcess } from '#tests/helpers/process.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { createLogger } from '#server/logger.ts'

const cleanups: (() => unknown)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** A loopback port nobody listens on (taken, then given back). */
async function freePort() {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** A Redis of this test's own on a free loopback port (never the shared one), ready when it says so. */
async function startPrivateRedis(port?: number) {
  const p = port ?? (await freePort())
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
  cleanups.push(() => child.kill('SIGKILL'))
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      if (out.includes('Ready to accept connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)))
  })
  return { port: p, child }
}

const health = async (url: string) => {
  const response = await fetch(`${url}/healthz`)
  return { status: response.status, body: (await response.json()) as Record<string, string> }
}

function modesUnder(dir: string) {
  const wrong: string[] = []
  const walk = (p: string) => {
    const stat = lstatSync(p)
    const mode = stat.mode & 0o777
    if (stat.isDirectory()) {
      if (mode !== 0o700) wrong.push(`${p} ${mode.toString(8)}`)
      for (const entry of readdirSync(p)) walk(path.join(p, entry))
    } else if (!stat.isSymbolicLink() && mode & 0o077) wrong.push(`${p} ${mode.toString(8)}`)
  }
  walk(dir)
  return wrong
}

describe('npm start with Redis unreachable, on a fresh data directory', () => {
  test('listens and serves with a clear warning; /healthz reports Redis; the data directory is the owner’s alone', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'cocrea-outage-'))
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }))
    // An existing directory left world-writable (as earlier versions created it), with a stray file.
    const dataDir = path.join(parent, 'data')
    mkdirSync(dataDir)
    chmodSync(dataDir, 0o777)
    writeFileSync(path.join(dataDir, 'notas.txt'), 'x')
    chmodSync(path.join(dataDir, 'notas.txt'), 0o666)
    const deadPort = await freePort()
    const started = Date.now()
    const p: ServerProcess = await startServerProcess({ DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${deadPort}`, SEED_DEMO: '0' })
    cleanups.push(() => p.child.kill('SIGKILL'))
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(p.logs.some((l) => l.level === 40 && /redis did not answer/.test(String(l.msg)))).toBe(true)
    expect(await health(p.url)).toEqual({ status: 200, body: { status: 'degraded', db: 'ok', redis: 'unreachable' } })
    // It serves: pages, sign-up and sign-in (the rate limits count in memory).
    expect((await fetch(`${p.url}/retos`)).status).toBe(200)
    const { token } = await signUpAndSignIn(p.url, 'Persona Sin Redis')
    expect((await fetch(`${p.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)

    expect(modesUnder(dataDir)).toEqual([])
    expect(readdirSync(dataDir).length).toBeGreaterThan(3)
    p.child.kill('SIGTERM')
    expect(await p.exited).toBe(0)
  }, 120_000)
})

describe('Redis going away while the server runs', () => {
  let server: TestServer
  test('sign-in and votes keep working; /healthz reports Redis down, then up again', async () => {
    const redis = await startPrivateRedis()
    server = await startTestServer({ redisUrl: `redis://127.0.0.1:${redis.port}` })
    cleanups.push(() => server.stop())
    expect(await health(server.url)).toEqual({ status: 200, body: { status: 'ok', db: 'ok', redis: 'ok' } })

    const db = server.database.db
    const institution = await insertInstitution(db)
    const author = await insertUser(db)
    const challenge = await insertChallenge(db, { title: 'Reto con votación durante la caída', institutionId: institution.id, phase: 'voting' })
    const idea = await insertIdea(db, { challengeId: challenge.id, createdBy: author.id, title: 'Idea votada sin Redis' })
    // An account with a confirmed address (voting needs one, ADR 035), signed in through the API.
    const voter = await insertUser(db, { name: 'Votante Persistente' })
    const { email } = voter
    const password = 'una-clave-larga'
    const { token } = (await postJson(`${server.url}/api/v1/session`, { email, password })).body as { token: string }
    const vote = (count: number) => fetch(`${server.url}/api/v1/ideas/${idea.id}/vote`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ count }) })
    expect((await vote(1)).status).toBe(200)

    redis.child.kill('SIGKILL')
    await once(redis.child, 'exit')
    await vi.waitFor(async () => expect((await health(server.url)).body.redis).toBe('unreachable'), { timeout: 15_000, interval: 50 })
    expect(await health(server.url)).toEqual({ status: 200, body: { status: 'degraded', db: 'ok', redis: 'unreachable' } })

    const started = Date.now()
    const signedIn = await postJson(`${server.url}/api/v1/session`, { email, password })
    expect(signedIn.status).toBe(200)
    const withdrawn = await fetch(`${server.url}/api/v1/ideas/${idea.id}/vote`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })
    expect(withdrawn.status).toBe(200)
    expect((await vote(1)).status).toBe(200)
    // Answered at once, not after a timeout.
    expect(Date.now() - started).toBeLessThan(3000)

    // Redis back on the same port: reported again, no restart needed.
    await startPrivateRedis(redis.port)
    await vi.waitFor(async () => expect((await health(server.url)).body.redis).toBe('ok'), { timeout: 20_000, interval: 50 })
    expect((await postJson(`${server.url}/api/v1/session`, { email, password })).status).toBe(200)
  }, 60_000)
})

describe('a database that refuses connections', () => {
  test('API answers are JSON errors (503), never an HTML page; /healthz says the database is unreachable', async () => {
    const port = await freePort()
    // A short backoff between connection attempts (postgres.js waits up to 20 s by default) keeps the test quick.
    const client = postgres(`postgres://cocrea@127.0.0.1:${port}/cocrea`, { max: 2, connect_timeout: 2, backoff: () => 0.05, onnotice: () => {} })
    const db = drizzle({ client, schema })
    const refusing: DatabaseHandle = {
      db,
      engine: 'postgres',
      ping: async () => {
        await db.execute(sql`select 1`)
      },
      close: () => client.end({ timeout: 1 }),
    }
    const server = await startTestServer({ database: refusing })
    cleanups.push(() => server.stop())

    // Well-formed tokens, so the server has to ask the database about them.
    const bearer = { authorization: `Bearer ${'a'.repeat(32)}` }
    for (const [method, url, headers, body] of [
      ['GET', '/api/v1/challenges', {}, undefined],
      ['GET', '/api/v1/me', bearer, undefined],
      ['GET', '/api/v1/challenges', { cookie: `cocrea_session=${'b'.repeat(32)}` }, undefined],
      ['POST', '/api/v1/session', { 'content-type': 'application/json' }, JSON.stringify({ email: 'ana@ejemplo.gt', password: 'una-clave-larga' })],
      ['PUT', '/api/v1/ideas/3f0c2b8e-1d2a-4c55-9e8f-0a1b2c3d4e5f/vote', { ...bearer, 'content-type': 'application/json' }, '{"count":1}'],
    ] as const) {
      const response = await fetch(`${server.url}${url}`, { method, headers, body })
      expect(response.status, `${method} ${url}`).toBe(503)
      expect(response.headers.get('content-type'), `${method} ${url}`).toContain('application/json')
      expect(await response.json()).toEqual({ error: { code: 'unavailable', message: 'El servicio no está disponible en este momento. Inténtalo de nuevo en unos minutos.' } })
    }
    // A page with a session cookie: a page in the reader's language, not Express's.
    const page = await fetch(`${server.url}/retos`, { headers: { cookie: `cocrea_session=${'c'.repeat(32)}`, 'accept-language': 'en' } })
    expect(page.status).toBe(503)
    expect(await page.text()).toContain('Service unavailable')
    expect(await health(server.url)).toEqual({ status: 503, body: { status: 'error', db: 'unreachable' } })
  }, 60_000)
})

describe('logs', () => {
  test('a failed insert is logged without its parameters (no e-mail, no password hash)', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const server = await startTestServer({ logger: createLogger('info', sink) })
    cleanups.push(() => server.stop())
    // A real constraint of this test's database makes the sign-up insert fail after the password is hashed.
    await server.database.db.execute(sql`alter table users add constraint test_refuses_this_name check (name <> 'Nombre Que Falla')`)
    const email = `falla.${process.pid}@ejemplo.gt`
    const failed = await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-bastante-larga', name: 'Nombre Que Falla' })
    expect(failed.status).toBe(500)
    expect(failed.body.error.code).toBe('internal')

    const log = lines.join('')
    expect(log).toContain('API request failed')
    expect(log).toContain('Failed query: insert into \\"users\\"')
    expect(log).not.toContain(email)
    expect(log).not.toContain('$argon2')
    expect(log).not.toContain('Nombre Que Falla')
    expect(log).not.toContain('una-clave-bastante-larga')
  })
})
