import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditLog, challenges, follows, institutions, notifications, type Role } from '#db/schema.ts'
import { advanceDuePhases } from '#app/services/challenges/challenges.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { expectLabelledControls } from '#tests/helpers/html.ts'

const PASSWORD = 'una-clave-larga-1'

let server: TestServer
let dataDir: string
let previousDataDir: string | undefined
type Person = { id: string; name: string; token: string; cookie: string }
let inst: { a: string; b: string }
let facilitator: Person
let officialA: Person
let officialB: Person
let citizen: Person
let facilitatorEn: Person

beforeAll(async () => {
  previousDataDir = process.env.DATA_DIR
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'cocrea-challenges-'))
  process.env.DATA_DIR = dataDir
  server = await startTestServer()
  const [a, b] = await server.database.db
    .insert(institutions)
    .values([
      { acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: 'renap' },
      { acronym: 'MSPAS', name: 'Ministerio de Salud Pública', slug: 'mspas' },
    ])
    .returning()
  inst = { a: a.id, b: b.id }
  ;[facilitator, officialA, officialB, citizen, facilitatorEn] = await Promise.all([
    person('facilitator', 'Fabiola Facilitadora'),
    person('official', 'Óscar Oficial', inst.a),
    person('official', 'Olga Oficial', inst.b),
    person('citizen', 'Ciro Ciudadano'),
    person('facilitator', 'Frank Facilitator', null, 'en'),
  ])
})
afterAll(async () => {
  await server?.stop()
  if (previousDataDir === undefined) delete process.env.DATA_DIR
  else process.env.DATA_DIR = previousDataDir
  await rm(dataDir, { recursive: true, force: true })
})

async function person(role: Role, name: string, institutionId: string | null = null, language: 'es' | 'en' = 'es'): Promise<Person> {
  const email = uniqueEmail(role)
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId, language })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, token: body.token, cookie: cookieFrom(response, 'cocrea_session')! }
}

async function api(method: string, url: string, body?: unknown, who?: Person | null, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/v1${url}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

function page(url: string, who?: Person | null, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${url}`, { redirect: 'manual', headers: { ...(who ? { cookie: who.cookie } : {}), ...headers } })
}

/** A form post as a browser without JavaScript sends it: multipart (the challenge form has a file input). */
function postMultipart(url: string, form: FormData, who: Person, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${url}`, { method: 'POST', redirect: 'manual', body: form, headers: { origin: server.url, cookie: who.cookie, ...headers } })
}

