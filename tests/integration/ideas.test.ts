import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  auditLog,
  challenges,
  comments,
  follows,
  ideaAuthors,
  ideas,
  institutions,
  notifications,
  users,
  voteBudgets,
  votes,
  type Language,
  type Phase,
  type Role,
} from '#db/schema.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { expectLabelledControls } from '#tests/helpers/html.ts'

const PASSWORD = 'una-clave-larga-1'
const XSS = '<img src=x onerror=alert(1)><script>alert(1)</script>'

let server: TestServer
let institutionId: string
let facilitator: Person

type Person = { id: string; name: string; email: string; cookie: string; token: string }

beforeAll(async () => {
  server = await startTestServer()
  const [row] = await server.database.db.insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: 'renap' }).returning()
  institutionId = row.id
  facilitator = await person('facilitator', 'Fabiola Facilitadora')
})
afterAll(() => server?.stop())

const db = () => server.database.db

async function person(role: Role = 'citizen', name = 'Ana Pérez', language: Language = 'es'): Promise<Person> {
  const email = uniqueEmail(role)
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: null, language })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, email, cookie: cookieFrom(response, 'cocrea_session')!, token: body.token }
}

let slugCounter = 0
async function challenge(phase: Phase, options: Partial<typeof challenges.$inferInsert> = {}) {
  const [row] = await db()
    .insert(challenges)
    .values({ slug: `reto-${process.pid}-${slugCounter++}`, title: '¿Cómo podríamos reducir la espera para renovar el DPI?', problem: 'Las filas son largas.', institutionId, phase, ...options })
    .returning()
  return row
}

