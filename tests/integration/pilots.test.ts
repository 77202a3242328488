import { readdir } from 'node:fs/promises'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditLog, challenges, follows, ideas, institutions, kpis, milestones, notifications, pilots, type Role } from '#db/schema.ts'
import { seedDemoPilots } from '#server/demo/seed-pilots.ts'
import { labDate } from '#app/services/pilots/pilot-progress.ts'
import { notifyMissedMilestones } from '#app/services/pilots/pilots.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { uploadsDir } from '#app/services/platform/stored-files.server.ts'
import { expectLabelledControls } from '#tests/helpers/html.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

const PASSWORD = 'una-clave-larga-1'
type Person = { id: string; name: string; cookie: string; token: string }

let server: TestServer
let institutionId: string
let facilitator: Person
let lead: Person
let teammate: Person
let otherOfficial: Person
let citizen: Person

const db = () => server.database.db

async function person(name: string, role: Role = 'citizen'): Promise<Person> {
  const email = uniqueEmail('piloto')
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: role === 'official' ? institutionId : null, language: 'es' })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, cookie: cookieFrom(response, 'cocrea_session')!, token: body.token }
}

beforeAll(async () => {
  server = await startTestServer()
  const [inst] = await db().insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: 'renap-pilotos' }).returning()
  institutionId = inst.id
  facilitator = await person('Fabiola Facilitadora', 'facilitator')
  lead = await person('Carlos Pop Caal', 'official')
  teammate = await person('Teresa Equipo', 'official')
  otherOfficial = await person('Otto Otro', 'official')
  citizen = await person('Lucía Tzoc')
})
afterAll(() => server?.stop())

let n = 0
/** A challenge in piloting with two selected ideas and one only published. */
async function scene() {
  const [c] = await db()
    .insert(challenges)
    .values({ slug: `reto-pilotos-${process.pid}-${n++}`, title: '¿Cómo podríamos reducir la espera del DPI?', problem: 'La espera es larga.', institutionId, phase: 'piloting' })
    .returning()
  const idea = async (title: string, status: 'selected' | 'published', voteTotal = 0) =>
    (await db().insert(ideas).values({ challengeId: c.id, createdBy: citizen.id, title, description: 'x', status, voteTotal }).returning())[0]
  return { challenge: c, selected: [await idea('Citas por WhatsApp', 'selected', 7), await idea('Turnos por SMS', 'selected', 3)], published: await idea('Kioscos', 'published') }
}

