import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { LIVE_EVENTS } from '#app/board/protocol.ts'
import { challenges, follows, ideas, institutions, notifications, type Language, type Role } from '#db/schema.ts'
import { notifyFollowers, notifyUsers } from '#app/services/notifications/notifications.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { decodeMail, startSmtpSink } from '#tests/helpers/mail.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

const PASSWORD = 'una-clave-larga-1'

let server: TestServer
let institutionId: string
const sockets: Socket[] = []

beforeAll(async () => {
  server = await startTestServer()
  const [inst] = await server.database.db.insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: 'renap-notif' }).returning()
  institutionId = inst.id
})
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect()
})
afterAll(() => server?.stop())

type Person = { id: string; name: string; email: string; cookie: string; token: string }

/** An account made directly in this file's database, signed in through the API (cookie and bearer token). */
async function person(name: string, { role = 'citizen', language = 'es' }: { role?: Role; language?: Language } = {}): Promise<Person> {
  const email = uniqueEmail('notif')
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: null, language })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, email, cookie: cookieFrom(response, 'cocrea_session')!, token: body.token }
}

let counter = 0
async function challenge(phase: 'draft' | 'open' | 'voting' = 'open', title = 'Reducir la espera para renovar el DPI') {
  const [row] = await server.database.db
    .insert(challenges)
    .values({ slug: `reto-notif-${process.pid}-${counter++}`, title, problem: '¿Cómo podríamos reducir la espera?', institutionId, phase })
    .returning()
  return row
}

async function idea(challengeId: string, createdBy: string, status: 'published' | 'hidden' = 'published') {
  const [row] = await server.database.db.insert(ideas).values({ challengeId, createdBy, title: 'Citas por WhatsApp', description: 'Agendar citas por mensaje.', status }).returning()
  return row
}

function post(path: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  })
}
const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} })
const api = (method: string, path: string, token?: string) =>
  fetch(`${server.url}/api/v1${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} })

const followRow = (userId: string, targetId: string) =>
  server.database.db
    .select()
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.targetId, targetId)))
const notificationsOf = (userId: string) => server.database.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt)

describe('following through the page form (no JavaScript)', () => {
  test('follow and unfollow a challenge: stored, and back to the page with a message', async () => {
    const ana = await person('Ana Follow')
    const reto = await challenge()
    const followed = await post('/seguir', { targetType: 'challenge', targetId: reto.id, intent: 'follow', redirectTo: `/retos/${reto.slug}` }, ana.cookie)
    expect(followed.status).toBe(302)
    expect(followed.headers.get('location')).toBe(`/retos/${reto.slug}`)
    expect(await followRow(ana.id, reto.id)).toHaveLength(1)
    // The flash message says so on the next page.
    const flash = cookieFrom(followed, 'cocrea_flash')!
    expect(await (await get('/', `${ana.cookie}; ${flash}`)).text()).toContain('Ahora sigues esto.')

    // Following twice is harmless.
    await post('/seguir', { targetType: 'challenge', targetId: reto.id, intent: 'follow', redirectTo: '/' }, ana.cookie)
    expect(await followRow(ana.id, reto.id)).toHaveLength(1)

    const unfollowed = await post('/seguir', { targetType: 'challenge', targetId: reto.id, intent: 'unfollow', redirectTo: `/retos/${reto.slug}` }, ana.cookie)
    expect(unfollowed.status).toBe(302)
    expect(await followRow(ana.id, reto.id)).toHaveLength(0)
  })

  test('anonymous people are sent to sign in; unknown, hidden and draft targets are refused and nothing is stored', async () => {
    const reto = await challenge()
    const anonymous = await post('/seguir', { targetType: 'challenge', targetId: reto.id, intent: 'follow', redirectTo: `/retos/${reto.slug}` })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`/retos/${reto.slug}`)}`)

    const beto = await person('Beto Follow')
    const draft = await challenge('draft')
    const hiddenIdea = await idea(reto.id, (await person('Autora Oculta')).id, 'hidden')
    const unknownPilot = crypto.randomUUID()
    for (const [targetType, targetId] of [
      ['challenge', draft.id],
      ['idea', hiddenIdea.id],
      ['pilot', unknownPilot],
    ]) {
      const response = await post('/seguir', { targetType, targetId, intent: 'follow', redirectTo: '/' }, beto.cookie)
      expect(response.status).toBe(302)
      const flash = cookieFrom(response, 'cocrea_flash')!
      expect(await (await get('/', `${beto.cookie}; ${flash}`)).text()).toContain('No encontramos lo que buscas.')
      expect(await followRow(beto.id, targetId)).toHaveLength(0)
    }
    // An open redirect is not possible through redirectTo.
    const evil = await post('/seguir', { targetType: 'challenge', targetId: reto.id, intent: 'follow', redirectTo: '//evil.example/' }, beto.cookie)
    expect(evil.headers.get('location')).toBe('/')
  })
})

