import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, test } from 'vitest'
import { testPostgresUrl } from '#tests/helpers/database.ts'
import { postJson } from '#tests/helpers/http.ts'
import { runAdmin, startServerProcess, type ServerProcess } from '#tests/helpers/process.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'cocrea-start-'))
const running: ServerProcess[] = []
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

async function start(env: Record<string, string>) {
  const p = await startServerProcess(env)
  running.push(p)
  return p
}

async function stop(p: ServerProcess) {
  p.child.kill('SIGTERM')
  return p.exited
}

const demoAccounts = (p: ServerProcess) =>
  p.logs.find((l) => Array.isArray(l.demoAccounts))?.demoAccounts as { email: string; password: string; role: string }[] | undefined

describe('npm start with embedded PGlite', () => {
  const env = { DATA_DIR: dataDir, SEED_DEMO: '' }

  test('serves health and a Spanish home page, loads demo data once, takes admin commands, stops cleanly', async () => {
    const first = await start(env)
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok', db: 'ok' })
    const home = await (await fetch(first.url)).text()
    expect(home).toContain('<html lang="es"')
    expect(await (await fetch(first.url, { headers: { 'accept-language': 'en' } })).text()).toContain('<html lang="en"')

    const accounts = demoAccounts(first)!
    expect(accounts.map((a) => a.role).sort()).toEqual(['admin', 'citizen', 'facilitator', 'official'])
    const admin = accounts.find((a) => a.role === 'admin')!
    const signIn = await postJson(`${first.url}/api/v1/session`, { email: admin.email, password: admin.password })
    expect(signIn.body.user.role).toBe('admin')

    // The server holds the data directory: the command goes through it.
    const viaServer = await runAdmin(['create-user', '--email', 'facilita@ejemplo.gt', '--password', 'una-clave-larga', '--name', 'Fa Cilita', '--role', 'facilitator'], env)
    expect(viaServer.code).toBe(0)
    expect(JSON.parse(viaServer.stdout)).toMatchObject({ name: 'Fa Cilita', role: 'facilitator' })
    expect((await postJson(`${first.url}/api/v1/session`, { email: 'facilita@ejemplo.gt', password: 'una-clave-larga' })).body.user.role).toBe('facilitator')

    const bad = await runAdmin(['create-user', '--email', 'x@ejemplo.gt', '--password', 'una-clave-larga', '--name', 'Rey', '--role', 'king'], { ...env, LANG: 'es_GT.UTF-8' })
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('Elige un rol válido.')
    const taken = await runAdmin(['create-user', '--email', 'facilita@ejemplo.gt', '--password', 'una-clave-larga', '--name', 'Otra', '--role', 'citizen'], env)
    expect(taken.code).not.toBe(0)
    expect(taken.stderr).toContain('Ya existe una cuenta con este correo.')
    const weak = await runAdmin(['create-user', '--email', 'debil@ejemplo.gt', '--password', '1234567890', '--name', 'Débil', '--role', 'citizen'], { ...env, LANG: 'en_US.UTF-8' })
    expect(weak.code).not.toBe(0)
    expect(weak.stderr).toContain('This password is too common or easy to guess.')

    expect(await stop(first)).toBe(0)
    expect(existsSync(path.join(dataDir, 'cocrea.lock'))).toBe(false)

    // Server stopped: the command opens the directory itself.
    const direct = await runAdmin(['create-user', '--email', 'oficial@ejemplo.gt', '--password', 'una-clave-larga', '--name', 'Ofi Cial', '--role', 'official', '--institution', 'minfin'], env)
    expect(direct.code).toBe(0)

    const second = await start(env)
    expect(demoAccounts(second)).toBeUndefined()
    const official = await postJson(`${second.url}/api/v1/session`, { email: 'oficial@ejemplo.gt', password: 'una-clave-larga' })
    expect(official.body.user.role).toBe('official')
    expect((await postJson(`${second.url}/api/v1/session`, { email: admin.email, password: admin.password })).status).toBe(200)
    expect(await stop(second)).toBe(0)
  }, 180_000)

  test('stops cleanly when told to stop the moment it says it is listening', async () => {
    // A supervisor may send SIGTERM as soon as it reads the line: the handlers must already be there.
    for (let i = 0; i < 3; i++) expect(await stop(await start(env))).toBe(0)
  }, 60_000)

  test('a second server on the same data directory refuses to start', async () => {
    const first = await start(env)
    await expect(startServerProcess(env)).rejects.toThrow(/in use by process/)
    expect(await stop(first)).toBe(0)
  }, 60_000)
})

describe('npm start on PostgreSQL', () => {
  // Always runs: against TEST_DATABASE_URL when given, otherwise it checks the clear refusal of a bad DATABASE_URL.
  test(testPostgresUrl ? 'migrates, seeds once with SEED_DEMO=1, and requires SESSION_SECRET in production' : 'refuses an invalid DATABASE_URL with a clear message', async () => {
    if (!testPostgresUrl) {
      await expect(startServerProcess({ DATABASE_URL: 'mysql://nope', DATA_DIR: dataDir })).rejects.toThrow(/DATABASE_URL must start with postgres:\/\//)
      return
    }
    const name = `cocrea_start_${randomBytes(5).toString('hex')}`
    const admin = postgres(testPostgresUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    const url = new URL(testPostgresUrl)
    url.pathname = `/${name}`
    const env = { DATABASE_URL: url.toString(), SEED_DEMO: '1', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR: dataDir }
    try {
      await expect(startServerProcess({ ...env, SESSION_SECRET: '' })).rejects.toThrow(/SESSION_SECRET is required in production/)
      const first = await start(env)
      expect(demoAccounts(first)).toHaveLength(4)
      expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok', db: 'ok' })
      expect(await (await fetch(first.url)).text()).toContain('<html lang="es"')
      expect(await (await fetch(first.url, { headers: { 'accept-language': 'en' } })).text()).toContain('<html lang="en"')
      expect(await stop(first)).toBe(0)
      const second = await start(env)
      expect(demoAccounts(second)).toBeUndefined()
      expect(await stop(second)).toBe(0)
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }, 120_000)
})