function post(path: string, fields: Record<string, string | string[]>, who?: Person) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(who ? { cookie: who.cookie } : {}) },
    body: body.toString(),
  })
}
function postMultipart(path: string, form: FormData, who: Person) {
  return fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { origin: server.url, cookie: who.cookie }, body: form })
}
const page = async (path: string, who?: Person) => {
  const r = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: who ? { cookie: who.cookie } : {} })
  return { status: r.status, html: await r.text() }
}
const api = async (method: string, path: string, who?: Person, body?: unknown) => {
  const r = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(who ? { authorization: `Bearer ${who.token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null }
}
const day = (offset: number) => labDate(new Date(Date.now() + offset * 86_400_000))
const kindsOf = async (userId: string) => (await db().select().from(notifications).where(eq(notifications.userId, userId))).map((x) => x.kind)

/** A pilot created through the facilitator's form (as a browser without JavaScript sends it). */
async function createPilotByForm(title = 'Citas por WhatsApp en tres sedes') {
  const s = await scene()
  const r = await post(
    `/pilotos/nuevo?reto=${s.challenge.slug}`,
    {
      challengeId: s.challenge.id,
      ideaIds: s.selected.map((i) => i.id),
      title,
      summary: 'Las personas agendan su cita por **WhatsApp** en tres sedes de la capital.',
      institutionId,
      leadId: lead.id,
      teamIds: [teammate.id],
      startDate: day(-60),
      endDate: day(120),
      budgetGtq: '185000,50',
      department: 'Guatemala',
      municipality: 'Mixco',
    },
    facilitator,
  )
  expect(r.status).toBe(302)
  const slug = r.headers.get('location')!.replace('/pilotos/', '')
  const [row] = await db().select().from(pilots).where(eq(pilots.slug, slug))
  return { ...s, pilot: row, path: `/pilotos/${slug}` }
}

describe('creating a pilot from selected ideas', () => {
  test('a facilitator creates it with the form; the page shows it, the audit log keeps it, the idea authors are told', async () => {
    const { pilot, path } = await createPilotByForm()
    expect(pilot).toMatchObject({ title: 'Citas por WhatsApp en tres sedes', leadId: lead.id, status: 'planned', budgetGtq: '185000.50', municipality: 'Mixco' })
    const { status, html } = await page(path)
    expect(status).toBe(200)
    expect(html).toContain('Citas por WhatsApp en tres sedes')
    expect(html).toContain('<strong>WhatsApp</strong>')
    expect(html).toContain('Carlos Pop Caal')
    expect(html).toContain('Teresa Equipo')
    expect(html).toContain('Avance: 0 %')
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'pilot.create'), eq(auditLog.entityId, pilot.id)))
    expect(audit.actorId).toBe(facilitator.id)
    expect(await kindsOf(citizen.id)).toContain('pilot.created')
    // The lead and the team follow their pilot.
    const followers = await db().select().from(follows).where(eq(follows.targetId, pilot.id))
    expect(followers.map((f) => f.userId).sort()).toEqual([lead.id, teammate.id].sort())
  })

  test('only selected ideas of that challenge; dates in order; the form re-renders with messages in Spanish', async () => {
    const s = await scene()
    const base = { challengeId: s.challenge.id, title: 'Un piloto de prueba', summary: 'Un resumen suficientemente largo para pasar.', institutionId, leadId: lead.id, startDate: day(0), endDate: day(10), budgetGtq: '0' }
    const action = `/pilotos/nuevo?reto=${s.challenge.slug}`
    const notSelected = await post(action, { ...base, ideaIds: s.published.id }, facilitator)
    expect(notSelected.status).toBe(400)
    expect(await notSelected.text()).toContain('Solo las ideas seleccionadas de este reto pueden formar un piloto.')
    const badDates = await post(action, { ...base, ideaIds: s.selected[0].id, endDate: day(-1) }, facilitator)
    expect(badDates.status).toBe(400)
    expect(await badDates.text()).toContain('La fecha de fin no puede ser anterior a la de inicio.')
    const citizenLead = await post(action, { ...base, ideaIds: s.selected[0].id, leadId: citizen.id }, facilitator)
    expect(citizenLead.status).toBe(400)
    expect(await citizenLead.text()).toContain('Elige a un funcionario o funcionaria como responsable.')
    expect(await db().select().from(pilots).where(eq(pilots.challengeId, s.challenge.id))).toHaveLength(0)
  })

  test('citizens and officials cannot create pilots', async () => {
    const s = await scene()
    expect((await page(`/pilotos/nuevo?reto=${s.challenge.slug}`, citizen)).status).toBe(403)
    expect((await page('/pilotos/nuevo', lead)).status).toBe(403)
    const r = await post('/pilotos/nuevo', { challengeId: s.challenge.id, ideaIds: s.selected[0].id }, otherOfficial)
    expect(r.status).toBe(403)
    const form = await page(`/pilotos/nuevo?reto=${s.challenge.slug}`, facilitator)
    expect(form.status).toBe(200)
    expect(form.html).toContain('Citas por WhatsApp')
    expect(form.html).not.toContain('Kioscos')
    expectLabelledControls(form.html)
  })
})

describe('progress derives from weighted completed milestones', () => {
  test('the lead adds milestones and completes one: the page, the API and the list agree', async () => {
    const { pilot, path } = await createPilotByForm('Piloto de avance')
    for (const [title, weight] of [
      ['Capacitación', '30'],
      ['Integración', '50'],
      ['Evaluación', '20'],
    ]) {
      expect((await post(path, { intent: 'milestone', title, weight, dueDate: day(30) }, lead)).status).toBe(302)
    }
    const ms = await db().select().from(milestones).where(eq(milestones.pilotId, pilot.id))
    const cap = ms.find((m) => m.title === 'Capacitación')!
    const evalu = ms.find((m) => m.title === 'Evaluación')!
    expect((await post(path, { intent: 'milestone-done', milestoneId: cap.id, done: 'true' }, teammate)).status).toBe(302)
    expect((await post(path, { intent: 'milestone-done', milestoneId: evalu.id, done: 'true' }, facilitator)).status).toBe(302)
    expect((await page(path)).html).toContain('Avance: 50 %')
    expect((await api('GET', `/pilots/${pilot.id}`)).body.progress).toBe(50)
    // Reopened: back to 30 %.
    expect((await post(path, { intent: 'milestone-done', milestoneId: evalu.id, done: 'false' }, lead)).status).toBe(302)
    expect((await api('GET', `/pilots/${pilot.slug}`)).body.progress).toBe(30)
    // A weight outside 1–100 is refused with its message.
    const bad = await post(path, { intent: 'milestone', title: 'Otro', weight: '0', dueDate: day(3) }, lead)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('El peso debe ser un número entero entre 1 y 100.')
  })
})

describe('who may report', () => {
  test('an update through the API, as rows of the table', async () => {
    const { pilot } = await createPilotByForm('Piloto de permisos')
    const rows: [string, Person | undefined, number][] = [
      ['anonymous', undefined, 401],
      ['citizen', citizen, 403],
      ['another official', otherOfficial, 403],
      ['lead official', lead, 201],
      ['team member', teammate, 201],
      ['facilitator', facilitator, 201],
    ]
    for (const [who, actor, expected] of rows) {
      const r = await api('POST', `/pilots/${pilot.id}/updates`, actor, { body: `Avance informado por ${who}.` })
      expect(r.status, who).toBe(expected)
      if (expected === 403) expect(r.body.error.code).toBe('forbidden')
    }
    expect((await api('GET', `/pilots/${pilot.id}`)).body.updates).toHaveLength(3)
  })

  test('the page forms: a citizen and another official are refused, and see no management forms', async () => {
    const { pilot, path } = await createPilotByForm('Piloto de formularios')
    for (const who of [citizen, otherOfficial]) {
      const r = await post(path, { intent: 'status', status: 'active', reason: 'Quiero cambiarlo' }, who)
      expect(r.status).toBe(403)
      expect(await r.text()).toContain('Solo el equipo del piloto y el laboratorio pueden reportar sobre él.')
      expect((await post(path, { intent: 'kpi', name: 'Espera', unit: 'min', baseline: '10', target: '5' }, who)).status).toBe(403)
      expect((await page(path, who)).html).not.toContain('Informar avances de este piloto')
    }
    expect((await db().select().from(pilots).where(eq(pilots.id, pilot.id)))[0].status).toBe('planned')
    const leadPage = await page(path, lead)
    expect(leadPage.html).toContain('Informar avances de este piloto')
    expectLabelledControls(leadPage.html)
  })
})

describe('status changes', () => {
  test('a reason is required; the change is audited, shown with its reason, and followers are told', async () => {
    const { pilot, path } = await createPilotByForm('Piloto de estados')
    expect((await post('/seguir', { targetType: 'pilot', targetId: pilot.id, intent: 'follow', redirectTo: path }, citizen)).status).toBe(302)
    const noReason = await post(path, { intent: 'status', status: 'active', reason: '' }, lead)
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('Este campo es obligatorio.')
    expect((await db().select().from(pilots).where(eq(pilots.id, pilot.id)))[0].status).toBe('planned')

    expect((await post(path, { intent: 'status', status: 'active', reason: 'Terminó la capacitación del personal.' }, lead)).status).toBe(302)
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'pilot.status'), eq(auditLog.entityId, pilot.id)))
    expect(audit).toMatchObject({ actorId: lead.id, before: { status: 'planned' }, after: { status: 'active', statusReason: 'Terminó la capacitación del personal.' } })
    const html = (await page(path)).html
    expect(html).toContain('En marcha')
    expect(html).toContain('Motivo: Terminó la capacitación del personal.')
    const [note] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, citizen.id), eq(notifications.kind, 'pilot.status')))
    expect(note.payload).toMatchObject({ status: 'active', reason: 'Terminó la capacitación del personal.' })
    const list = (await page('/notificaciones', citizen)).html
    expect(list).toContain('El piloto «Piloto de estados» ahora está: en marcha. Motivo: Terminó la capacitación del personal.')
    // The person who changed it is not told; the same status again is refused.
    expect(await kindsOf(lead.id)).not.toContain('pilot.status')
    expect((await post(path, { intent: 'status', status: 'active', reason: 'Otra vez lo mismo' }, lead)).status).toBe(409)
  })
})

describe('updates, attachments and followers', () => {
  test('an update with an image: followers are told (not the author), the timeline shows it, the file is served', async () => {
    const { pilot, path } = await createPilotByForm('Piloto de avances')
    expect((await post('/seguir', { targetType: 'pilot', targetId: pilot.id, intent: 'follow', redirectTo: path }, citizen)).status).toBe(302)
    const before = (await kindsOf(citizen.id)).filter((k) => k === 'pilot.update').length
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    const form = new FormData()
    form.set('intent', 'update')
    form.set('body', 'Terminamos la capacitación de 46 personas.')
    form.set('progress', '25')
    form.set('attachment', new Blob([png], { type: 'image/png' }), 'foto-capacitacion.png')
    const r = await postMultipart(path, form, lead)
    expect(r.status).toBe(302)
    expect((await kindsOf(citizen.id)).filter((k) => k === 'pilot.update').length).toBe(before + 1)
    const leadNotes = await db().select().from(notifications).where(eq(notifications.userId, lead.id))
    expect(leadNotes.filter((x) => x.kind === 'pilot.update' && x.link.startsWith(path))).toEqual([])
    const json = (await api('GET', `/pilots/${pilot.id}`)).body
    expect(json.updates[0]).toMatchObject({ body: 'Terminamos la capacitación de 46 personas.', progress: 25, author: { id: lead.id, name: 'Carlos Pop Caal' } })
    expect(json.updates[0].attachment.name).toBe('foto-capacitacion.png')
    expect(json.lastUpdateAt).not.toBeNull()
    const file = await fetch(`${server.url}${json.updates[0].attachment.url}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await file.arrayBuffer())).toEqual(png)
    const html = (await page(path)).html
    expect(html).toContain('Adjunto: foto-capacitacion.png')
    expect(html).toContain('Avance reportado: 25 %')
  })

  test('an attachment is refused when its bytes are not an allowed type, or when it is too large', async () => {
    const { pilot, path } = await createPilotByForm('Piloto de adjuntos')
    const send = async (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => {
      const form = new FormData()
      form.set('intent', 'update')
      form.set('body', 'Un avance con adjunto.')
      form.set('attachment', new Blob([bytes], { type }), name)
      return postMultipart(path, form, lead)
    }
    const fake = await send(new TextEncoder().encode('<script>alert(1)</script> no soy una imagen'), 'foto.png', 'image/png')
    expect(fake.status).toBe(400)
    expect(await fake.text()).toContain('El adjunto debe ser una imagen PNG, JPEG o WebP, o un PDF.')
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(Buffer.from('%PDF-1.4\n'))
    const tooLarge = await send(big, 'informe.pdf', 'application/pdf')
    expect(tooLarge.status).toBe(400)
    expect(await tooLarge.text()).toContain('El adjunto no puede pasar de 5 MB.')
    expect((await api('GET', `/pilots/${pilot.id}`)).body.updates).toHaveLength(0)
    expect((await fetch(`${server.url}/pilotos/adjuntos/${'a'.repeat(32)}.png`)).status).toBe(404)
    // A real PDF goes through (and downloads); a citizen's attachment is refused before it is stored.
    const stored = async () => (await readdir(uploadsDir()).catch(() => [] as string[])).sort()
    const filesBefore = await stored()
    const pdf = await send(new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'), 'informe.pdf', 'application/pdf')
    expect(pdf.status).toBe(302)
    const attachment = (await api('GET', `/pilots/${pilot.id}`)).body.updates[0].attachment
    expect(attachment.name).toBe('informe.pdf')
    const download = await fetch(`${server.url}${attachment.url}`)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/)
    const form = new FormData()
    form.set('intent', 'update')
    form.set('body', 'Un avance que no me toca.')
    form.set('attachment', new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' }), 'foto.png')
    expect((await postMultipart(path, form, citizen)).status).toBe(403)
    expect(await stored()).toEqual([...filesBefore, attachment.url.split('/').pop()].sort())
  })
})

