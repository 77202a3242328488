import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditLog, sessions, users } from '#db/schema.ts'
import { authSessionIdFromToken } from '#app/services/accounts/auth-sessions.server.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({
    rateLimits: { signInPerAccount: { points: 5, durationSeconds: 60 }, signInPerIp: { points: 1000, durationSeconds: 60 } },
  })
})
afterAll(() => server?.stop())

describe('POST /api/v1/users', () => {
  test('creates a citizen and answers 201 {user:{id,name,role}}', async () => {
    const email = uniqueEmail()
    const { status, body } = await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Rosa Ixcot' })
    expect(status).toBe(201)
    expect(body).toEqual({ user: { id: expect.any(String), name: 'Rosa Ixcot', role: 'citizen' } })
    const [row] = await server.database.db.select().from(users).where(eq(users.id, body.user.id))
    expect(row.email).toBe(email)
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    const audit = await server.database.db.select().from(auditLog).where(eq(auditLog.entityId, body.user.id))
    expect(audit.map((a) => a.action)).toEqual(['user.create'])
    expect(JSON.stringify(audit[0].after)).not.toContain('argon2')
  })

  test('invalid input: 400 with field messages in Spanish by default, English on request, and nothing stored', async () => {
    const before = await server.database.db.select().from(users)
    const es = await postJson(`${server.url}/api/v1/users`, { email: 'no-es-correo', password: 'corta', name: '' })
    expect(es.status).toBe(400)
    expect(es.body.error.code).toBe('validation')
    expect(es.body.error.message).toBe('Los datos enviados no son válidos.')
    expect(es.body.error.fields.email).toEqual(['Escribe un correo electrónico válido, como nombre@ejemplo.gt.'])
    expect(es.body.error.fields.password).toEqual(['La contraseña debe tener al menos 10 caracteres.'])
    const en = await postJson(`${server.url}/api/v1/users`, { email: 'x' }, { 'accept-language': 'en-US,en;q=0.9' })
    expect(en.body.error.fields.email).toEqual(['Enter a valid e-mail address, such as name@example.gt.'])
    expect(en.body.error.fields.name).toEqual(['This field is required.'])
    expect(await server.database.db.select().from(users)).toHaveLength(before.length)
  })

  test('a taken e-mail (in any case) answers 409', async () => {
    const email = uniqueEmail()
    expect((await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Uno' })).status).toBe(201)
    const again = await postJson(`${server.url}/api/v1/users`, { email: email.toUpperCase(), password: 'otra-clave-larga', name: 'Dos' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('email_taken')
  })

  test('a body that is not JSON answers 400 in JSON', async () => {
    const response = await fetch(`${server.url}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: { code: 'bad_json', message: expect.any(String) } })
  })

  test('unknown API paths answer a JSON 404', async () => {
    const response = await fetch(`${server.url}/api/v1/nothing-here`)
    expect(response.status).toBe(404)
    expect((await response.json()).error.code).toBe('not_found')
  })
})

describe('POST /api/v1/session and bearer tokens', () => {
  test('signs in with a token that works as a bearer and as a cookie; only its hash is stored', async () => {
    const email = uniqueEmail()
    await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Pedro Ajú' })
    const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: 'una-clave-larga' })
    expect(status).toBe(200)
    expect(body).toEqual({ token: expect.stringMatching(/^[a-z2-7]{32}$/), user: { id: expect.any(String), name: 'Pedro Ajú', role: 'citizen' } })
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('cocrea_session='))!
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)

    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${body.token}` } })
    expect(me.status).toBe(200)
    expect((await me.json()).user.name).toBe('Pedro Ajú')
    const viaCookie = await fetch(`${server.url}/api/v1/me`, { headers: { cookie: cookieFrom(response, 'cocrea_session')! } })
    expect(viaCookie.status).toBe(200)

    const rows = await server.database.db.select().from(sessions).where(eq(sessions.userId, body.user.id))
    expect(rows).toHaveLength(1)
    expect(rows[0].id).toBe(authSessionIdFromToken(body.token))
    expect(JSON.stringify(rows)).not.toContain(body.token)
  })

  test('unknown e-mail and wrong password get the same 401 answer', async () => {
    const email = uniqueEmail()
    await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Marta' })
    const wrong = await postJson(`${server.url}/api/v1/session`, { email, password: 'otra-clave-mal' })
    const unknown = await postJson(`${server.url}/api/v1/session`, { email: uniqueEmail('nadie'), password: 'otra-clave-mal' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body.error.code).toBe('invalid_credentials')
  })

  test('sign-in is rate limited with 429 and Retry-After', async () => {
    const email = uniqueEmail()
    await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Insistente' })
    for (let i = 0; i < 5; i++) expect((await postJson(`${server.url}/api/v1/session`, { email, password: 'mala-clave-' + i })).status).toBe(401)
    const limited = await postJson(`${server.url}/api/v1/session`, { email, password: 'una-clave-larga' })
    expect(limited.status).toBe(429)
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.body.error.code).toBe('rate_limited')
  })

  test('DELETE /api/v1/session ends the session: the token stops working', async () => {
    const email = uniqueEmail()
    await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Salida' })
    const { body } = await postJson(`${server.url}/api/v1/session`, { email, password: 'una-clave-larga' })
    const auth = { authorization: `Bearer ${body.token}` }
    const del = await fetch(`${server.url}/api/v1/session`, { method: 'DELETE', headers: auth })
    expect(del.status).toBe(204)
    expect((await fetch(`${server.url}/api/v1/me`, { headers: auth })).status).toBe(401)
  })

  test('a forged or expired token is not accepted', async () => {
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } })).status).toBe(401)
    const email = uniqueEmail()
    await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Vencida' })
    const { body } = await postJson(`${server.url}/api/v1/session`, { email, password: 'una-clave-larga' })
    await server.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, authSessionIdFromToken(body.token)))
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(401)
  })

  test('a session past half its life slides forward', async () => {
    const email = uniqueEmail()
    await postJson(`${server.url}/api/v1/users`, { email, password: 'una-clave-larga', name: 'Deslizante' })
    const { body } = await postJson(`${server.url}/api/v1/session`, { email, password: 'una-clave-larga' })
    const id = authSessionIdFromToken(body.token)
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000)
    await server.database.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, id))
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(200)
    const [row] = await server.database.db.select().from(sessions).where(eq(sessions.id, id))
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000)
  })
})