function postForm(url: string, fields: Record<string, string>, who: Person) {
  return fetch(`${server.url}${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: who.cookie },
    body: new URLSearchParams(fields).toString(),
  })
}

let titleCounter = 0
function body(institutionId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: `¿Cómo podríamos mejorar el servicio número ${++titleCounter}?`,
    problem: 'Las personas esperan **semanas** para renovar su documento de identificación en las sedes.',
    institutionId,
    serviceArea: 'identity',
    votingMethod: 'support',
    ...overrides,
  }
}

async function created(who: Person, institutionId: string, overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/challenges', body(institutionId, overrides), who)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.challenge as { id: string; slug: string; title: string; phase: string; [k: string]: unknown }
}

async function published(overrides: Record<string, unknown> = {}) {
  const c = await created(facilitator, inst.a, overrides)
  const moved = await api('POST', `/challenges/${c.id}/phase`, { phase: 'open' }, facilitator)
  expect(moved.status).toBe(200)
  return moved.body.challenge as typeof c
}

const auditFor = (entityId: string) => server.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id)


// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

function challengeForm(institutionId: string, fields: Record<string, string | string[]> = {}, cover?: Blob, coverName = 'portada.png') {
  const form = new FormData()
  const values: Record<string, string | string[]> = {
    title: '¿Cómo podríamos acortar las filas en los centros de salud?',
    problem: 'Las filas en los centros de salud empiezan a las **4 de la mañana**.',
    institutionId,
    serviceArea: 'health',
    department: 'Quetzaltenango',
    municipality: 'Salcajá',
    votingMethod: 'dots',
    votingBudget: '5',
    votingMaxPerIdea: '2',
    ...fields,
  }
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one)
  form.append('coverImage', cover ?? new Blob([]), cover ? coverName : '')
  return form
}

describe('API: creating challenges', () => {
  test('anonymous people and citizens are refused; nothing is created', async () => {
    const before = await server.database.db.select().from(challenges)
    expect((await api('POST', '/challenges', body(inst.a))).status).toBe(401)
    const refused = await api('POST', '/challenges', body(inst.a), citizen)
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({ error: { code: 'forbidden', message: 'No tienes permiso para hacer esto.' } })
    expect(await server.database.db.select().from(challenges)).toHaveLength(before.length)
  })

  test('an official proposes only for their own institution', async () => {
    const other = await api('POST', '/challenges', body(inst.b), officialA)
    expect(other.status).toBe(403)
    expect(other.body.error.message).toBe('Solo puedes proponer y editar retos de tu propia institución.')
    const own = await created(officialA, inst.a)
    expect(own.phase).toBe('draft')
    expect((own.institution as { id: string }).id).toBe(inst.a)
  })

  test('a facilitator proposes for any institution; the answer has the documented shape; it is audited', async () => {
    const res = await api(
      'POST',
      '/challenges',
      body(inst.b, {
        title: '¿Cómo podríamos reducir la espera para renovar el DPI?',
        department: 'Guatemala',
        municipality: 'Mixco',
        sdgTargets: ['16.6', '16.9'],
        opensAt: '2030-03-01T09:30',
        votingAt: '2030-05-01T15:00:00Z',
        votingMethod: 'dots',
        votingBudget: 5,
        votingMaxPerIdea: 2,
      }),
      facilitator,
    )
    expect(res.status).toBe(201)
    const c = res.body.challenge
    expect(Object.keys(res.body)).toEqual(['challenge'])
    expect(Object.keys(c).sort()).toEqual(
      ['id', 'slug', 'title', 'phase', 'institution', 'voting', 'problem', 'problemHtml', 'serviceArea', 'territory', 'sdgTargets', 'coverImageUrl', 'dates', 'createdAt', 'updatedAt'].sort(),
    )
    expect(c).toMatchObject({
      slug: 'como-podriamos-reducir-la-espera-para-renovar-el-dpi',
      title: '¿Cómo podríamos reducir la espera para renovar el DPI?',
      phase: 'draft',
      institution: { id: inst.b, name: 'Ministerio de Salud Pública' },
      voting: { method: 'dots', budget: 5, maxPerIdea: 2 },
      problemHtml: '<p>Las personas esperan <strong>semanas</strong> para renovar su documento de identificación en las sedes.</p>',
      serviceArea: 'identity',
      territory: { department: 'Guatemala', municipality: 'Mixco' },
      sdgTargets: ['16.6', '16.9'],
      coverImageUrl: null,
      // A date without a zone is Guatemala time (UTC−6).
      dates: { opensAt: '2030-03-01T15:30:00.000Z', cocreationAt: null, votingAt: '2030-05-01T15:00:00.000Z', evaluationAt: null, pilotingAt: null, closesAt: null },
    })
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/)
    const audit = await auditFor(c.id)
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['challenge.create', facilitator.id]])
    // The same challenge by id and by slug.
    expect((await api('GET', `/challenges/${c.id}`, undefined, facilitator)).body).toEqual(c)
    expect((await api('GET', `/challenges/${c.slug}`, undefined, facilitator)).body).toEqual(c)
  })

  test('slugs are unique: the same title gets -2, -3', async () => {
    const title = '¿Cómo podríamos tener agua potable todos los días?'
    const slugs = []
    for (let i = 0; i < 3; i++) slugs.push((await created(facilitator, inst.a, { title })).slug)
    expect(slugs).toEqual(['como-podriamos-tener-agua-potable-todos-los-dias', 'como-podriamos-tener-agua-potable-todos-los-dias-2', 'como-podriamos-tener-agua-potable-todos-los-dias-3'])
  })

  test('support voting is always one vote per idea', async () => {
    const c = await created(facilitator, inst.a, { votingMethod: 'support', votingBudget: 7, votingMaxPerIdea: 3 })
    expect(c.voting).toEqual({ method: 'support', budget: 1, maxPerIdea: 1 })
  })

  test('invalid input: 400 with translated field messages (Spanish and English)', async () => {
    const bad = { ...body(inst.a), title: 'x', department: 'Atlántida', municipality: 'Mixco', sdgTargets: ['99.1'], opensAt: '2030-05-01T10:00', votingAt: '2030-04-01T10:00', votingMethod: 'dots', votingBudget: 2, votingMaxPerIdea: 1 }
    const es = await api('POST', '/challenges', bad, facilitator)
    expect(es.status).toBe(400)
    expect(es.body.error.code).toBe('validation')
    expect(es.body.error.fields).toEqual({
      title: ['El título debe tener al menos 8 caracteres.'],
      department: ['Elige un departamento de la lista.'],
      sdgTargets: ['Elige metas ODS de la lista (hasta 10).'],
    })
    // The person's own language (English here) decides the language of the messages.
    const en = await api('POST', '/challenges', { ...bad, title: 'A long enough title', department: 'Guatemala', municipality: 'Salcajá', sdgTargets: [] }, facilitatorEn)
    expect(en.status).toBe(400)
    expect(en.body.error.fields).toEqual({ municipality: ['Choose a municipality of the chosen department.'], votingAt: ['This date must come after the previous phase’s.'] })
    const over = await api('POST', '/challenges', { ...body(inst.a), votingMethod: 'dots', votingBudget: 2, votingMaxPerIdea: 3 }, facilitator)
    expect(over.body.error.fields).toEqual({ votingMaxPerIdea: ['El máximo por idea no puede ser mayor que los votos por persona.'] })
  })
})

describe('drafts are visible only to the lab and their institution', () => {
  test('API and page: 404 for anonymous, citizens and other institutions', async () => {
    const draft = await created(officialA, inst.a)
    for (const who of [null, citizen, officialB]) {
      const res = await api('GET', `/challenges/${draft.slug}`, undefined, who)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
      expect((await page(`/retos/${draft.slug}`, who)).status).toBe(404)
      const list = await api('GET', '/challenges?phase=draft', undefined, who)
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(draft.id)
    }
    for (const who of [officialA, facilitator]) {
      expect((await api('GET', `/challenges/${draft.id}`, undefined, who)).status).toBe(200)
      const res = await page(`/retos/${draft.slug}`, who)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('Este reto es un borrador')
      const list = await api('GET', '/challenges?phase=draft', undefined, who)
      expect(list.body.items.map((c: { id: string }) => c.id)).toContain(draft.id)
    }
  })
})

describe('editing', () => {
  test('officials edit their institution’s drafts only; facilitators any challenge', async () => {
    const draft = await created(officialA, inst.a)
    const ok = await api('PATCH', `/challenges/${draft.id}`, { title: 'Un título corregido por la oficial' }, officialA)
    expect(ok.status).toBe(200)
    expect(ok.body.challenge.title).toBe('Un título corregido por la oficial')
    expect(ok.body.challenge.slug).toBe(draft.slug)
    // Other fields stay as they were.
    expect(ok.body.challenge.problem).toBe(body(inst.a).problem)
    expect((await api('PATCH', `/challenges/${draft.id}`, { institutionId: inst.b }, officialA)).status).toBe(403)
    expect((await api('PATCH', `/challenges/${draft.id}`, { title: 'Título de otra institución' }, officialB)).status).toBe(404)

    const audit = await auditFor(draft.id)
    expect(audit.map((a) => a.action)).toEqual(['challenge.create', 'challenge.update'])
    expect((audit[1].before as { title: string }).title).toBe(draft.title)
    expect((audit[1].after as { title: string }).title).toBe('Un título corregido por la oficial')

    await api('POST', `/challenges/${draft.id}/phase`, { phase: 'open' }, facilitator)
    expect((await api('PATCH', `/challenges/${draft.id}`, { title: 'La oficial ya no puede editarlo' }, officialA)).status).toBe(403)
    expect((await api('PATCH', `/challenges/${draft.id}`, { title: 'Un ciudadano no puede editarlo' }, citizen)).status).toBe(403)
    const byLab = await api('PATCH', `/challenges/${draft.id}`, { title: 'El laboratorio sí puede editarlo', institutionId: inst.b }, facilitator)
    expect(byLab.status).toBe(200)
    expect(byLab.body.challenge.institution.id).toBe(inst.b)
  })

  test('the voting rules freeze when voting opens', async () => {
    const c = await published({ votingMethod: 'dots', votingBudget: 5, votingMaxPerIdea: 2 })
    expect((await api('PATCH', `/challenges/${c.id}`, { votingBudget: 6 }, facilitator)).status).toBe(200)
    await api('POST', `/challenges/${c.id}/phase`, { phase: 'voting' }, facilitator)
    for (const change of [{ votingBudget: 7 }, { votingMethod: 'support' }, { votingMaxPerIdea: 1 }]) {
      const res = await api('PATCH', `/challenges/${c.id}`, change, facilitator)
      expect(res.status, JSON.stringify(change)).toBe(409)
      expect(res.body.error.fields).toEqual({ votingMethod: ['La votación ya se abrió: el método y los votos no se pueden cambiar.'] })
    }
    // Sending the same rules, or changing something else, is fine.
    const same = await api('PATCH', `/challenges/${c.id}`, { votingMethod: 'dots', votingBudget: 6, votingMaxPerIdea: 2, title: 'Se puede cambiar el título en votación' }, facilitator)
    expect(same.status).toBe(200)
    expect(same.body.challenge.voting).toEqual({ method: 'dots', budget: 6, maxPerIdea: 2 })
  })
})

describe('phases', () => {
  test('only facilitators move phases: forward to any later phase, back one step; audited; followers notified', async () => {
    const c = await created(officialA, inst.a)
    expect((await api('POST', `/challenges/${c.id}/phase`, { phase: 'open' }, officialA)).status).toBe(403)
    const open = await api('POST', `/challenges/${c.id}/phase`, { phase: 'open' }, facilitator)
    expect(open.status).toBe(200)
    expect(open.body.challenge.phase).toBe('open')
    expect(open.body.challenge.dates.opensAt).not.toBeNull()
    expect((await api('POST', `/challenges/${c.id}/phase`, { phase: 'voting' }, citizen)).status).toBe(403)
    expect((await api('POST', `/challenges/${c.id}/phase`, { phase: 'voting' })).status).toBe(401)
    expect((await api('POST', `/challenges/${c.id}/phase`, { phase: 'nope' }, facilitator)).status).toBe(400)

    await server.database.db.insert(follows).values([
      { userId: citizen.id, targetType: 'challenge', targetId: c.id },
      { userId: facilitator.id, targetType: 'challenge', targetId: c.id },
    ])
    expect((await api('POST', `/challenges/${c.id}/phase`, { phase: 'voting' }, facilitator)).body.challenge.phase).toBe('voting')
    // Back one step corrects a mistake; back two is refused.
    expect((await api('POST', `/challenges/${c.id}/phase`, { phase: 'cocreation' }, facilitator)).status).toBe(200)
    const twoBack = await api('POST', `/challenges/${c.id}/phase`, { phase: 'draft' }, facilitator)
    expect(twoBack.status).toBe(409)
    expect(twoBack.body.error).toEqual({ code: 'conflict', message: 'El reto no puede pasar a esa fase desde la fase actual.' })
    expect((await api('POST', `/challenges/${c.id}/phase`, { phase: 'cocreation' }, facilitator)).status).toBe(409)

    const moves = (await auditFor(c.id)).filter((a) => a.action === 'challenge.phase')
    expect(moves.map((a) => [a.actorId, a.before, a.after])).toEqual([
      [facilitator.id, { phase: 'draft' }, { phase: 'open' }],
      [facilitator.id, { phase: 'open' }, { phase: 'voting' }],
      [facilitator.id, { phase: 'voting' }, { phase: 'cocreation' }],
    ])
    const notes = await server.database.db.select().from(notifications).where(eq(notifications.kind, 'challenge.phase'))
    const mine = notes.filter((n) => n.link === `/retos/${c.slug}`)
    expect(mine.map((n) => [n.userId, (n.payload as { phase: string }).phase]).sort()).toEqual([
      [citizen.id, 'cocreation'],
      [citizen.id, 'voting'],
    ])
  })

  test('the phase form on the page (facilitators only) moves the challenge', async () => {
    const c = await created(facilitator, inst.a)
    const html = await (await page(`/retos/${c.slug}`, facilitator)).text()
    expect(html).toContain('Cambiar a la fase')
    expect(html).toContain(`href="/retos/${c.slug}/editar"`)
    const res = await postForm(`/retos/${c.slug}`, { intent: 'phase', phase: 'open' }, facilitator)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/retos/${c.slug}`)
    expect((await api('GET', `/challenges/${c.id}`)).body.phase).toBe('open')
    const refused = await postForm(`/retos/${c.slug}`, { intent: 'phase', phase: 'voting' }, citizen)
    expect(refused.status).toBe(403)
    expect((await api('GET', `/challenges/${c.id}`)).body.phase).toBe('open')
    const citizenHtml = await (await page(`/retos/${c.slug}`, citizen)).text()
    expect(citizenHtml).not.toContain('Cambiar a la fase')
    expect(citizenHtml).not.toContain('/editar"')
  })

  test('advanceDuePhases moves published challenges when their dates come, as nobody, and never drafts', async () => {
    const now = Date.now()
    const hour = 3600_000
    const iso = (t: number) => new Date(t).toISOString()
    const c = await published({ cocreationAt: iso(now + hour), votingAt: iso(now + 2 * hour), closesAt: iso(now + 5 * hour) })
    const draft = await created(facilitator, inst.a, { opensAt: iso(now - hour) })
    await server.database.db.insert(follows).values({ userId: citizen.id, targetType: 'challenge', targetId: c.id })

    expect((await advanceDuePhases(new Date(now))).find((m) => m.id === c.id)).toBeUndefined()
    expect(await advanceDuePhases(new Date(now + 1.5 * hour))).toContainEqual({ id: c.id, from: 'open', to: 'cocreation' })
    expect((await api('GET', `/challenges/${c.id}`)).body.phase).toBe('cocreation')
    // Several due dates at once: straight to the latest one.
    expect(await advanceDuePhases(new Date(now + 6 * hour))).toContainEqual({ id: c.id, from: 'cocreation', to: 'closed' })
    expect((await api('GET', `/challenges/${draft.id}`, undefined, facilitator)).body.phase).toBe('draft')

    const moves = (await auditFor(c.id)).filter((a) => a.action === 'challenge.phase')
    expect(moves.map((a) => [a.actorId, (a.after as { phase: string }).phase])).toEqual([
      [facilitator.id, 'open'],
      [null, 'cocreation'],
      [null, 'closed'],
    ])
    const notes = await server.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, citizen.id), eq(notifications.link, `/retos/${c.slug}`)))
    expect(notes.map((n) => (n.payload as { phase: string }).phase).sort()).toEqual(['closed', 'cocreation'])
  })
})