describe('overdue, staleness and missed milestones from dates', () => {
  test('the lead’s dashboard lists overdue milestones and pilots with no update for 30 days; followers are told once of a missed milestone', async () => {
    const { pilot, path } = await createPilotByForm('Piloto atrasado')
    // Created 40 days ago, never reported since.
    await db()
      .update(pilots)
      .set({ createdAt: new Date(Date.now() - 40 * 86_400_000), status: 'active' })
      .where(eq(pilots.id, pilot.id))
    await db()
      .insert(milestones)
      .values([
        { pilotId: pilot.id, title: 'Hito vencido', weight: 50, dueDate: day(-3) },
        { pilotId: pilot.id, title: 'Hito de hoy', weight: 25, dueDate: day(0) },
        { pilotId: pilot.id, title: 'Hito cumplido', weight: 25, dueDate: day(-10), completedAt: new Date() },
      ])
    expect((await post('/seguir', { targetType: 'pilot', targetId: pilot.id, intent: 'follow', redirectTo: path }, citizen)).status).toBe(302)

    const dash = await page('/mi-panel', lead)
    expect(dash.status).toBe(200)
    expect(dash.html).toContain('«Hito vencido» de Piloto atrasado')
    expect(dash.html).not.toContain('«Hito de hoy»')
    expect(dash.html).not.toContain('«Hito cumplido»')
    expect(dash.html).toContain('Piloto atrasado: 40 días sin avances')
    const json = (await api('GET', `/pilots/${pilot.id}`)).body
    expect(json).toMatchObject({ stale: true, schedule: 'late', progress: 25 })
    expect(json.milestones.map((m: { title: string; overdue: boolean }) => [m.title, m.overdue])).toEqual([
      ['Hito cumplido', false],
      ['Hito vencido', true],
      ['Hito de hoy', false],
    ])

    const told = await notifyMissedMilestones()
    expect(told).toHaveLength(1)
    expect(await notifyMissedMilestones()).toEqual([])
    const missed = (await kindsOf(citizen.id)).filter((k) => k === 'pilot.milestoneMissed')
    expect(missed).toHaveLength(1)
    expect(await kindsOf(lead.id)).toContain('pilot.milestoneMissed')

    // An update clears the staleness.
    expect((await api('POST', `/pilots/${pilot.id}/updates`, lead, { body: 'Retomamos el trabajo esta semana.' })).status).toBe(201)
    expect((await page('/mi-panel', lead)).html).not.toContain('Piloto atrasado: 40 días sin avances')
  })

  test('the dashboard is for officials and the lab; another official does not see someone else’s pilot', async () => {
    await createPilotByForm('Piloto ajeno')
    expect((await page('/mi-panel', citizen)).status).toBe(403)
    expect((await page('/mi-panel')).status).toBe(302)
    const other = await page('/mi-panel', otherOfficial)
    expect(other.status).toBe(200)
    expect(other.html).not.toContain('Piloto ajeno')
    expect((await page('/mi-panel', teammate)).html).toContain('Piloto ajeno')
  })
})