const api = (path: string, who?: Person, init: RequestInit = {}) =>
  fetch(`${server.url}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...(init.headers ?? {}) } })

async function apiJson(path: string, who?: Person, body?: unknown) {
  const response = await api(path, who, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
  return { status: response.status, body: await response.json() }
}

async function submit(who: Person, challengeIdOrSlug: string, input: { title: string; description: string; expectedBenefit?: string }) {
  const r = await apiJson(`/challenges/${challengeIdOrSlug}/ideas`, who, input)
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.idea as { id: string; title: string; authors: { id: string; name: string }[] }
}

function get(path: string, who?: Person, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { redirect: 'manual', headers: { ...(who ? { cookie: who.cookie } : {}), ...headers } })
}
function post(path: string, fields: Record<string, string>, who?: Person, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(who ? { cookie: who.cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}

const ideaRow = async (id: string) => (await db().select().from(ideas).where(eq(ideas.id, id)))[0]
const ideasOf = (challengeId: string) => db().select().from(ideas).where(eq(ideas.challengeId, challengeId))
const auditOf = (id: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, action)))
    .orderBy(auditLog.id)
const notificationsOf = (userId: string, kind: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))


describe('submitting ideas', () => {
  test('a citizen submits through the API while the challenge is open or in co-creation: published, author, follower, audited', async () => {
    const ana = await person('citizen', 'Ana Pérez')
    for (const phase of ['open', 'cocreation'] as const) {
      const c = await challenge(phase)
      const r = await apiJson(`/challenges/${c.slug}/ideas`, ana, { title: 'Citas en línea', description: 'Reservar turno por internet.' })
      expect(r.status).toBe(201)
      expect(r.body.idea).toMatchObject({
        challengeId: c.id,
        title: 'Citas en línea',
        description: 'Reservar turno por internet.',
        expectedBenefit: '',
        status: 'published',
        statusReason: null,
        votes: 0,
        authors: [{ id: ana.id, name: 'Ana Pérez' }],
        mergedIntoId: null,
      })
      const id = r.body.idea.id
      expect((await auditOf(id, 'idea.create')).map((a) => a.actorId)).toEqual([ana.id])
      const [author] = await db().select().from(ideaAuthors).where(eq(ideaAuthors.ideaId, id))
      expect(author.acceptedAt).not.toBeNull()
      expect(await db().select().from(follows).where(and(eq(follows.userId, ana.id), eq(follows.targetId, id)))).toHaveLength(1)

      const one = await apiJson(`/ideas/${id}`)
      expect(one.status).toBe(200)
      expect(one.body).toEqual(r.body.idea)
      const list = await apiJson(`/challenges/${c.id}/ideas?page=1`)
      expect(list.body).toMatchObject({ page: 1, total: 1, items: [{ id, authors: [{ id: ana.id, name: 'Ana Pérez' }] }] })
    }
  })

  test('outside open/co-creation the answer is 422 and nothing is created; drafts are not found', async () => {
    const ana = await person()
    for (const phase of ['voting', 'evaluation', 'piloting', 'closed'] as const) {
      const c = await challenge(phase)
      const r = await apiJson(`/challenges/${c.id}/ideas`, ana, { title: 'Tarde', description: 'Llega tarde.' })
      expect(r.status, phase).toBe(422)
      expect(r.body.error.code).toBe('outside_phase')
      const page = await post(`/retos/${c.slug}/ideas/nueva`, { title: 'Tarde', description: 'Llega tarde.' }, ana)
      expect(page.status).toBe(422)
      expect(await page.text()).toContain('Esto no se puede hacer en la fase actual del reto.')
      expect(await ideasOf(c.id)).toEqual([])
    }
    const draft = await challenge('draft')
    expect((await apiJson(`/challenges/${draft.id}/ideas`, ana, { title: 'Borrador', description: 'x' })).status).toBe(404)
    expect(await ideasOf(draft.id)).toEqual([])
  })

  test('anonymous people get 401 (API) or the sign-in page; a blocked person is refused; invalid bodies are 400', async () => {
    const c = await challenge('open')
    const anon = await apiJson(`/challenges/${c.id}/ideas`, undefined, { title: 'Anónima', description: 'x' })
    expect(anon.status).toBe(401)
    expect(anon.body.error.code).toBe('unauthenticated')
    const page = await post(`/retos/${c.slug}/ideas/nueva`, { title: 'Anónima', description: 'x' })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toContain('/login?redirectTo=')

    const blocked = await person('citizen', 'Bruno Bloqueado')
    await db().update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id))
    const refused = await apiJson(`/challenges/${c.id}/ideas`, blocked, { title: 'Bloqueada', description: 'x' })
    expect([401, 403]).toContain(refused.status)
    expect((await post(`/retos/${c.slug}/ideas/nueva`, { title: 'Bloqueada', description: 'x' }, blocked)).status).toBe(403)

    const ana = await person()
    const invalid = await apiJson(`/challenges/${c.id}/ideas`, ana, { title: '', description: 'x'.repeat(10_001) })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.fields).toMatchObject({ title: ['Este campo es obligatorio.'], description: ['El texto es demasiado largo.'] })
    expect(await ideasOf(c.id)).toEqual([])
  })

  test('the form works without JavaScript: labelled, invalid input re-renders in Spanish (English) and changes nothing, success redirects with a flash', async () => {
    const c = await challenge('open')
    const ana = await person('citizen', 'Ana Pérez')
    const form = await get(`/retos/${c.slug}/ideas/nueva`, ana)
    expect(form.status).toBe(200)
    const html = await form.text()
    expect(html).toContain('Proponer una idea')
    expect(html).toContain('aria-live="polite"')
    expectLabelledControls(html)

    const bad = await post(`/retos/${c.slug}/ideas/nueva`, { title: '   ', description: '', expectedBenefit: 'Algo' }, ana)
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Este campo es obligatorio.')
    expect(badHtml).toContain('>Algo</textarea>')
    const english = await person('citizen', 'Emily Smith', 'en')
    const badEn = await post(`/retos/${c.slug}/ideas/nueva`, { title: '', description: '' }, english, { 'accept-language': 'en' })
    expect(badEn.status).toBe(400)
    expect(await badEn.text()).toContain('This field is required.')
    expect(await ideasOf(c.id)).toEqual([])

    const ok = await post(`/retos/${c.slug}/ideas/nueva`, { title: 'Ventanilla  móvil', description: 'Línea 1\n\n  Línea 2', expectedBenefit: '' }, ana)
    expect(ok.status).toBe(302)
    const [created] = await ideasOf(c.id)
    expect(ok.headers.get('location')).toBe(`/ideas/${created.id}`)
    expect(created).toMatchObject({ title: 'Ventanilla  móvil', description: 'Línea 1\n\n  Línea 2', status: 'published', createdBy: ana.id })
    const page = await (await get(`/ideas/${created.id}`, { ...ana, cookie: `${ana.cookie}; ${cookieFrom(ok, 'cocrea_flash')}` })).text()
    expect(page).toContain('Tu idea se publicó.')
    expect(page).toContain('Línea 1\n\n  Línea 2')
    expect(page).toContain('whitespace-pre-wrap')
    expect(page).toContain(`href="/retos/${c.slug}"`)
  })

  test('an author edits their idea while the challenge is open; others cannot; not after it closes', async () => {
    const c = await challenge('open')
    const ana = await person('citizen', 'Ana Pérez')
    const other = await person('citizen', 'Otra Persona')
    const idea = await submit(ana, c.id, { title: 'Primera versión', description: 'Texto' })
    expect((await get(`/ideas/${idea.id}/editar`, other)).status).toBe(403)
    const form = await get(`/ideas/${idea.id}/editar`, ana)
    expect(form.status).toBe(200)
    const formHtml = await form.text()
    expect(formHtml).toContain('Guardar cambios')
    expect(formHtml).toContain('value="Primera versión"')
    expect(formHtml).not.toContain('id="comments-title"')
    expectLabelledControls(formHtml)
    expect((await post(`/ideas/${idea.id}/editar`, { title: 'Robada', description: 'x' }, other)).status).toBe(403)
    const bad = await post(`/ideas/${idea.id}/editar`, { title: '', description: 'x' }, ana)
    expect(bad.status).toBe(400)
    const ok = await post(`/ideas/${idea.id}/editar`, { title: 'Segunda versión', description: 'Texto mejor', expectedBenefit: 'Menos filas' }, ana)
    expect(ok.status).toBe(302)
    expect(await ideaRow(idea.id)).toMatchObject({ title: 'Segunda versión', expectedBenefit: 'Menos filas' })
    expect(await auditOf(idea.id, 'idea.update')).toHaveLength(1)
    await db().update(challenges).set({ phase: 'voting' }).where(eq(challenges.id, c.id))
    expect((await post(`/ideas/${idea.id}/editar`, { title: 'Tercera', description: 'x' }, ana)).status).toBe(422)
    expect((await ideaRow(idea.id)).title).toBe('Segunda versión')
  })
})

describe('co-authors', () => {
  test('invite, accept, decline: only accepted authors are authors; the invitee is notified', async () => {
    const c = await challenge('open')
    const ana = await person('citizen', 'Ana Pérez')
    const berta = await person('citizen', 'Berta Cos')
    const carlos = await person('citizen', 'Carlos Ruiz')
    const idea = await submit(ana, c.id, { title: 'Idea compartida', description: 'Entre varias personas' })

    // Only authors invite.
    expect((await post(`/ideas/${idea.id}`, { intent: 'invite', email: carlos.email }, berta)).status).toBe(403)
    const unknown = await post(`/ideas/${idea.id}`, { intent: 'invite', email: 'nadie@ejemplo.gt' }, ana)
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('No hay ninguna cuenta activa con este correo.')

    for (const who of [berta, carlos]) {
      const r = await post(`/ideas/${idea.id}`, { intent: 'invite', email: who.email.toUpperCase() }, ana)
      expect(r.status).toBe(302)
      const [n] = await notificationsOf(who.id, 'idea.invitation')
      expect(n.link).toBe(`/ideas/${idea.id}`)
    }
    expect((await post(`/ideas/${idea.id}`, { intent: 'invite', email: berta.email }, ana)).status).toBe(400)
    expect((await apiJson(`/ideas/${idea.id}`)).body.authors).toEqual([{ id: ana.id, name: 'Ana Pérez' }])

    const bertaPage = await (await get(`/ideas/${idea.id}`, berta)).text()
    expect(bertaPage).toContain('Aceptar invitación')
    expect(bertaPage).toContain('Rechazar invitación')
    expect(await (await get(`/ideas/${idea.id}`, ana)).text()).not.toContain('Aceptar invitación')

    expect((await post(`/ideas/${idea.id}`, { intent: 'accept' }, berta)).status).toBe(302)
    expect((await post(`/ideas/${idea.id}`, { intent: 'decline' }, carlos)).status).toBe(302)
    // Somebody without an invitation cannot accept one.
    const stranger = await person('citizen', 'Sin Invitación')
    expect((await post(`/ideas/${idea.id}`, { intent: 'accept' }, stranger)).status).toBe(404)

    const authors = (await apiJson(`/ideas/${idea.id}`)).body.authors
    expect(authors).toEqual([
      { id: ana.id, name: 'Ana Pérez' },
      { id: berta.id, name: 'Berta Cos' },
    ])
    expect(await db().select().from(ideaAuthors).where(and(eq(ideaAuthors.ideaId, idea.id), eq(ideaAuthors.userId, carlos.id)))).toEqual([])
    const page = await (await get(`/ideas/${idea.id}`)).text()
    expect(page).toContain('Berta Cos')
    expect(page).not.toContain('Carlos Ruiz')
  })
})

describe('status decisions', () => {
  test('facilitators move ideas with public reasons, audited with before/after, followers notified; citizens cannot', async () => {
    const c = await challenge('open')
    const ana = await person('citizen', 'Ana Pérez')
    const idea = await submit(ana, c.id, { title: 'Para decidir', description: 'x' })

    expect((await post(`/ideas/${idea.id}`, { intent: 'status', status: 'shortlisted', reason: '' }, ana)).status).toBe(403)
    expect((await ideaRow(idea.id)).status).toBe('published')

    // Jumping straight to selected is not a move from published.
    const jump = await post(`/ideas/${idea.id}`, { intent: 'status', status: 'selected', reason: 'Muy buena' }, facilitator)
    expect(jump.status).toBe(409)
    expect(await jump.text()).toContain('Ese cambio de estado no es posible')

    expect((await post(`/ideas/${idea.id}`, { intent: 'status', status: 'shortlisted', reason: '' }, facilitator)).status).toBe(302)
    const noReason = await post(`/ideas/${idea.id}`, { intent: 'status', status: 'not_selected', reason: ' ' }, facilitator)
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('Este campo es obligatorio.')
    expect((await ideaRow(idea.id)).status).toBe('shortlisted')

    const decided = await post(`/ideas/${idea.id}`, { intent: 'status', status: 'not_selected', reason: 'Ya existe un servicio igual.' }, facilitator)
    expect(decided.status).toBe(302)
    expect(await ideaRow(idea.id)).toMatchObject({ status: 'not_selected', statusReason: 'Ya existe un servicio igual.' })
    const audit = await auditOf(idea.id, 'idea.status')
    expect(audit.map((a) => [a.before, a.after, a.actorId])).toEqual([
      [{ status: 'published', statusReason: null }, { status: 'shortlisted', statusReason: null }, facilitator.id],
      [{ status: 'shortlisted', statusReason: null }, { status: 'not_selected', statusReason: 'Ya existe un servicio igual.' }, facilitator.id],
    ])
    expect(await notificationsOf(ana.id, 'idea.status')).toHaveLength(2)
    const page = await (await get(`/ideas/${idea.id}`)).text()
    expect(page).toContain('No seleccionada')
    expect(page).toContain('Motivo: Ya existe un servicio igual.')

    // Hidden by moderation, then restored to what it was.
    expect((await post(`/ideas/${idea.id}`, { intent: 'status', status: 'hidden', reason: '' }, facilitator)).status).toBe(400)
    expect((await post(`/ideas/${idea.id}`, { intent: 'status', status: 'hidden', reason: 'Datos personales' }, facilitator)).status).toBe(302)
    const hiddenApi = await apiJson(`/ideas/${idea.id}`)
    expect(hiddenApi.body).toMatchObject({ status: 'hidden', statusReason: 'Datos personales', title: null, description: null, authors: [] })
    const hiddenPage = await (await get(`/ideas/${idea.id}`)).text()
    expect(hiddenPage).toContain('Esta idea fue ocultada por moderación.')
    expect(hiddenPage).not.toContain('Para decidir')
    expect((await apiJson(`/ideas/${idea.id}`, ana)).body.title).toBe('Para decidir')
    expect((await apiJson(`/challenges/${c.id}/ideas`)).body.total).toBe(0)
    expect((await post(`/ideas/${idea.id}`, { intent: 'restore', reason: '' }, facilitator)).status).toBe(302)
    expect(await ideaRow(idea.id)).toMatchObject({ status: 'not_selected', statusReason: 'Ya existe un servicio igual.' })
    expect((await auditOf(idea.id, 'idea.status')).at(-1)!.after).toEqual({ status: 'not_selected', statusReason: 'Ya existe un servicio igual.' })
  })
})

describe('similar ideas', () => {
  test('accents and case are ignored ("tramite" finds "Trámite en línea"); unrelated titles and other challenges are not suggested', async () => {
    const c = await challenge('open')
    const other = await challenge('open')
    const ana = await person()
    const match = await submit(ana, c.id, { title: 'Trámite en línea', description: 'x' })
    await submit(ana, c.id, { title: 'Parques más limpios', description: 'x' })
    await submit(ana, other.id, { title: 'Trámite en línea', description: 'x' })
    const r = await fetch(`${server.url}/retos/${c.slug}/similares?titulo=${encodeURIComponent('tramite')}`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('application/json')
    const body = (await r.json()) as { items: { id: string; title: string }[] }
    expect(body.items.map((i) => i.id)).toEqual([match.id])
    expect(body.items[0].title).toBe('Trámite en línea')
    expect(((await (await fetch(`${server.url}/retos/${c.slug}/similares?titulo=ab`)).json()) as { items: unknown[] }).items).toEqual([])
    expect((await fetch(`${server.url}/retos/no-existe/similares?titulo=tramite`)).status).toBe(404)
  })
})

describe('merging duplicates', () => {
  test('authors, comments, followers and votes move in one go; a person who voted for both counts once; tallies and budgets stay consistent', async () => {
    const c = await challenge('voting', { votingMethod: 'dots', votingBudget: 6, votingMaxPerIdea: 3 })
    const a1 = await person('citizen', 'Autora Fuente')
    const b1 = await person('citizen', 'Autor Destino')
    const x = await person('citizen', 'Votante Ambas')
    const y = await person('citizen', 'Votante Fuente')
    const z = await person('citizen', 'Votante Mayor')
    const w = await person('citizen', 'Votante Destino')
    const [source] = await db().insert(ideas).values({ challengeId: c.id, title: 'Turnos por SMS', description: 'Fuente', createdBy: a1.id }).returning()
    const [target] = await db().insert(ideas).values({ challengeId: c.id, title: 'Turnos por mensaje de texto', description: 'Destino', createdBy: b1.id }).returning()
    await db()
      .insert(ideaAuthors)
      .values([
        { ideaId: source.id, userId: a1.id, acceptedAt: new Date() },
        { ideaId: source.id, userId: b1.id, acceptedAt: new Date() },
        { ideaId: target.id, userId: b1.id, acceptedAt: new Date() },
        { ideaId: source.id, userId: w.id, acceptedAt: null },
      ])
    await db().insert(follows).values([
      { userId: a1.id, targetType: 'idea', targetId: source.id },
      { userId: b1.id, targetType: 'idea', targetId: target.id },
    ])
    const cast: [Person, string, number][] = [
      [x, source.id, 2],
      [x, target.id, 2],
      [y, source.id, 3],
      [z, source.id, 3],
      [z, target.id, 2],
      [w, target.id, 1],
    ]
    for (const [who, ideaId, count] of cast) await db().insert(votes).values({ ideaId, userId: who.id, challengeId: c.id, count })
    const used = new Map<string, number>()
    for (const [who, , count] of cast) used.set(who.id, (used.get(who.id) ?? 0) + count)
    for (const [userId, n] of used) await db().insert(voteBudgets).values({ challengeId: c.id, userId, budget: 6, used: n })
    await db().update(ideas).set({ voteTotal: 8 }).where(eq(ideas.id, source.id))
    await db().update(ideas).set({ voteTotal: 5 }).where(eq(ideas.id, target.id))
    const [top] = await db().insert(comments).values({ targetType: 'idea', targetId: source.id, authorId: y.id, body: 'Comentario en la fuente' }).returning()
    await db().insert(comments).values({ targetType: 'idea', targetId: source.id, authorId: a1.id, parentId: top.id, body: 'Respuesta en la fuente' })

    // Citizens cannot merge; a reason is required; nothing changes on refusal.
    expect((await post(`/ideas/${source.id}`, { intent: 'merge', targetId: target.id, reason: 'Duplicada' }, a1)).status).toBe(403)
    const noReason = await post(`/ideas/${source.id}`, { intent: 'merge', targetId: target.id, reason: '' }, facilitator)
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('Este campo es obligatorio.')
    expect((await post(`/ideas/${source.id}`, { intent: 'merge', targetId: source.id, reason: 'x' }, facilitator)).status).toBe(400)
    expect((await ideaRow(source.id)).status).toBe('published')

    const merged = await post(`/ideas/${source.id}`, { intent: 'merge', targetId: target.id, reason: 'Es la misma propuesta.' }, facilitator)
    expect(merged.status).toBe(302)
    expect(merged.headers.get('location')).toBe(`/ideas/${target.id}`)

    expect(await ideaRow(source.id)).toMatchObject({ status: 'merged', mergedIntoId: target.id, statusReason: 'Es la misma propuesta.', voteTotal: 0 })
    // Authors: the source's accepted authors, once each; the pending invitee is not an author.
    const authors = (await apiJson(`/ideas/${target.id}`)).body.authors.map((a: { id: string }) => a.id).sort()
    expect(authors).toEqual([a1.id, b1.id].sort())
    // Comments (with the reply and its parent) moved.
    const moved = await db().select().from(comments).where(eq(comments.targetId, target.id))
    expect(moved).toHaveLength(2)
    const thread = (await apiJson(`/ideas/${target.id}/comments`)).body.items
    expect(thread).toHaveLength(1)
    expect(thread[0].replies.map((r: { body: string }) => r.body)).toEqual(['Respuesta en la fuente'])

    // Votes: x voted 2+2 → 2 (2 dots back); y moved 3; z 3+2 → 3 (2 back); w untouched.
    const targetVotes = await db().select().from(votes).where(eq(votes.ideaId, target.id))
    const byUser = Object.fromEntries(targetVotes.map((v) => [v.userId, v.count]))
    expect(byUser).toEqual({ [x.id]: 2, [y.id]: 3, [z.id]: 3, [w.id]: 1 })
    expect(await db().select().from(votes).where(eq(votes.ideaId, source.id))).toEqual([])
    for (const id of [source.id, target.id]) {
      const [{ sum }] = await db()
        .select({ sum: sql<number>`coalesce(sum(${votes.count}), 0)::int` })
        .from(votes)
        .where(eq(votes.ideaId, id))
      expect((await ideaRow(id)).voteTotal).toBe(sum)
    }
    expect((await ideaRow(target.id)).voteTotal).toBe(9)
    const budgets = Object.fromEntries((await db().select().from(voteBudgets).where(eq(voteBudgets.challengeId, c.id))).map((b) => [b.userId, b.used]))
    expect(budgets).toEqual({ [x.id]: 2, [y.id]: 3, [z.id]: 3, [w.id]: 1 })
    // Every budget equals what its person has cast in the challenge.
    const castNow = await db()
      .select({ userId: votes.userId, n: sql<number>`sum(${votes.count})::int` })
      .from(votes)
      .where(eq(votes.challengeId, c.id))
      .groupBy(votes.userId)
    for (const row of castNow) expect(budgets[row.userId]).toBe(row.n)

    const [audit] = await auditOf(source.id, 'idea.merge')
    expect(audit.actorId).toBe(facilitator.id)
    expect(audit.after).toMatchObject({ mergedIntoId: target.id, votes: 0, targetVotes: 9, combinedVoters: 2, movedVotes: 1, releasedDots: 4, movedComments: 2 })
    // Followers of both are told (not the facilitator); the source's followers now follow the target.
    expect(await notificationsOf(a1.id, 'idea.merge')).toHaveLength(1)
    expect(await notificationsOf(b1.id, 'idea.merge')).toHaveLength(1)
    expect(await db().select().from(follows).where(and(eq(follows.userId, a1.id), eq(follows.targetId, target.id)))).toHaveLength(1)

    // The source page points to the target; it is no longer listed; it cannot be merged again.
    const page = await (await get(`/ideas/${source.id}`)).text()
    expect(page).toContain('Esta idea se fusionó con otra idea parecida.')
    expect(page).toContain(`href="/ideas/${target.id}"`)
    expect((await apiJson(`/challenges/${c.id}/ideas`)).body.items.map((i: { id: string }) => i.id)).toEqual([target.id])
    expect((await post(`/ideas/${source.id}`, { intent: 'merge', targetId: target.id, reason: 'Otra vez' }, facilitator)).status).toBe(409)
  })

  test('support voting: a person who supported both keeps one vote', async () => {
    const c = await challenge('voting', { votingMethod: 'support' })
    const ana = await person()
    const v = await person('citizen', 'Votante')
    const source = await db().insert(ideas).values({ challengeId: c.id, title: 'Fuente', description: 'x', createdBy: ana.id, voteTotal: 1 }).returning()
    const target = await db().insert(ideas).values({ challengeId: c.id, title: 'Destino', description: 'x', createdBy: ana.id, voteTotal: 1 }).returning()
    await db()
      .insert(votes)
      .values([
        { ideaId: source[0].id, userId: v.id, challengeId: c.id, count: 1 },
        { ideaId: target[0].id, userId: v.id, challengeId: c.id, count: 1 },
      ])
    expect((await post(`/ideas/${source[0].id}`, { intent: 'merge', targetId: target[0].id, reason: 'Duplicada' }, facilitator)).status).toBe(302)
    expect((await ideaRow(target[0].id)).voteTotal).toBe(1)
    expect((await ideaRow(source[0].id)).voteTotal).toBe(0)
    expect(await db().select().from(votes).where(eq(votes.userId, v.id))).toHaveLength(1)
  })
})

describe('text is text', () => {
  test('an XSS payload in title and description is escaped on the page and returned verbatim by the API', async () => {
    const c = await challenge('open')
    const ana = await person()
    const idea = await submit(ana, c.id, { title: XSS, description: `Antes ${XSS} después`, expectedBenefit: XSS })
    const api = await apiJson(`/ideas/${idea.id}`)
    expect(api.body.title).toBe(XSS)
    expect(api.body.description).toBe(`Antes ${XSS} después`)
    expect(api.body.expectedBenefit).toBe(XSS)
    const html = await (await get(`/ideas/${idea.id}`)).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})

describe('API description', () => {
  test('the idea and comment paths are in the OpenAPI document', async () => {
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json()
    expect(Object.keys(doc.paths['/challenges/{id}/ideas'])).toEqual(expect.arrayContaining(['get', 'post']))
    expect(Object.keys(doc.paths['/ideas/{id}'])).toContain('get')
    expect(Object.keys(doc.paths['/ideas/{id}/comments'])).toEqual(expect.arrayContaining(['get', 'post']))
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Idea', 'Comment']))
  })
})
