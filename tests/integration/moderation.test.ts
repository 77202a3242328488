import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditLog, challenges, comments, ideas, institutions, notifications, reports, users, type Role } from '#db/schema.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

const PASSWORD = 'una-clave-larga-1'

let server: TestServer
let institutionId: string
let facilitator: Person

beforeAll(async () => {
  server = await startTestServer()
  const [inst] = await server.database.db.insert(institutions).values({ acronym: 'SAT', name: 'Superintendencia de Administración Tributaria', slug: 'sat-moderacion' }).returning()
  institutionId = inst.id
  facilitator = await person('Fabiola Facilitadora', 'facilitator')
})
afterAll(() => server?.stop())

type Person = { id: string; name: string; email: string; cookie: string; token: string }

async function person(name: string, role: Role = 'citizen'): Promise<Person> {
  const email = uniqueEmail('mod')
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: null, language: 'es' })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, email, cookie: cookieFrom(response, 'cocrea_session')!, token: body.token }
}

let counter = 0
async function challenge() {
  const [row] = await server.database.db
    .insert(challenges)
    .values({ slug: `reto-mod-${process.pid}-${counter++}`, title: 'Menos filas en la SAT', problem: '¿Cómo podríamos reducir las filas?', institutionId, phase: 'open' })
    .returning()
  return row
}
async function idea(createdBy: string, status: 'published' | 'shortlisted' = 'published', title = 'Turnos en línea') {
  const reto = await challenge()
  const [row] = await server.database.db.insert(ideas).values({ challengeId: reto.id, createdBy, title, description: 'Pedir **turno** desde el teléfono.', status }).returning()
  return row
}
async function comment(authorId: string, ideaId: string, body = 'Compra seguidores baratos en http://spam.example') {
  const [row] = await server.database.db.insert(comments).values({ targetType: 'idea', targetId: ideaId, authorId, body }).returning()
  return row
}

function post(path: string, fields: Record<string, string | string[]>, cookie?: string) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) params.append(k, value)
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(cookie ? { cookie } : {}) },
    body: params.toString(),
  })
}
const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} })
const db = () => server.database.db
const reportsOn = (targetId: string) => db().select().from(reports).where(eq(reports.targetId, targetId))
const auditOf = (entityId: string) => db().select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id)
/** A person's audit records apart from the creation of their account. */
const blockAuditOf = async (userId: string) => (await auditOf(userId)).filter((a) => a.action !== 'user.create')
const commentRow = async (id: string) => (await db().select().from(comments).where(eq(comments.id, id)))[0]
const ideaRow = async (id: string) => (await db().select().from(ideas).where(eq(ideas.id, id)))[0]
const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0]
const reportForm = (targetType: string, targetId: string, reason: string, redirectTo = '/') => ({ targetType, targetId, reason, redirectTo })