describe('following a pilot', () => {
  test('the list of what one follows names the pilot and links to it', async () => {
    const { pilot, path } = await createPilotByForm('Piloto que sigo')
    expect((await post('/seguir', { targetType: 'pilot', targetId: pilot.id, intent: 'follow', redirectTo: path }, citizen)).status).toBe(302)
    const { status, body } = await api('GET', '/follows', citizen)
    expect(status).toBe(200)
    expect(body.items.find((f: { targetId: string }) => f.targetId === pilot.id)).toMatchObject({ targetType: 'pilot', title: 'Piloto que sigo', link: path })
  })
})

describe('a missing attachment', () => {
  test('is a 404 in the reader’s language', async () => {
    const missing = await page(`/pilotos/adjuntos/${'a'.repeat(32)}.png`)
    expect(missing.status).toBe(404)
    expect(missing.html).toBe('No encontramos lo que buscas.')
  })
})

describe('comments on pilots', () => {
  test('a citizen comments on the pilot; the lead is told and sees it on the dashboard', async () => {
    const { pilot, path } = await createPilotByForm('Piloto comentado')
    const r = await post(path, { intent: 'comment', body: '¿Cuándo llega a Quetzaltenango?' }, citizen)
    expect(r.status).toBe(302)
    expect((await page(path)).html).toContain('¿Cuándo llega a Quetzaltenango?')
    const comments = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, lead.id), eq(notifications.kind, 'comment.new')))
    expect(comments.some((c) => (c.payload as { targetId: string }).targetId === pilot.id)).toBe(true)
    expect((await page('/mi-panel', lead)).html).toContain('¿Cuándo llega a Quetzaltenango?')
  })
})