describe('listing', () => {
  test('filters by phase, institution, service area, department, SDG, and searches without accents', async () => {
    const dpi = await published({
      title: 'Reducir la espera en la renovación del DPI en Huehuetenango',
      serviceArea: 'identity',
      department: 'Huehuetenango',
      municipality: 'Petatán',
      sdgTargets: ['16.9'],
    })
    const water = await created(facilitator, inst.b, { title: 'Agua potable para las escuelas rurales de Zacapa', serviceArea: 'water', department: 'Zacapa', sdgTargets: ['6.1'] })
    await api('POST', `/challenges/${water.id}/phase`, { phase: 'voting' }, facilitator)

    const ids = async (query: string) => ((await api('GET', `/challenges?${query}`)).body.items as { id: string }[]).map((c) => c.id)
    expect(await ids('phase=open')).toContain(dpi.id)
    expect(await ids('phase=open')).not.toContain(water.id)
    expect(await ids('phase=voting')).toContain(water.id)
    expect(await ids(`institution=${inst.b}`)).toContain(water.id)
    expect(await ids(`institution=${inst.b}`)).not.toContain(dpi.id)
    expect(await ids('serviceArea=water')).toEqual([water.id])
    expect(await ids(`department=${encodeURIComponent('Huehuetenango')}`)).toEqual([dpi.id])
    expect(await ids('sdg=6.1')).toEqual([water.id])
    expect(await ids('q=renovacion')).toEqual([dpi.id])
    expect(await ids('q=ESCUELAS%20rurales')).toEqual([water.id])

    const list = await api('GET', '/challenges?phase=open&page=1')
    expect(Object.keys(list.body).sort()).toEqual(['items', 'page', 'pageSize', 'total'])
    expect(list.body.page).toBe(1)
    expect(list.body.total).toBe(list.body.items.length)
    expect(list.body.items.every((c: { phase: string }) => c.phase === 'open')).toBe(true)
    expect((await api('GET', '/challenges?page=999')).body).toMatchObject({ items: [], page: 999 })

    const html = await (await page(`/retos?serviceArea=water&department=Zacapa`)).text()
    expect(html).toContain('Agua potable para las escuelas rurales de Zacapa')
    expect(html).not.toContain('Reducir la espera en la renovación del DPI')
    expect(html).toContain('Fase: Votación')
    expect(html).not.toContain('href="/retos/nuevo"')
    expectLabelledControls(html)
    expect(await (await page('/retos', facilitator)).text()).toContain('href="/retos/nuevo"')
    expect(await (await page('/retos', officialA)).text()).toContain('href="/retos/nuevo"')
  })

  test('pagination: 20 a page, with links that keep the filters', async () => {
    const db = server.database.db
    const rows = Array.from({ length: 21 }, (_, i) => ({
      slug: `paginado-${i}`,
      title: `Reto paginado ${i}`,
      problem: 'Un problema para probar la paginación de la lista.',
      institutionId: inst.a,
      serviceArea: 'municipal' as const,
      phase: 'open' as const,
    }))
    await db.insert(challenges).values(rows)
    const first = await api('GET', '/challenges?serviceArea=municipal')
    expect(first.body).toMatchObject({ total: 21, page: 1 })
    expect(first.body.items).toHaveLength(20)
    expect((await api('GET', '/challenges?serviceArea=municipal&page=2')).body.items).toHaveLength(1)
    const html = await (await page('/retos?serviceArea=municipal')).text()
    expect(html).toContain('href="/retos?serviceArea=municipal&amp;page=2"')
    expect(html).toContain('Página 1 de 2')
  })
})