describe('reporting', () => {
  test('a citizen reports a comment through the form; reporting again is idempotent; after a dismissal it reopens', async () => {
    const [author, reporter] = await Promise.all([person('Autor Spam'), person('Rita Reporta')])
    const propuesta = await idea(author.id)
    const spam = await comment(author.id, propuesta.id)

    // The report page shows what is reported, as text.
    const page = await get(`/reportar?targetType=comment&targetId=${spam.id}&redirectTo=${encodeURIComponent(`/ideas/${propuesta.id}`)}`, reporter.cookie)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Reportar contenido')
    expect(html).toContain('Compra seguidores baratos')
    expect(html).toContain('Motivo del reporte')

    const first = await post('/reportar', reportForm('comment', spam.id, 'Es spam', `/ideas/${propuesta.id}`), reporter.cookie)
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe(`/ideas/${propuesta.id}`)
    const flash = cookieFrom(first, 'cocrea_flash')!
    expect(await (await get('/', `${reporter.cookie}; ${flash}`)).text()).toContain('Gracias. Recibimos tu reporte')

    const second = await post('/reportar', reportForm('comment', spam.id, 'Otra vez spam'), reporter.cookie)
    expect(second.status).toBe(302)
    expect(await (await get('/', `${reporter.cookie}; ${cookieFrom(second, 'cocrea_flash')}`)).text()).toContain('Ya habías reportado este contenido')
    const rows = await reportsOn(spam.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ reporterId: reporter.id, reason: 'Es spam', resolvedAt: null })

    // A facilitator dismisses; a new report from the same person opens it again.
    expect((await post('/moderacion', { intent: 'dismiss', target: `comment:${spam.id}` }, facilitator.cookie)).status).toBe(302)
    expect((await reportsOn(spam.id))[0].resolution).toBe('dismissed')
    await post('/reportar', reportForm('comment', spam.id, 'Sigue siendo spam'), reporter.cookie)
    const reopened = await reportsOn(spam.id)
    expect(reopened).toHaveLength(1)
    expect(reopened[0]).toMatchObject({ resolvedAt: null, resolution: null, reason: 'Sigue siendo spam' })
  })

  test('an empty reason is sent back to the form; anonymous people are sent to sign in; unknown content is 404', async () => {
    const [author, reporter] = await Promise.all([person('Autora'), person('Reportero')])
    const target = await comment(author.id, (await idea(author.id)).id, 'Texto normal')
    const empty = await post(`/reportar?targetType=comment&targetId=${target.id}`, reportForm('comment', target.id, '   '), reporter.cookie)
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Este campo es obligatorio.')
    const anonymous = await post('/reportar', reportForm('comment', target.id, 'spam'))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    const unknown = await post('/reportar', reportForm('comment', crypto.randomUUID(), 'spam'), reporter.cookie)
    expect(unknown.status).toBe(404)
    expect(await reportsOn(target.id)).toHaveLength(0)
  })
})