describe('following through the JSON API', () => {
  test('PUT and DELETE /follows/{type}/{id}, GET /follows lists mine', async () => {
    const carla = await person('Carla Api')
    const reto = await challenge()
    const propuesta = await idea(reto.id, carla.id)

    const put = await api('PUT', `/follows/challenge/${reto.id}`, carla.token)
    expect(put.status).toBe(200)
    expect(await put.json()).toEqual({ following: true })
    expect((await api('PUT', `/follows/idea/${propuesta.id}`, carla.token)).status).toBe(200)

    const list = await api('GET', '/follows', carla.token)
    expect(list.status).toBe(200)
    const { items } = (await list.json()) as { items: { targetType: string; targetId: string; title: string; link: string }[] }
    expect(items).toHaveLength(2)
    expect(items).toContainEqual(expect.objectContaining({ targetType: 'challenge', targetId: reto.id, title: reto.title, link: `/retos/${reto.slug}` }))
    expect(items).toContainEqual(expect.objectContaining({ targetType: 'idea', targetId: propuesta.id, link: `/ideas/${propuesta.id}` }))

    const del = await api('DELETE', `/follows/challenge/${reto.id}`, carla.token)
    expect(del.status).toBe(200)
    expect(await del.json()).toEqual({ following: false })
    expect(await followRow(carla.id, reto.id)).toHaveLength(0)
    expect(await followRow(carla.id, propuesta.id)).toHaveLength(1)
  })

  test('errors: 401 signed out, 400 bad type or id, 404 unknown or invisible target', async () => {
    const dora = await person('Dora Api')
    const reto = await challenge()
    expect((await api('PUT', `/follows/challenge/${reto.id}`)).status).toBe(401)
    expect((await api('GET', '/follows')).status).toBe(401)
    const badType = await api('PUT', `/follows/planet/${reto.id}`, dora.token)
    expect(badType.status).toBe(400)
    expect(((await badType.json()) as { error: { code: string } }).error.code).toBe('validation')
    expect((await api('PUT', '/follows/challenge/not-a-uuid', dora.token)).status).toBe(400)
    expect((await api('PUT', `/follows/pilot/${crypto.randomUUID()}`, dora.token)).status).toBe(404)
    expect((await api('PUT', `/follows/challenge/${(await challenge('draft')).id}`, dora.token)).status).toBe(404)
  })

  test('the OpenAPI description lists the follow routes', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> }
    expect(Object.keys(doc.paths['/follows/{targetType}/{targetId}'] ?? {}).sort()).toEqual(['delete', 'put'])
    expect(doc.paths['/follows']).toHaveProperty('get')
  })
})