describe('the challenge page', () => {
  test('Markdown is rendered safely on the page and in the API', async () => {
    const problem = [
      'Texto con <script>alert("xss")</script> dentro.',
      '',
      '[clic aquí](javascript:alert(1)) y [RENAP](https://www.renap.gob.gt)',
      '',
      '<img src=x onerror="alert(2)">',
      '',
      '<a href="javascript:alert(3)" onclick="alert(4)">enlace</a>',
    ].join('\n')
    const c = await published({ problem })
    const json = (await api('GET', `/challenges/${c.id}`)).body
    expect(json.problem).toBe(problem)
    // Raw HTML is shown as text: what matters is that no element, attribute or link carries it.
    for (const bad of [/<script/i, /<a\s[^>]*href="javascript:/i, /<[a-z]+\s[^>]*\son\w+=/i, /<img/i]) expect(json.problemHtml).not.toMatch(bad)
    expect(json.problemHtml).toContain('&lt;script&gt;')
    expect(json.problemHtml).toContain('<a href="https://www.renap.gob.gt" rel="noopener noreferrer nofollow">RENAP</a>')

    const html = await (await page(`/retos/${c.slug}`)).text()
    const problemSection = /data-testid="problem"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? ''
    expect(problemSection).toContain('RENAP')
    expect(problemSection).toBe(json.problemHtml)
    expect(html).not.toContain('<script>alert("xss")')
    expect(html).not.toMatch(/<img[^>]*onerror/i)
    expect(html).not.toMatch(/<a\s[^>]*href="javascript:/i)
    expect(problemSection).toContain('clic aquí')
    expect(problemSection).not.toMatch(/<a>/)
  })

  test('timeline with the current phase, the link to propose an idea while open, and results from voting on', async () => {
    const c = await published({ votingAt: '2031-01-10T08:00' })
    let html = await (await page(`/retos/${c.slug}`)).text()
    const timeline = /data-testid="timeline"[\s\S]*?<\/ol>/.exec(html)?.[0] ?? ''
    for (const phase of ['Borrador', 'Abierto a ideas', 'Co-creación', 'Votación', 'Evaluación', 'Pilotaje', 'Cerrado']) expect(timeline).toContain(phase)
    expect(timeline.match(/aria-current="step"/g)).toHaveLength(1)
    expect(/<li aria-current="step"[^>]*><span[^>]*>Abierto a ideas/.test(timeline)).toBe(true)
    expect(timeline).toContain('10/01/2031')
    expect(html).toContain(`href="/retos/${c.slug}/ideas/nueva"`)
    expect(html).toContain('Proponer una idea')
    expect(html).not.toContain('Resultados de la votación')

    await api('POST', `/challenges/${c.id}/phase`, { phase: 'voting' }, facilitator)
    html = await (await page(`/retos/${c.slug}`)).text()
    expect(html).not.toContain(`/ideas/nueva"`)
    expect(html).toContain('Resultados de la votación')

    const en = await (await page(`/retos/${c.slug}`, null, { 'accept-language': 'en' })).text()
    expect(en).toContain('Challenge phases')
    expect(en).toContain('Voting results')
  })

  test('an unknown slug is a 404', async () => {
    expect((await page('/retos/no-existe-este-reto')).status).toBe(404)
    expect((await api('GET', '/challenges/no-existe-este-reto')).status).toBe(404)
  })
})

describe('the create and edit forms', () => {
  test('citizens and anonymous people cannot open them', async () => {
    expect((await page('/retos/nuevo')).status).toBe(302)
    expect((await page('/retos/nuevo', citizen)).status).toBe(403)
    const c = await published()
    expect((await page(`/retos/${c.slug}/editar`, citizen)).status).toBe(403)
    expect((await page(`/retos/${c.slug}/editar`, officialA)).status).toBe(403)
    const refused = await postMultipart('/retos/nuevo', challengeForm(inst.a), citizen)
    expect(refused.status).toBe(403)
  })

  test('the form is labelled; an official’s institution is fixed', async () => {
    const html = await (await page('/retos/nuevo', facilitator)).text()
    expectLabelledControls(html)
    expect(html).toContain('Quetzaltenango')
    expect(html).toContain('16.10')
    const official = await (await page('/retos/nuevo', officialA)).text()
    expect(official).toContain(`<input type="hidden" name="institutionId" value="${inst.a}"/>`)
    expect(official).not.toContain(`value="${inst.b}"`)
  })

  test('invalid forms come back with messages in Spanish or English and keep what was typed', async () => {
    const form = challengeForm(inst.a, { title: '', opensAt: '2031-02-01T10:00', cocreationAt: '2031-01-01T10:00', sdgTargets: ['16.6', '16.7'] })
    const es = await postMultipart('/retos/nuevo', form, facilitator)
    expect(es.status).toBe(400)
    const html = await es.text()
    expect(html).toContain('Este campo es obligatorio.')
    expect(html).toContain('Las filas en los centros de salud')
    const ticked = [...html.matchAll(/<input type="checkbox"[^>]*name="sdgTargets"[^>]*>/g)].filter((m) => m[0].includes('checked=""')).map((m) => /value="([^"]+)"/.exec(m[0])![1])
    expect(ticked).toEqual(['16.6', '16.7'])

    const en = await postMultipart('/retos/nuevo', challengeForm(inst.a, { title: 'Un título válido de reto', municipality: 'Mixco' }), facilitatorEn)
    expect(en.status).toBe(400)
    expect(await en.text()).toContain('Choose a municipality of the chosen department.')

    const dates = await postMultipart('/retos/nuevo', challengeForm(inst.a, { opensAt: '2031-02-01T10:00', cocreationAt: '2031-01-01T10:00' }), facilitator)
    expect(dates.status).toBe(400)
    expect(await dates.text()).toContain('Esta fecha debe ser posterior a la de la fase anterior.')
  })

  test('a good form with a PNG cover creates the draft; the cover is served back with its type', async () => {
    const form = challengeForm(inst.a, { sdgTargets: ['3.8', '10.2'], opensAt: '2031-03-01T09:30', votingAt: '2031-04-15T00:00' }, new Blob([PNG], { type: 'image/png' }))
    const res = await postMultipart('/retos/nuevo', form, facilitator)
    expect(res.status, await res.clone().text()).toBe(302)
    const slug = res.headers.get('location')!.replace('/retos/', '')
    expect(slug).toBe('como-podriamos-acortar-las-filas-en-los-centros-de-salud')
    const c = (await api('GET', `/challenges/${slug}`, undefined, facilitator)).body
    expect(c).toMatchObject({
      phase: 'draft',
      institution: { id: inst.a },
      voting: { method: 'dots', budget: 5, maxPerIdea: 2 },
      territory: { department: 'Quetzaltenango', municipality: 'Salcajá' },
      sdgTargets: ['3.8', '10.2'],
      serviceArea: 'health',
      dates: { opensAt: '2031-03-01T15:30:00.000Z', votingAt: '2031-04-15T06:00:00.000Z' },
    })
    expect(c.coverImageUrl).toMatch(/^\/uploads\/[a-f0-9]{32}\.png$/)
    const image = await page(c.coverImageUrl)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    expect(image.headers.get('cache-control')).toContain('max-age=31536000')
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG)

    // The edit form shows the dates back in Guatemala time.
    const edit = await (await page(`/retos/${slug}/editar`, facilitator)).text()
    expect(edit).toContain('value="2031-03-01T09:30"')
    expect(edit).toContain('value="2031-04-15T00:00"')
    expectLabelledControls(edit)
  })

  test('a cover that is not an image, or is too large, is refused with a field message and nothing is stored', async () => {
    const before = await readdir(path.join(dataDir, 'uploads')).catch(() => [])
    const fake = await postMultipart('/retos/nuevo', challengeForm(inst.a, { title: 'Reto con portada falsa' }, new Blob(['<svg onload=alert(1)></svg>'], { type: 'image/png' }), 'x.png'), facilitator)
    expect(fake.status).toBe(400)
    expect(await fake.text()).toContain('La portada debe ser una imagen PNG, JPEG o WebP.')
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
    const gifRes = await postMultipart('/retos/nuevo', challengeForm(inst.a, { title: 'Reto con portada GIF' }, new Blob([gif], { type: 'image/gif' }), 'x.gif'), facilitator)
    expect(gifRes.status).toBe(400)
    const big = new Uint8Array(2 * 1024 * 1024 + 1)
    big.set(PNG)
    const large = await postMultipart('/retos/nuevo', challengeForm(inst.a, { title: 'Reto con portada enorme' }, new Blob([big], { type: 'image/png' })), facilitatorEn)
    expect(large.status).toBe(400)
    const html = await large.text()
    expect(html).toContain('The cover cannot be larger than 2 MiB.')
    // The other fields survived the refused file.
    expect(html).toContain('Reto con portada enorme')
    expect(await readdir(path.join(dataDir, 'uploads')).catch(() => [])).toEqual(before)
    const titles = (await server.database.db.select({ title: challenges.title }).from(challenges)).map((r) => r.title)
    expect(titles).not.toContain('Reto con portada enorme')
  })

  test('a good cover on a challenge the service refuses is not kept; replacing or removing a cover deletes the old file', async () => {
    const uploads = async () => (await readdir(path.join(dataDir, 'uploads')).catch(() => [] as string[])).sort()
    const before = await uploads()
    // Valid to the form, refused inside the service (no such institution) after the cover was checked.
    const refused = await postMultipart('/retos/nuevo', challengeForm(randomUUID(), { title: 'Reto de institución inexistente' }, new Blob([PNG], { type: 'image/png' })), facilitator)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Reto de institución inexistente')
    expect(await uploads()).toEqual(before)

    const made = await postMultipart('/retos/nuevo', challengeForm(inst.a, { title: 'Reto con portada que cambia' }, new Blob([PNG], { type: 'image/png' })), facilitator)
    expect(made.status).toBe(302)
    const slug = made.headers.get('location')!.replace('/retos/', '')
    const first = (await api('GET', `/challenges/${slug}`, undefined, facilitator)).body.coverImageUrl as string
    expect(await uploads()).toEqual([...before, first.replace('/uploads/', '')].sort())

    const replaced = await postMultipart(`/retos/${slug}/editar`, challengeForm(inst.a, { title: 'Reto con portada que cambia' }, new Blob([PNG], { type: 'image/png' })), facilitator)
    expect(replaced.status).toBe(302)
    const second = (await api('GET', `/challenges/${slug}`, undefined, facilitator)).body.coverImageUrl as string
    expect(second).not.toBe(first)
    expect((await page(first)).status).toBe(404)
    expect((await page(second)).status).toBe(200)

    const removed = await postMultipart(`/retos/${slug}/editar`, challengeForm(inst.a, { title: 'Reto con portada que cambia', removeCover: '1' }), facilitator)
    expect(removed.status).toBe(302)
    expect((await api('GET', `/challenges/${slug}`, undefined, facilitator)).body.coverImageUrl).toBeNull()
    expect(await uploads()).toEqual(before)
  })

  test('a text field above 1 MiB in the multipart form is a 413 page; a form sent urlencoded still works', async () => {
    const huge = await postMultipart('/retos/nuevo', challengeForm(inst.a, { problem: 'x'.repeat(1024 * 1024 + 1) }), facilitator)
    expect(huge.status).toBe(413)
    const plain = await postForm('/retos/nuevo', { ...(body(inst.a) as Record<string, string>), title: 'Reto enviado sin archivo' }, facilitator)
    expect(plain.status).toBe(302)
  })

  test('only the upload names the server gives are served', async () => {
    for (const url of ['/uploads/..%2F..%2Fpackage.json', '/uploads/abc.png', `/uploads/${'a'.repeat(32)}.png`, `/uploads/${'a'.repeat(32)}.svg`]) {
      expect((await page(url)).status, url).toBe(404)
    }
  })

  test('the edit form saves; voting fields stay fixed once voting opened', async () => {
    const c = await published({ votingMethod: 'dots', votingBudget: 4, votingMaxPerIdea: 2 })
    await api('POST', `/challenges/${c.id}/phase`, { phase: 'voting' }, facilitator)
    const edit = await (await page(`/retos/${c.slug}/editar`, facilitator)).text()
    expect(edit).toContain('La votación ya se abrió')
    expect(edit).toContain('<input type="hidden" name="votingBudget" value="4"/>')
    const saved = await postMultipart(`/retos/${c.slug}/editar`, challengeForm(inst.a, { title: 'Título editado en votación', votingMethod: 'dots', votingBudget: '4', votingMaxPerIdea: '2' }), facilitator)
    expect(saved.status).toBe(302)
    expect((await api('GET', `/challenges/${c.id}`)).body).toMatchObject({ title: 'Título editado en votación', slug: c.slug, voting: { budget: 4 } })
    const tampered = await postMultipart(`/retos/${c.slug}/editar`, challengeForm(inst.a, { votingBudget: '9' }), facilitator)
    expect(tampered.status).toBe(409)
    expect(await tampered.text()).toContain('el método y los votos no se pueden cambiar')
  })
})

describe('OpenAPI', () => {
  test('documents every challenge path', async () => {
    const doc = (await api('GET', '/openapi.json')).body
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/challenges', '/challenges/{id}', '/challenges/{id}/phase']))
    expect(Object.keys(doc.paths['/challenges'])).toEqual(expect.arrayContaining(['get', 'post']))
    expect(Object.keys(doc.paths['/challenges/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']))
    expect(doc.components.schemas.Challenge.required).toEqual(expect.arrayContaining(['id', 'slug', 'title', 'phase', 'institution', 'voting']))
  })
})