describe('the queue', () => {
  test('only facilitators see it: anonymous → sign in, citizen → 403 (and their posts change nothing)', async () => {
    const anonymous = await get('/moderacion')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Fmoderacion')

    const citizen = await person('Ciro Curioso')
    const page = await get('/moderacion', citizen.cookie)
    expect(page.status).toBe(403)
    expect(await page.text()).toContain('Acceso denegado')
    expect(await (await get('/', citizen.cookie)).text()).not.toContain('href="/moderacion"')

    const victim = await comment(citizen.id, (await idea(citizen.id)).id, 'Comentario legítimo')
    const hideAttempt = await post('/moderacion', { intent: 'hide', target: `comment:${victim.id}`, reason: 'porque sí' }, citizen.cookie)
    expect(hideAttempt.status).toBe(403)
    expect((await commentRow(victim.id)).hiddenAt).toBeNull()
    expect(await auditOf(victim.id)).toHaveLength(0)
  })

  test('open reports grouped by target with counts, newest first, with the excerpt as text and the author', async () => {
    const [author, r1, r2, r3] = await Promise.all([person('Samuel Spammer'), person('R Uno'), person('R Dos'), person('R Tres')])
    const propuesta = await idea(author.id, 'published', 'Idea con **markdown**')
    const older = await comment(author.id, propuesta.id, 'Comentario <b>viejo</b> reportado')
    const newer = await comment(author.id, propuesta.id, 'Comentario nuevo reportado')
    await post('/reportar', reportForm('comment', older.id, 'ofensivo'), r1.cookie)
    await post('/reportar', reportForm('idea', propuesta.id, 'duplicada'), r1.cookie)
    await post('/reportar', reportForm('comment', newer.id, 'spam'), r2.cookie)
    await post('/reportar', reportForm('comment', newer.id, 'publicidad'), r3.cookie)

    const response = await get('/moderacion', facilitator.cookie)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<title>Moderación · Cocrea</title>')
    expect(html).toContain('href="/moderacion"')
    const order = [newer.id, propuesta.id, older.id].map((id) => html.indexOf(`data-target="${id === propuesta.id ? 'idea' : 'comment'}:${id}"`))
    expect(order.every((i) => i > 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    const newerItem = html.slice(order[0], order[1])
    expect(newerItem).toContain('2 reportes')
    expect(newerItem).toContain('spam')
    expect(newerItem).toContain('publicidad')
    expect(newerItem).toContain('Samuel Spammer')
    expect(newerItem).toContain(`href="/ideas/${propuesta.id}#comment-${newer.id}"`)
    expect(html).toContain('Comentario viejo reportado')
    expect(html).toContain('Idea con markdown.')
    expect(html).not.toContain('&lt;b&gt;viejo')
  })
})

describe('decisions', () => {
  test('hide and restore a comment: public reason set, reports resolved, author notified, audit rows', async () => {
    const [author, reporter] = await Promise.all([person('Autor Comentario'), person('Quien Reporta')])
    const spam = await comment(author.id, (await idea(author.id)).id)
    await post('/reportar', reportForm('comment', spam.id, 'spam'), reporter.cookie)

    const hidden = await post('/moderacion', { intent: 'hide', target: `comment:${spam.id}`, reason: 'Publicidad no permitida' }, facilitator.cookie)
    expect(hidden.status).toBe(302)
    expect(hidden.headers.get('location')).toBe('/moderacion')
    const row = await commentRow(spam.id)
    expect(row.hiddenAt).not.toBeNull()
    expect(row.hiddenReason).toBe('Publicidad no permitida')
    expect((await reportsOn(spam.id))[0]).toMatchObject({ resolution: 'hidden', resolvedBy: facilitator.id })
    const [notice] = await db().select().from(notifications).where(eq(notifications.userId, author.id))
    expect(notice).toMatchObject({ kind: 'moderation.hidden', payload: expect.objectContaining({ reason: 'Publicidad no permitida' }) })

    // It leaves the queue and shows up among the hidden content.
    const page = await (await get('/moderacion', facilitator.cookie)).text()
    expect(page).not.toContain(`data-testid="queue-item" data-target="comment:${spam.id}"`)
    expect(page).toContain(`data-testid="hidden-item" data-target="comment:${spam.id}"`)

    const restored = await post('/moderacion', { intent: 'restore', target: `comment:${spam.id}` }, facilitator.cookie)
    expect(restored.status).toBe(302)
    expect(await commentRow(spam.id)).toMatchObject({ hiddenAt: null, hiddenReason: null })

    const audit = await auditOf(spam.id)
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['comment.hide', facilitator.id],
      ['comment.restore', facilitator.id],
    ])
    expect(audit[0].before).toMatchObject({ hiddenAt: null, hiddenReason: null })
    expect(audit[0].after).toMatchObject({ hiddenReason: 'Publicidad no permitida', reportsResolved: 1 })
  })

  test('hide and restore an idea: status hidden with its reason, then back to the status it had', async () => {
    const author = await person('Autora Idea')
    const propuesta = await idea(author.id, 'shortlisted')
    const hidden = await post('/moderacion', { intent: 'hide', target: `idea:${propuesta.id}`, reason: 'Contiene datos personales' }, facilitator.cookie)
    expect(hidden.status).toBe(302)
    expect(await ideaRow(propuesta.id)).toMatchObject({ status: 'hidden', statusReason: 'Contiene datos personales' })
    // Hidden content can no longer be reported by others.
    expect((await post('/reportar', reportForm('idea', propuesta.id, 'x'), (await person('Tarde')).cookie)).status).toBe(404)

    expect((await post('/moderacion', { intent: 'restore', target: `idea:${propuesta.id}` }, facilitator.cookie)).status).toBe(302)
    expect(await ideaRow(propuesta.id)).toMatchObject({ status: 'shortlisted', statusReason: null })
    const audit = await auditOf(propuesta.id)
    expect(audit.map((a) => a.action)).toEqual(['idea.hide', 'idea.restore'])
    expect(audit[0].before).toEqual({ status: 'shortlisted', statusReason: null })
    expect(audit[1].after).toMatchObject({ status: 'shortlisted' })

    // Restoring what is not hidden is refused and leaves no record.
    const again = await post('/moderacion', { intent: 'restore', target: `idea:${propuesta.id}` }, facilitator.cookie)
    expect(again.status).toBe(409)
    expect(await auditOf(propuesta.id)).toHaveLength(2)
  })

  test('hiding needs a public reason', async () => {
    const author = await person('Sin Motivo')
    const target = await comment(author.id, (await idea(author.id)).id)
    const response = await post('/moderacion', { intent: 'hide', target: `comment:${target.id}`, reason: '' }, facilitator.cookie)
    expect(response.status).toBe(400)
    expect((await commentRow(target.id)).hiddenAt).toBeNull()
  })

  test('block: the person keeps reading with the same session, but every mutation is refused (403), and the audit shows it', async () => {
    const [blocked, reporter] = await Promise.all([person('Bruno Bloqueado'), person('Testigo')])
    const propuesta = await idea(reporter.id)
    const spam = await comment(blocked.id, propuesta.id)
    await post('/reportar', reportForm('comment', spam.id, 'spam'), reporter.cookie)
    // Before: their mutations go through.
    expect((await post('/reportar', reportForm('comment', (await comment(reporter.id, propuesta.id, 'hola')).id, 'prueba'), blocked.cookie)).status).toBe(302)

    const response = await post('/moderacion', { intent: 'blockAuthor', target: `comment:${spam.id}`, reason: 'Spam repetido' }, facilitator.cookie)
    expect(response.status).toBe(302)
    expect((await userRow(blocked.id)).blockedAt).not.toBeNull()
    const audit = await blockAuditOf(blocked.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'user.block', actorId: facilitator.id, entityType: 'user', before: { blockedAt: null } })

    const bearer = { authorization: `Bearer ${blocked.token}`, 'content-type': 'application/json' }
    const commentsBefore = await db().select().from(comments).where(eq(comments.authorId, blocked.id))
    const viaApi = await fetch(`${server.url}/api/v1/ideas/${propuesta.id}/comments`, { method: 'POST', headers: bearer, body: JSON.stringify({ body: 'Más spam' }) })
    expect(viaApi.status).toBe(403)
    expect(((await viaApi.json()) as { error: { code: string } }).error.code).toBe('blocked')
    const newIdea = await fetch(`${server.url}/api/v1/challenges/${propuesta.challengeId}/ideas`, { method: 'POST', headers: bearer, body: JSON.stringify({ title: 'Spam spam spam', description: 'Compra seguidores baratos ahora mismo.' }) })
    expect(newIdea.status).toBe(403)
    const follow = await fetch(`${server.url}/api/v1/follows/idea/${propuesta.id}`, { method: 'PUT', headers: bearer })
    expect(follow.status).toBe(403)
    expect(await db().select().from(comments).where(eq(comments.authorId, blocked.id))).toHaveLength(commentsBefore.length)
    const viaForm = await post('/reportar', reportForm('idea', propuesta.id, 'represalia'), blocked.cookie)
    expect(viaForm.status).toBe(403)
    expect(await reportsOn(propuesta.id)).toHaveLength(0)

    // Still signed in, still reading.
    expect((await fetch(`${server.url}/api/v1/me`, { headers: bearer })).status).toBe(200)
    expect((await get('/notificaciones', blocked.cookie)).status).toBe(200)
    const moderation = await (await get('/moderacion', facilitator.cookie)).text()
    expect(moderation).toContain('Bruno Bloqueado')

    // Unblocking gives the mutations back, also audited.
    expect((await post('/moderacion', { intent: 'unblock', userId: blocked.id }, facilitator.cookie)).status).toBe(302)
    expect((await userRow(blocked.id)).blockedAt).toBeNull()
    expect((await blockAuditOf(blocked.id)).map((a) => a.action)).toEqual(['user.block', 'user.unblock'])
    expect((await fetch(`${server.url}/api/v1/follows/idea/${propuesta.id}`, { method: 'PUT', headers: bearer })).status).toBe(200)
  })

  test('a citizen cannot block, and staff accounts cannot be blocked from the queue', async () => {
    const citizen = await person('Ciudadana')
    const other = await person('Otra')
    expect((await post('/moderacion', { intent: 'block', userId: other.id }, citizen.cookie)).status).toBe(403)
    const colleague = await person('Colega Facilitadora', 'facilitator')
    expect((await post('/moderacion', { intent: 'block', userId: colleague.id }, facilitator.cookie)).status).toBe(403)
    expect((await post('/moderacion', { intent: 'block', userId: facilitator.id }, facilitator.cookie)).status).toBe(409)
    for (const id of [other.id, colleague.id, facilitator.id]) expect((await userRow(id)).blockedAt).toBeNull()
  })

  test('bulk: a spam wave is hidden and its authors blocked in one go, every item audited', async () => {
    const [s1, s2, reporter] = await Promise.all([person('Spam Uno'), person('Spam Dos'), person('Vigilante')])
    const propuesta = await idea(reporter.id)
    const wave = [await comment(s1.id, propuesta.id), await comment(s1.id, propuesta.id), await comment(s2.id, propuesta.id)]
    const keep = await comment(reporter.id, propuesta.id, 'Comentario útil')
    for (const c of [...wave, keep]) await post('/reportar', reportForm('comment', c.id, 'spam'), reporter.cookie)

    const response = await post(
      '/moderacion',
      { intent: 'bulk', bulkAction: 'hide_block', reason: 'Spam', targets: wave.map((c) => `comment:${c.id}`) },
      facilitator.cookie,
    )
    expect(response.status).toBe(302)
    const rows = await db().select().from(comments).where(inArray(comments.id, wave.map((c) => c.id)))
    expect(rows.every((c) => c.hiddenAt !== null && c.hiddenReason === 'Spam')).toBe(true)
    expect((await commentRow(keep.id)).hiddenAt).toBeNull()
    const waveReports = await db().select().from(reports).where(inArray(reports.targetId, wave.map((c) => c.id)))
    expect(waveReports.every((r) => r.resolution === 'hidden')).toBe(true)
    expect((await reportsOn(keep.id))[0].resolvedAt).toBeNull()
    for (const c of wave) expect((await auditOf(c.id)).map((a) => a.action)).toEqual(['comment.hide'])
    for (const s of [s1, s2]) {
      expect((await userRow(s.id)).blockedAt).not.toBeNull()
      expect((await blockAuditOf(s.id)).map((a) => a.action)).toEqual(['user.block'])
    }
    expect((await userRow(reporter.id)).blockedAt).toBeNull()

    // Bulk dismiss of what remains; nothing selected is a form error.
    expect((await post('/moderacion', { intent: 'bulk', bulkAction: 'dismiss', targets: [`comment:${keep.id}`] }, facilitator.cookie)).status).toBe(302)
    expect((await reportsOn(keep.id))[0].resolution).toBe('dismissed')
    expect((await auditOf(keep.id)).map((a) => a.action)).toEqual(['report.dismiss'])
    const none = await post('/moderacion', { intent: 'bulk', bulkAction: 'hide', reason: 'x' }, facilitator.cookie)
    expect(none.status).toBe(400)
    expect(await none.text()).toContain('Selecciona al menos un elemento')
  })

  test('every decision and its audit record commit together: a failing bulk changes nothing', async () => {
    const author = await person('Atómico')
    const ok = await comment(author.id, (await idea(author.id)).id)
    const missing = crypto.randomUUID()
    const response = await post('/moderacion', { intent: 'bulk', bulkAction: 'hide', reason: 'Spam', targets: [`comment:${ok.id}`, `comment:${missing}`] }, facilitator.cookie)
    expect(response.status).toBe(404)
    expect((await commentRow(ok.id)).hiddenAt).toBeNull()
    expect(await auditOf(ok.id)).toHaveLength(0)
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, author.id), eq(notifications.kind, 'moderation.hidden')))).toHaveLength(0)
  })
})