describe('notifications', () => {
  test('notifyFollowers reaches every follower except the person who caused it', async () => {
    const reto = await challenge()
    const [a, b, actor, outsider] = await Promise.all([person('Seguidora A'), person('Seguidor B'), person('Quien Actúa'), person('No Sigue')])
    for (const p of [a, b, actor]) expect((await api('PUT', `/follows/challenge/${reto.id}`, p.token)).status).toBe(200)

    const rows = await notifyFollowers(
      { targetType: 'challenge', targetId: reto.id },
      { kind: 'challenge.phase', payload: { title: reto.title, phase: 'voting' }, link: `/retos/${reto.slug}` },
      { except: [actor.id] },
    )
    expect(rows.map((r) => r.userId).sort()).toEqual([a.id, b.id].sort())
    expect(await notificationsOf(actor.id)).toHaveLength(0)
    expect(await notificationsOf(outsider.id)).toHaveLength(0)
    expect(await notificationsOf(a.id)).toEqual([expect.objectContaining({ kind: 'challenge.phase', link: `/retos/${reto.slug}`, readAt: null })])
  })

  test('a live "notification:new" reaches the person on a socket authenticated with the bearer token, and nobody else', async () => {
    const [eva, otro] = await Promise.all([person('Eva Live'), person('Otro Live')])
    const open = (token: string) => {
      const socket = connect(`${server.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } })
      sockets.push(socket)
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket))
        socket.once('connect_error', reject)
      })
    }
    const [evaSocket, otroSocket] = await Promise.all([open(eva.token), open(otro.token)])
    // Joining the user room happens right after the handshake; whoami answers once the connection handler ran.
    await evaSocket.timeout(2000).emitWithAck(LIVE_EVENTS.whoami)
    const seenByOther: unknown[] = []
    otroSocket.on(LIVE_EVENTS.notification, (n) => seenByOther.push(n))
    const received = new Promise<{ kind: string; userId: string; payload: Record<string, string> }>((resolve) => evaSocket.once(LIVE_EVENTS.notification, resolve))

    await notifyUsers([eva.id], { kind: 'comment.reply', payload: { author: 'Luis', title: 'Citas por WhatsApp' }, link: '/ideas/x#comment-y' })
    const notification = await received
    expect(notification).toMatchObject({ kind: 'comment.reply', userId: eva.id, payload: { author: 'Luis' } })
    await otroSocket.timeout(2000).emitWithAck(LIVE_EVENTS.whoami)
    expect(seenByOther).toEqual([])
  })

  test('the page lists them in Spanish with links, the header shows the unread count, and forms mark one or all read', async () => {
    const fer = await person('Fernanda Lee')
    const stranger = await person('Extraña')
    const reto = await challenge('voting', 'Trámites de licencias')
    await notifyUsers([fer.id], { kind: 'challenge.phase', payload: { title: reto.title, phase: 'voting' }, link: `/retos/${reto.slug}` })
    await notifyUsers([fer.id], { kind: 'idea.status', payload: { title: 'Citas por WhatsApp', status: 'not_selected', reason: 'Ya existe un servicio igual' }, link: '/ideas/abc' })
    await notifyUsers([fer.id], { kind: 'moderation.hidden', payload: { reason: 'Spam' }, link: '/ideas/abc' })
    await notifyUsers([fer.id], { kind: 'some.future.kind', payload: {}, link: '/' })

    const page = await get('/notificaciones', fer.cookie)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<title>Notificaciones · Cocrea</title>')
    expect(html).toContain('El reto «Trámites de licencias» pasó a la fase: Votación.')
    expect(html).toContain('La idea «Citas por WhatsApp» ahora está: no seleccionada. Motivo: Ya existe un servicio igual')
    expect(html).toContain('El equipo de moderación ocultó tu contenido. Motivo: Spam')
    expect(html).toContain('Tienes una novedad en Cocrea.')
    expect(html).toContain(`href="/retos/${reto.slug}"`)
    expect(html).toContain('4 sin leer')
    // The bell in the header.
    expect(html).toMatch(/data-testid="unread-count"[^>]*>4</)
    expect(html).toContain('aria-label="Notificaciones: 4 sin leer"')

    // In English for an English reader.
    const english = await person('English Reader', { language: 'en' })
    await notifyUsers([english.id], { kind: 'challenge.phase', payload: { title: reto.title, phase: 'voting' }, link: `/retos/${reto.slug}` })
    expect(await (await get('/notificaciones', english.cookie)).text()).toContain('The challenge “Trámites de licencias” moved to the phase: Voting.')

    const [first] = await notificationsOf(fer.id)
    // Someone else cannot mark it.
    const refused = await post('/notificaciones', { id: first.id }, stranger.cookie)
    expect(refused.status).toBe(404)
    expect((await notificationsOf(fer.id)).every((n) => n.readAt === null)).toBe(true)

    const one = await post('/notificaciones', { id: first.id, redirectTo: '/notificaciones' }, fer.cookie)
    expect(one.status).toBe(302)
    expect(one.headers.get('location')).toBe('/notificaciones')
    const afterOne = await notificationsOf(fer.id)
    expect(afterOne.filter((n) => n.readAt)).toHaveLength(1)
    expect(afterOne.find((n) => n.id === first.id)?.readAt).not.toBeNull()
    expect(await (await get('/notificaciones', fer.cookie)).text()).toContain('3 sin leer')

    const all = await post('/notificaciones', { id: 'all' }, fer.cookie)
    expect(all.status).toBe(302)
    expect((await notificationsOf(fer.id)).every((n) => n.readAt !== null)).toBe(true)
    const home = await (await get('/', fer.cookie)).text()
    expect(home).not.toContain('data-testid="unread-count"')
    expect(home).toContain('href="/notificaciones"')

    // Signed out: the page asks to sign in.
    const anonymous = await get('/notificaciones')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Fnotificaciones')
  })
})

describe('e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>
  const saved = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL }

  beforeAll(async () => {
    smtp = await startSmtpSink()
    process.env.SMTP_URL = smtp.url
    process.env.PUBLIC_URL = 'https://cocrea.example.gt'
  })
  afterAll(async () => {
    process.env.SMTP_URL = saved.SMTP_URL
    process.env.PUBLIC_URL = saved.PUBLIC_URL
    if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL
    if (saved.PUBLIC_URL === undefined) delete process.env.PUBLIC_URL
    await smtp?.close()
  })

  test('a notification is delivered by SMTP to the person, in Spanish, with an absolute link', async () => {
    const gabi = await person('Gabriela Mail')
    const reto = await challenge('voting', 'Licencias de conducir')
    await notifyUsers([gabi.id], { kind: 'challenge.phase', payload: { title: reto.title, phase: 'voting' }, link: `/retos/${reto.slug}` })
    const decoded = await smtp.nth(gabi.email)
    expect(decoded.to).toContain(gabi.email)
    expect(decoded.subject).toBe('Cocrea: El reto «Licencias de conducir» pasó a la fase: Votación.')
    expect(decoded.text).toContain('Hola, Gabriela Mail:')
    expect(decoded.text).toContain(`https://cocrea.example.gt/retos/${reto.slug}`)
  })

  test('an English reader gets it in English', async () => {
    const henry = await person('Henry Mail', { language: 'en' })
    await notifyUsers([henry.id], { kind: 'comment.new', payload: { author: 'Ana', title: 'Citas' }, link: '/ideas/1' })
    expect((await smtp.nth(henry.email)).subject).toBe('Cocrea: Ana commented on “Citas”.')
  })

  test('a mail server that refuses does not break the action that notified', async () => {
    const ines = await person('Inés Falla')
    process.env.SMTP_URL = 'smtp://127.0.0.1:1'
    const write = vi.spyOn(process.stdout, 'write')
    try {
      const rows = await notifyUsers([ines.id], { kind: 'idea.decision', payload: { title: 'Citas' }, link: '/ideas/1' })
      expect(rows).toHaveLength(1)
      const logged = await vi.waitUntil(() => write.mock.calls.map((c) => String(c[0])).find((line) => line.includes('notification e-mail failed')), { timeout: 15_000, interval: 25 })
      expect(JSON.parse(logged)).toMatchObject({ level: 50, notificationId: rows[0].id })
    } finally {
      write.mockRestore()
      process.env.SMTP_URL = smtp.url
    }
    expect(await notificationsOf(ines.id)).toHaveLength(1)
  })
})

describe('without SMTP_URL', () => {
  test('the e-mail is written to DATA_DIR/mail as an .eml file, the log gets one line without address or body, and everything else works', async () => {
    expect(process.env.SMTP_URL).toBeUndefined()
    const juan = await person('Juan Sin Correo')
    const write = vi.spyOn(process.stdout, 'write')
    try {
      const rows = await notifyUsers([juan.id], { kind: 'idea.decision', payload: { title: 'Citas por WhatsApp' }, link: '/ideas/1' })
      expect(rows).toHaveLength(1)
      const file = await vi.waitUntil(() => readdirSync(server.mailDir).find((f) => readFileSync(path.join(server.mailDir, f), 'utf8').includes(juan.email)), { timeout: 5000, interval: 25 })
      expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-[0-9a-f]+\.eml$/)
      const raw = readFileSync(path.join(server.mailDir, file), 'utf8')
      // A real RFC 822 message: headers, a blank line, the body; CRLF line ends.
      expect(raw).toMatch(/\r\n\r\n/)
      expect(raw.split('\r\n\r\n')[0].split('\r\n')).toEqual(expect.arrayContaining([`To: ${juan.email}`, expect.stringMatching(/^Message-ID: </), expect.stringMatching(/^From: Cocrea </)]))
      const decoded = decodeMail(raw)
      expect(decoded.subject).toBe('Cocrea: Se publicó la decisión sobre la idea «Citas por WhatsApp».')
      // Links use the address the server listens on when PUBLIC_URL is unset.
      expect(decoded.text).toContain(`${server.url}/ideas/1`)
      const lines = await vi.waitUntil(() => {
        const found = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes(file))
        return found.length ? found : undefined
      })
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0])).toMatchObject({ level: 30, file })
      const everything = write.mock.calls.map((c) => String(c[0])).join('')
      expect(everything).not.toContain(juan.email)
      expect(everything).not.toContain('Citas por WhatsApp')
    } finally {
      write.mockRestore()
    }
    const page = await get('/notificaciones', juan.cookie)
    expect(page.status).toBe(200)
  })
})