describe('the API and open data', () => {
  test('GET /api/v1/pilots and /pilots/{id} answer the pilot shape; the OpenAPI document has them', async () => {
    const { pilot } = await createPilotByForm('Piloto para la API')
    const list = await api('GET', `/pilots?institution=${institutionId}`)
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ page: 1, total: expect.any(Number) })
    const item = list.body.items.find((p: { id: string }) => p.id === pilot.id)
    expect(item).toMatchObject({
      id: pilot.id,
      title: 'Piloto para la API',
      status: 'planned',
      progress: 0,
      institution: { id: institutionId, name: 'Registro Nacional de las Personas', acronym: 'RENAP' },
      lead: { id: lead.id, name: 'Carlos Pop Caal' },
      milestones: [],
      kpis: [],
      updates: [],
      budgetGtq: 185000.5,
      territory: { department: 'Guatemala', municipality: 'Mixco' },
    })
    expect(JSON.stringify(item)).not.toContain('@')
    expect((await api('GET', '/pilots?status=completed')).body.items.find((p: { id: string }) => p.id === pilot.id)).toBeUndefined()
    expect((await api('GET', `/pilots/${pilot.slug}`)).body.id).toBe(pilot.id)
    expect((await api('GET', '/pilots/no-existe')).status).toBe(404)
    const doc = (await api('GET', '/openapi.json')).body
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/pilots', '/pilots/{id}', '/pilots/{id}/updates']))
    expect(doc.components.schemas.Pilot.required).toEqual(expect.arrayContaining(['id', 'title', 'status', 'progress', 'institution', 'milestones', 'kpis', 'updates']))
  })

  test('KPI measurements through the form and the API, charted against the target and listed in a table', async () => {
    const { pilot, path } = await createPilotByForm('Piloto con indicadores')
    expect((await post(path, { intent: 'kpi', name: 'Tiempo de espera', unit: 'minutos', baseline: '150', target: '45' }, lead)).status).toBe(302)
    const [kpi] = await db().select().from(kpis).where(eq(kpis.pilotId, pilot.id))
    expect((await post(path, { intent: 'measurement', kpiId: kpi.id, measuredOn: day(-20), value: '112,5', note: 'Primera medición' }, lead)).status).toBe(302)
    const viaApi = await api('POST', `/pilots/${pilot.id}/kpis/${kpi.id}/measurements`, teammate, { measuredOn: day(-1), value: 86 })
    expect(viaApi.status).toBe(201)
    expect((await api('POST', `/pilots/${pilot.id}/kpis/${kpi.id}/measurements`, citizen, { measuredOn: day(-1), value: 1 })).status).toBe(403)
    const json = (await api('GET', `/pilots/${pilot.id}`)).body
    expect(json.kpis[0]).toMatchObject({ name: 'Tiempo de espera', unit: 'minutos', baseline: 150, target: 45, measurements: [{ value: 112.5, note: 'Primera medición' }, { value: 86 }] })
    const html = (await page(path)).html
    expect(html).toContain('data-testid="kpi-chart"')
    expect(html).toContain('Meta: 45 minutos')
    expect(html).toContain('112.5 minutos')
  })

  test('the CSV files hold the pilots, milestones, KPIs, updates, challenges and ideas with their tallies, and no e-mail', async () => {
    const { pilot, path, challenge } = await createPilotByForm('Piloto en datos abiertos')
    await post(path, { intent: 'milestone', title: 'Hito, con coma', weight: '40', dueDate: day(5) }, lead)
    await post(path, { intent: 'kpi', name: 'Citas atendidas', unit: '%', baseline: '0', target: '60' }, lead)
    const [kpi] = await db().select().from(kpis).where(eq(kpis.pilotId, pilot.id))
    await post(path, { intent: 'measurement', kpiId: kpi.id, measuredOn: day(-2), value: '34' }, lead)
    await api('POST', `/pilots/${pilot.id}/updates`, lead, { body: 'Primer avance "con comillas".', progress: 10 })
    const [draft] = await db().insert(challenges).values({ slug: `borrador-${n++}`, title: 'Reto en borrador secreto', problem: 'x', institutionId, phase: 'draft' }).returning()

    const csv = async (file: string) => {
      const r = await fetch(`${server.url}/datos/${file}`)
      expect(r.status, file).toBe(200)
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const text = (await r.text()).replace(/^\uFEFF/, '')
      expect(text).not.toContain('@')
      return text
    }
    const pilotsText = await csv('pilotos.csv')
    expect(pilotsText.split('\n')[0]).toBe(
      'id,slug,title,status,status_reason,progress_percent,schedule,institution,institution_acronym,lead,team,challenge_slug,idea_ids,department,municipality,start_date,end_date,budget_gtq,milestones,kpis,updates,last_update_at,created_at',
    )
    expect(pilotsText).toContain(`${pilot.id},${pilot.slug},Piloto en datos abiertos,planned,,0,onTime,Registro Nacional de las Personas,RENAP,Carlos Pop Caal,Teresa Equipo,${challenge.slug}`)
    expect(pilotsText).toContain('185000.50,1,1,1,')
    expect(await csv('hitos.csv')).toContain(`${pilot.id},${pilot.slug},`)
    expect(await csv('hitos.csv')).toContain('"Hito, con coma",40,')
    expect(await csv('indicadores.csv')).toContain(`Citas atendidas,%,0,60,${day(-2)},34,`)
    expect(await csv('avances.csv')).toContain('Carlos Pop Caal,10,"Primer avance ""con comillas""."')
    const retos = await csv('retos.csv')
    expect(retos).toContain(`${challenge.id},${challenge.slug},¿Cómo podríamos reducir la espera del DPI?,piloting`)
    expect(retos).not.toContain(draft.slug)
    const ideasText = await csv('ideas.csv')
    expect(ideasText).toContain(`${challenge.slug},Citas por WhatsApp,selected,,7,`)
    expect(ideasText).not.toContain('Reto en borrador secreto')
  })

  test('the open data page and the pilots page link and summarise everything, in plain HTML', async () => {
    await createPilotByForm('Piloto del portafolio')
    const datos = await page('/datos')
    expect(datos.status).toBe(200)
    for (const href of ['/datos/pilotos.csv', '/datos/hitos.csv', '/datos/indicadores.csv', '/datos/avances.csv', '/datos/retos.csv', '/datos/ideas.csv', '/api/v1/openapi.json', '/api/v1/challenges', '/api/v1/pilots']) {
      expect(datos.html).toContain(`href="${href}"`)
    }
    expect(datos.html).toMatch(/href="\/datos\/retos\/reto-pilotos-[^/]+\/criterios.csv"/)
    const list = await page(`/pilotos?institution=${institutionId}`)
    expect(list.status).toBe(200)
    expect(list.html).toContain('Piloto del portafolio')
    expect(list.html).toContain('data-testid="status-table"')
    expect(list.html).toMatch(/<abbr title="Registro Nacional de las Personas">RENAP<\/abbr><\/th><td[^>]*>\d+<\/td>/)
    expect((await page('/pilotos?status=cancelled')).html).not.toContain('Piloto del portafolio')
    expect((await page('/')).html).toContain('href="/pilotos"')
    expect((await page('/', lead)).html).toContain('href="/mi-panel"')
    expect((await page('/', citizen)).html).not.toContain('href="/mi-panel"')
  })
})

describe('demo data', () => {
  test('seedDemoPilots adds two pilots with milestones (some done, one overdue), KPIs with measurements and updates', async () => {
    const s = await scene()
    const ids = await db().transaction((tx) => seedDemoPilots(tx, { challengeId: s.challenge.id, selectedIdeaIds: s.selected.map((i) => i.id) }))
    expect(ids).toHaveLength(2)
    const first = (await api('GET', `/pilots/${ids[0]}`)).body
    expect(first.milestones.filter((m: { completedAt: string | null }) => m.completedAt)).toHaveLength(2)
    expect(first.milestones.filter((m: { overdue: boolean }) => m.overdue)).toHaveLength(1)
    expect(first.progress).toBe(40)
    expect(first.schedule).toBe('late')
    expect(first.kpis[0].measurements.length).toBeGreaterThan(1)
    expect(first.updates.length).toBeGreaterThan(1)
    expect((await api('GET', `/pilots/${ids[1]}`)).body.status).toBe('planned')
  })
})
