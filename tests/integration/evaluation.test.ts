import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditLog, challenges, evaluationCriteria, evaluations, follows, ideaAuthors, ideas, institutions, juryMembers, juryScores, notifications, selectionDecisions, votes, type Language, type Phase, type Role } from '#db/schema.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { computeRanking } from '#app/services/evaluation/ranking.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { csvRecords } from '#tests/helpers/csv.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { expectLabelledControls } from '#tests/helpers/html.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

const PASSWORD = 'una-clave-larga-1'

let server: TestServer
let institutionId: string
type Person = { id: string; name: string; email: string; cookie: string; token: string }

beforeAll(async () => {
  server = await startTestServer()
  const [row] = await server.database.db.insert(institutions).values({ acronym: 'MINFIN', name: 'Ministerio de Finanzas Públicas', slug: 'minfin' }).returning()
  institutionId = row.id
})
afterAll(() => server?.stop())

const db = () => server.database.db

async function person(role: Role = 'citizen', name = 'Ana Pérez', language: Language = 'es'): Promise<Person> {
  const email = uniqueEmail(role)
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: role === 'official' ? institutionId : null, language })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, email, cookie: cookieFrom(response, 'cocrea_session')!, token: body.token }
}

let counter = 0
async function challenge(phase: Phase) {
  const [row] = await db()
    .insert(challenges)
    .values({ slug: `reto-eval-${process.pid}-${counter++}`, title: '¿Cómo podríamos pagar impuestos sin filas?', problem: 'Las filas son largas.', institutionId, phase })
    .returning()
  return row
}
async function idea(challengeId: string, author: Person, title: string, votes: number, coauthors: Person[] = []) {
  const [row] = await db().insert(ideas).values({ challengeId, title, description: 'Descripción.', status: 'shortlisted', voteTotal: votes, createdBy: author.id }).returning()
  await db()
    .insert(ideaAuthors)
    .values([author, ...coauthors].map((p) => ({ ideaId: row.id, userId: p.id, acceptedAt: new Date() })))
  return row
}

async function api(method: string, path: string, who?: Person, body?: unknown) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${who.token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null, text }
}
async function get(path: string, who?: Person) {
  const response = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: who ? { cookie: who.cookie } : {} })
  return { status: response.status, text: await response.text(), headers: response.headers }
}
async function post(path: string, fields: Record<string, string>, who?: Person) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(who ? { cookie: who.cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  })
  return { status: response.status, html: await response.text(), location: response.headers.get('location') }
}
const auditOf = (entityId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)))
    .orderBy(auditLog.id)

/**
 * The scene, computed by hand: criteria Impacto ciudadano 60 and Costo 40, the vote carries 25 %;
 * jurors Olga (official), Sofía (civil society) and Jorge (citizen, co-author of «Pago en agencias»).
 *
 * | idea                  | votes | scores (impacto; costo)               | means       | jury                    | vote | final                 |
 * | Pago en línea         | 8     | O 5;4  S 4;4  J 3;2                   | 4 ; 3.333…  | 48 + 26.666… = 74.666…  | 100  | 56 + 25 = 81          |
 * | Ventanilla móvil      | 0     | O 5;5  (S, J missing)                 | 5 ; 5       | 100                     | 0    | 75                    |
 * | Pago en agencias      | 4     | O 4;4  S 4;4  (J: conflict of interest) | 4 ; 4     | 80                      | 50   | 60 + 12.5 = 72.5      |
 * | Recibo por SMS        | 4     | O 4;4  S 4;4  (J missing)             | 4 ; 4       | 80                      | 50   | 72.5 — tie, same rank |
 */
describe('evaluation and selection, end to end over HTTP', () => {
  let facilitator: Person, official: Person, olga: Person, sofia: Person, jorge: Person, pedro: Person, carla: Person, outsider: Person, follower: Person
  let c: Awaited<ReturnType<typeof challenge>>
  let online: { id: string }, mobile: { id: string }, agencies: { id: string }, sms: { id: string }
  let impacto: string, costo: string

  beforeAll(async () => {
    ;[facilitator, official, olga, sofia, jorge, pedro, carla, outsider, follower] = await Promise.all([
      person('facilitator', 'Fabiola Facilitadora'),
      person('official', 'Oscar Oficial (sin permiso)'),
      person('official', 'Olga Ixcoy'),
      person('citizen', 'Sofía Batz'),
      person('citizen', 'Jorge Tum'),
      person('citizen', 'Pedro Ajanel'),
      person('citizen', 'Carla Son'),
      person('citizen', 'Úrsula Externa'),
      person('citizen', 'Fidel Seguidor'),
    ])
    c = await challenge('voting')
    online = await idea(c.id, pedro, 'Pago en línea', 8)
    mobile = await idea(c.id, pedro, 'Ventanilla móvil', 0)
    agencies = await idea(c.id, carla, 'Pago en agencias', 4, [jorge])
    sms = await idea(c.id, carla, 'Recibo por SMS', 4)
    await db().insert(follows).values({ userId: follower.id, targetType: 'idea', targetId: online.id })
  })

  test('only facilitators manage the evaluation: citizens and officials are refused, signed-out people must sign in', async () => {
    const body = { criteria: [{ name: 'Impacto', weight: 100 }], voteShare: 20 }
    expect((await api('PUT', `/challenges/${c.slug}/evaluation`, undefined, body)).status).toBe(401)
    for (const who of [official, outsider]) {
      const r = await api('PUT', `/challenges/${c.slug}/evaluation`, who, body)
      expect(r.status).toBe(403)
      expect(r.body.error.code).toBe('forbidden')
      expect((await get(`/retos/${c.slug}/evaluacion`, who)).status).toBe(403)
      expect((await post(`/retos/${c.slug}/evaluacion`, { intent: 'publish' }, who)).status).toBe(403)
      expect((await get(`/retos/${c.slug}/seleccion`, who)).status).toBe(403)
    }
    expect((await get(`/retos/${c.slug}/evaluacion`)).status).toBe(302)
  })

  test('the facilitator sets criteria through the form: weights must add up to 100, messages in Spanish', async () => {
    const page = await get(`/retos/${c.slug}/evaluacion`, facilitator)
    expect(page.status).toBe(200)
    expectLabelledControls(page.text)
    const bad = await post(`/retos/${c.slug}/evaluacion`, { intent: 'criteria', 'name.0': 'Impacto ciudadano', 'weight.0': '60', 'name.1': 'Costo', 'weight.1': '30', voteShare: '25' }, facilitator)
    expect(bad.status).toBe(400)
    expect(bad.html).toContain('Los pesos de los criterios deben sumar 100.')
    const badWeight = await post(`/retos/${c.slug}/evaluacion`, { intent: 'criteria', 'name.0': 'Impacto', 'weight.0': '0', voteShare: '120' }, facilitator)
    expect(badWeight.status).toBe(400)
    expect(badWeight.html).toContain('El peso es un número entero de 1 a 100.')
    expect(badWeight.html).toContain('El peso del voto es un número entero de 0 a 100.')

    const ok = await post(
      `/retos/${c.slug}/evaluacion`,
      { intent: 'criteria', 'name.0': 'Impacto ciudadano', 'description.0': 'Cuántas personas se benefician.', 'weight.0': '50', 'name.1': 'Costo', 'weight.1': '50', voteShare: '25' },
      facilitator,
    )
    expect(ok.status).toBe(302)
    const view = await api('GET', `/challenges/${c.slug}/evaluation`)
    expect(view.body).toMatchObject({ voteShare: 25, publishedAt: null, criteria: [{ name: 'Impacto ciudadano', description: 'Cuántas personas se benefician.', weight: 50 }, { name: 'Costo', weight: 50 }] })
    ;[impacto, costo] = view.body.criteria.map((x: { id: string }) => x.id)
    // Rows keep their ids: the weights change, the criteria stay the same.
    const again = await post(`/retos/${c.slug}/evaluacion`, { intent: 'criteria', 'id.0': impacto, 'name.0': 'Impacto ciudadano', 'weight.0': '60', 'id.1': costo, 'name.1': 'Costo', 'weight.1': '40', voteShare: '25' }, facilitator)
    expect(again.status).toBe(302)
    const after = await api('GET', `/challenges/${c.slug}/evaluation`)
    expect(after.body.criteria.map((x: { id: string; weight: number }) => [x.id, x.weight])).toEqual([
      [impacto, 60],
      [costo, 40],
    ])
  })

  test('published criteria are frozen; reopening needs a reason and leaves an audit record', async () => {
    expect((await post(`/retos/${c.slug}/evaluacion`, { intent: 'publish' }, facilitator)).status).toBe(302)
    const published = await api('GET', `/challenges/${c.slug}/evaluation`)
    expect(published.body.publishedAt).not.toBeNull()
    expect(await auditOf(c.id, 'evaluation.publish')).toHaveLength(1)

    const frozen = await api('PUT', `/challenges/${c.slug}/evaluation`, facilitator, { criteria: [{ name: 'Otro', weight: 100 }], voteShare: 0 })
    expect(frozen.status).toBe(409)
    expect(frozen.body.error.message).toContain('congelados')
    const form = await post(`/retos/${c.slug}/evaluacion`, { intent: 'criteria', 'name.0': 'Otro', 'weight.0': '100', voteShare: '0' }, facilitator)
    expect(form.status).toBe(409)
    expect(form.html).toContain('Los criterios ya se publicaron y están congelados.')
    expect((await api('GET', `/challenges/${c.slug}/evaluation`)).body.criteria).toHaveLength(2)

    const noReason = await post(`/retos/${c.slug}/evaluacion`, { intent: 'reopen', reason: ' ' }, facilitator)
    expect(noReason.status).toBe(400)
    expect((await post(`/retos/${c.slug}/evaluacion`, { intent: 'reopen', reason: 'El peso del costo tenía un error de digitación.' }, facilitator)).status).toBe(302)
    const [reopen] = await auditOf(c.id, 'evaluation.reopen')
    expect(reopen.actorId).toBe(facilitator.id)
    expect(reopen.after).toMatchObject({ reason: 'El peso del costo tenía un error de digitación.', publishedAt: null })
    expect((reopen.before as { criteria: unknown[] }).criteria).toHaveLength(2)
    // Open again: the same PUT now works (nothing changes here but the record), then publish again through the API.
    const put = await api('PUT', `/challenges/${c.slug}/evaluation`, facilitator, { criteria: [{ id: impacto, name: 'Impacto ciudadano', weight: 60 }, { id: costo, name: 'Costo', weight: 40 }], voteShare: 25 })
    expect(put.status).toBe(200)
    const republished = await api('POST', `/challenges/${c.slug}/evaluation/publish`, facilitator)
    expect(republished.status).toBe(200)
    expect(republished.body.publishedAt).not.toBeNull()
  })

  test('the facilitator names the jury by e-mail; jurors are notified; the public sees names and roles only', async () => {
    for (const [who, affiliation] of [
      [olga, ''],
      [sofia, 'Sociedad civil — Acción Ciudadana'],
      [jorge, 'Ciudadanía'],
    ] as const) {
      const r = await post(`/retos/${c.slug}/evaluacion`, { intent: 'addJuror', email: who.email, affiliation }, facilitator)
      expect(r.status).toBe(302)
    }
    const unknown = await post(`/retos/${c.slug}/evaluacion`, { intent: 'addJuror', email: 'nadie@ejemplo.gt', affiliation: '' }, facilitator)
    expect(unknown.status).toBe(400)
    expect(unknown.html).toContain('No hay ninguna cuenta activa con este correo.')
    const twice = await post(`/retos/${c.slug}/evaluacion`, { intent: 'addJuror', email: olga.email, affiliation: '' }, facilitator)
    expect(twice.html).toContain('Esta persona ya forma parte del jurado.')

    const notes = await db().select().from(notifications).where(and(eq(notifications.userId, sofia.id), eq(notifications.kind, 'evaluation.juror')))
    expect(notes).toHaveLength(1)
    expect(notes[0].link).toBe(`/retos/${c.slug}/jurado`)

    const view = await api('GET', `/challenges/${c.slug}/evaluation`)
    expect(view.body.jury).toEqual([
      { id: olga.id, name: 'Olga Ixcoy', role: 'official', affiliation: '' },
      { id: sofia.id, name: 'Sofía Batz', role: 'citizen', affiliation: 'Sociedad civil — Acción Ciudadana' },
      { id: jorge.id, name: 'Jorge Tum', role: 'citizen', affiliation: 'Ciudadanía' },
    ])
    expect(view.text).not.toContain('@')
  })

  const scoreBody = (impactoScore: number, costoScore: number, by: string) => ({
    scores: [
      { criterionId: impacto, score: impactoScore, rationale: `${by}: impacto ${impactoScore}, porque llega a mucha gente.` },
      { criterionId: costo, score: costoScore, rationale: `${by}: costo ${costoScore}, según el presupuesto.` },
    ],
  })

  test('scoring waits for the evaluation phase; people not on the jury are refused', async () => {
    const early = await api('POST', `/ideas/${online.id}/scores`, olga, scoreBody(5, 4, 'Olga'))
    expect(early.status).toBe(422)
    expect((await api('POST', `/challenges/${c.id}/phase`, facilitator, { phase: 'evaluation' })).status).toBe(200)

    const outsiderScore = await api('POST', `/ideas/${online.id}/scores`, outsider, scoreBody(5, 5, 'Úrsula'))
    expect(outsiderScore.status).toBe(403)
    expect(outsiderScore.body.error.message).toBe('No formas parte del jurado de este reto.')
    expect((await get(`/retos/${c.slug}/jurado`, outsider)).status).toBe(403)
    expect((await post(`/retos/${c.slug}/jurado`, { ideaId: online.id, [`score.${impacto}`]: '5', [`rationale.${impacto}`]: 'x', [`score.${costo}`]: '5', [`rationale.${costo}`]: 'x' }, outsider)).status).toBe(403)
    expect((await api('POST', `/ideas/${online.id}/scores`, undefined, scoreBody(5, 5, 'x'))).status).toBe(401)
  })

  test('a juror may not score an idea they co-wrote', async () => {
    const r = await api('POST', `/ideas/${agencies.id}/scores`, jorge, scoreBody(5, 5, 'Jorge'))
    expect(r.status).toBe(403)
    expect(r.body.error.message).toBe('No puedes puntuar una idea que escribiste o de la que eres coautor/a.')
    const page = await get(`/retos/${c.slug}/jurado`, jorge)
    expect(page.text).toContain('No puedes puntuar esta idea: la escribiste o eres coautor/a.')
    const form = await post(`/retos/${c.slug}/jurado`, { ideaId: agencies.id, [`score.${impacto}`]: '5', [`rationale.${impacto}`]: 'Muy buena', [`score.${costo}`]: '5', [`rationale.${costo}`]: 'Barata' }, jorge)
    expect(form.status).toBe(403)
    expect(await db().select().from(juryScores).where(eq(juryScores.jurorId, jorge.id))).toHaveLength(0)
  })

  test('a juror sees the others’ scores only after submitting their own; scores are given once', async () => {
    // Olga scores «Pago en línea» through the form, with validation first.
    const form = await get(`/retos/${c.slug}/jurado`, olga)
    expect(form.status).toBe(200)
    expectLabelledControls(form.text)
    const missing = await post(`/retos/${c.slug}/jurado`, { ideaId: online.id, [`score.${impacto}`]: '5', [`rationale.${impacto}`]: '', [`score.${costo}`]: '9', [`rationale.${costo}`]: 'Caro' }, olga)
    expect(missing.status).toBe(400)
    expect(missing.html).toContain('Este campo es obligatorio.')
    expect(missing.html).toContain('Elige un puntaje de 1 a 5.')
    const sent = await post(
      `/retos/${c.slug}/jurado`,
      { ideaId: online.id, [`score.${impacto}`]: '5', [`rationale.${impacto}`]: 'Olga: llega a todo el país.', [`score.${costo}`]: '4', [`rationale.${costo}`]: 'Olga: costo moderado.' },
      olga,
    )
    expect(sent.status).toBe(302)
    expect((await api('POST', `/ideas/${online.id}/scores`, olga, scoreBody(1, 1, 'Olga'))).status).toBe(409)

    // Sofía has not scored it: she does not see Olga's scores, and the API shows nothing either.
    const before = await get(`/retos/${c.slug}/jurado`, sofia)
    expect(before.text).not.toContain('Olga: llega a todo el país.')
    expect(before.text).toContain('Los verás después de enviar los tuyos. 1 de 2 ya enviaron.')
    expect((await api('GET', `/challenges/${c.slug}/scores`, sofia)).body).toEqual({ resultsPublic: false, items: [] })
    expect((await api('GET', `/challenges/${c.slug}/evaluation`, sofia)).body.ranking).toBeNull()

    expect((await api('POST', `/ideas/${online.id}/scores`, sofia, scoreBody(4, 4, 'Sofía'))).status).toBe(201)
    const after = await get(`/retos/${c.slug}/jurado`, sofia)
    expect(after.text).toContain('Olga: llega a todo el país.')
    expect(after.text).toContain('Sofía: impacto 4, porque llega a mucha gente.')
  })

  test('the rest of the scores; until the selection the ranking is not public (the lab sees it provisionally)', async () => {
    expect((await api('POST', `/ideas/${online.id}/scores`, jorge, scoreBody(3, 2, 'Jorge'))).status).toBe(201)
    for (const [who, ideaRow] of [
      [olga, mobile],
      [olga, agencies],
      [sofia, agencies],
      [olga, sms],
      [sofia, sms],
    ] as const) {
      const [i, k] = ideaRow === mobile ? [5, 5] : [4, 4]
      expect((await api('POST', `/ideas/${ideaRow.id}/scores`, who, scoreBody(i, k, who.name))).status).toBe(201)
    }
    const results = await get(`/retos/${c.slug}/resultados`)
    expect(results.status).toBe(200)
    expect(results.text).toContain('Los resultados se publican cuando se registra la selección.')
    expect(results.text).not.toContain('Olga: llega a todo el país.')
    const csv = csvRecords((await get(`/datos/retos/${c.slug}/ranking.csv`)).text)
    expect(csv).toEqual([])
    expect(csvRecords((await get(`/datos/retos/${c.slug}/puntajes.csv`)).text)).toEqual([])

    const provisional = await api('GET', `/challenges/${c.slug}/evaluation`, facilitator)
    expect(provisional.body.resultsPublic).toBe(false)
    expect(provisional.body.ranking.map((r: { title: string; rank: number }) => [r.title, r.rank])).toEqual([
      ['Pago en línea', 1],
      ['Ventanilla móvil', 2],
      ['Pago en agencias', 3],
      ['Recibo por SMS', 3],
    ])
  })

  test('the selection: refused to officials, every shortlisted idea needs a decision with a rationale', async () => {
    const decisions = [
      { ideaId: online.id, selected: true, rationale: 'Primer lugar y factible este año.' },
      { ideaId: mobile.id, selected: true, rationale: 'Llega a municipios sin agencia bancaria.' },
      { ideaId: agencies.id, selected: false, rationale: 'Ya lo cubre el convenio con los bancos.' },
      { ideaId: sms.id, selected: false, rationale: 'Se integra al piloto de pago en línea.' },
    ]
    const refused = await api('POST', `/challenges/${c.slug}/selection`, official, { decisions })
    expect(refused.status).toBe(403)
    const page = await get(`/retos/${c.slug}/seleccion`, facilitator)
    expect(page.status).toBe(200)
    expectLabelledControls(page.text)
    const incomplete = await post(`/retos/${c.slug}/seleccion`, { [`decision.${online.id}`]: 'selected', [`rationale.${online.id}`]: 'Bien.', [`decision.${mobile.id}`]: 'selected' }, facilitator)
    expect(incomplete.status).toBe(400)
    expect(incomplete.html).toContain('Elige «Seleccionada» o «No seleccionada».')
    expect(incomplete.html).toContain('Este campo es obligatorio.')
    expect(await db().select().from(selectionDecisions).where(eq(selectionDecisions.challengeId, c.id))).toHaveLength(0)

    const fields: Record<string, string> = {}
    for (const d of decisions) {
      fields[`decision.${d.ideaId}`] = d.selected ? 'selected' : 'not_selected'
      fields[`rationale.${d.ideaId}`] = d.rationale
    }
    const done = await post(`/retos/${c.slug}/seleccion`, fields, facilitator)
    expect(done.status).toBe(302)
    expect(done.location).toBe(`/retos/${c.slug}/resultados`)

    const [after] = await db().select().from(challenges).where(eq(challenges.id, c.id))
    expect(after.phase).toBe('piloting')
    const rows = await db().select().from(ideas).where(eq(ideas.challengeId, c.id))
    const status = Object.fromEntries(rows.map((r) => [r.title, [r.status, r.statusReason]]))
    expect(status).toEqual({
      'Pago en línea': ['selected', 'Primer lugar y factible este año.'],
      'Ventanilla móvil': ['selected', 'Llega a municipios sin agencia bancaria.'],
      'Pago en agencias': ['not_selected', 'Ya lo cubre el convenio con los bancos.'],
      'Recibo por SMS': ['not_selected', 'Se integra al piloto de pago en línea.'],
    })
    // Authors (Carla and her co-author Jorge) and followers are told, with the reason.
    for (const [who, ideaId] of [
      [pedro, online.id],
      [follower, online.id],
      [carla, agencies.id],
      [jorge, agencies.id],
    ] as const) {
      const notes = await db().select().from(notifications).where(and(eq(notifications.userId, who.id), eq(notifications.kind, 'idea.status')))
      expect(notes.map((n) => n.link), who.name).toContain(`/ideas/${ideaId}`)
    }
    const [select] = await auditOf(c.id, 'evaluation.select')
    expect((select.after as { ranking: unknown[] }).ranking).toHaveLength(4)
    expect(await auditOf(online.id, 'idea.status')).toHaveLength(1)
    // Once recorded, it cannot be recorded again, and jurors can no longer score.
    expect((await api('POST', `/challenges/${c.slug}/selection`, facilitator, { decisions })).status).toBe(409)
    expect((await api('POST', `/ideas/${mobile.id}/scores`, sofia, scoreBody(1, 1, 'Sofía'))).status).toBe(409)
  })

  test('the published ranking carries the arithmetic computed by hand, ties and missing scores included', async () => {
    const { status, body } = await api('GET', `/challenges/${c.slug}/evaluation`)
    expect(status).toBe(200)
    expect(body.resultsPublic).toBe(true)
    const r = Object.fromEntries(body.ranking.map((x: { title: string }) => [x.title, x]))
    expect(r['Pago en línea']).toMatchObject({ rank: 1, tied: false, votes: 8, maxVotes: 8, voteScore: 100, voteShare: 25, decision: { selected: true } })
    expect(r['Pago en línea'].criteria).toEqual([
      { criterionId: impacto, name: 'Impacto ciudadano', weight: 60, scores: [5, 4, 3], missing: 0, mean: 4, points: 48 },
      expect.objectContaining({ criterionId: costo, scores: [4, 4, 2], missing: 0 }),
    ])
    expect(r['Pago en línea'].criteria[1].mean).toBeCloseTo(10 / 3, 9)
    expect(r['Pago en línea'].juryScore).toBeCloseTo(74.6666667, 6)
    expect(r['Pago en línea'].finalScore).toBeCloseTo(81, 9)
    expect(r['Ventanilla móvil']).toMatchObject({ rank: 2, tied: false, juryScore: 100, voteScore: 0, finalScore: 75 })
    expect(r['Ventanilla móvil'].criteria[0]).toMatchObject({ scores: [5], missing: 2, mean: 5 })
    // Jorge wrote «Pago en agencias»: he is not expected there, so nothing is missing; on «Recibo por SMS» his score is missing.
    expect(r['Pago en agencias']).toMatchObject({ rank: 3, tied: true, juryScore: 80, voteScore: 50, finalScore: 72.5 })
    expect(r['Pago en agencias'].criteria[0]).toMatchObject({ missing: 0 })
    expect(r['Recibo por SMS']).toMatchObject({ rank: 3, tied: true, finalScore: 72.5 })
    expect(r['Recibo por SMS'].criteria[0]).toMatchObject({ missing: 1 })
  })

  test('the results page shows each step and the decisions; open data in JSON and CSV without e-mails', async () => {
    const page = await get(`/retos/${c.slug}/resultados`)
    expect(page.status).toBe(200)
    // Every line recomputes by hand (issue 11): a mean of thirds is a fraction, not 2-decimal rounding (75 % × 74.67 + 25 = 81.0025).
    expect(page.text).toContain('Jurado: 48 + 80/3 = 224/3 ≈ 74.666667')
    expect(page.text).toContain('Votos: 8 ÷ 8 × 100 = 100')
    expect(page.text).toContain('Final: 75 % × 224/3 + 25 % × 100 = 81')
    expect(page.text.replaceAll('<!-- -->', '')).toContain('10 ÷ 3 = 10/3 ≈ 3.333333')
    // The table agrees with the CSV's 6 decimals.
    expect(page.text).toContain('≈ 74.666667')
    expect(page.text).toContain('(empate)')
    expect(page.text).toContain('2 faltan')
    expect(page.text).toContain('Primer lugar y factible este año.')
    expect(page.text).toContain('Olga: llega a todo el país.')
    // The ranking chart is SVG in the page itself, named for screen readers.
    expect(page.text).toMatch(/data-testid="final-score-chart".*?<svg[^>]*role="img"/s)
    for (const p of [olga, sofia, jorge]) expect(page.text).not.toContain(p.email)
    const challengePage = await get(`/retos/${c.slug}`)
    expect(challengePage.text).toContain(`href="/retos/${c.slug}/resultados"`)

    const scores = await api('GET', `/challenges/${c.slug}/scores`)
    expect(scores.body.resultsPublic).toBe(true)
    expect(scores.body.items).toHaveLength(16)
    expect(scores.text).not.toContain('@')
    expect(scores.body.items).toContainEqual(
      expect.objectContaining({
        juror: { id: sofia.id, name: 'Sofía Batz', role: 'citizen', affiliation: 'Sociedad civil — Acción Ciudadana' },
        idea: { id: online.id, title: 'Pago en línea' },
        criterion: { id: costo, name: 'Costo', weight: 40 },
        score: 4,
        rationale: 'Sofía: costo 4, según el presupuesto.',
      }),
    )

    const criteriaCsv = await get(`/datos/retos/${c.slug}/criterios.csv`)
    expect(criteriaCsv.status).toBe(200)
    expect(criteriaCsv.headers.get('content-type')).toContain('text/csv')
    expect(criteriaCsv.headers.get('content-disposition')).toMatch(new RegExp(`${c.slug}-criterios-\\d{4}-\\d{2}-\\d{2}\\.csv`))
    expect(csvRecords(criteriaCsv.text).map((row) => [row.name, row.weight, row.vote_share])).toEqual([
      ['Impacto ciudadano', '60', '25'],
      ['Costo', '40', '25'],
    ])

    const scoresCsv = csvRecords((await get(`/datos/retos/${c.slug}/puntajes.csv`)).text)
    expect(scoresCsv).toHaveLength(16)
    expect(Object.keys(scoresCsv[0])).not.toContain('juror_email')
    expect(scoresCsv.filter((row) => row.juror_name === 'Jorge Tum').map((row) => [row.idea_title, row.criterion_name, row.score])).toEqual([
      ['Pago en línea', 'Costo', '2'],
      ['Pago en línea', 'Impacto ciudadano', '3'],
    ])

    const rankingCsv = csvRecords((await get(`/datos/retos/${c.slug}/ranking.csv`)).text)
    expect(rankingCsv.map((row) => [row.rank, row.tied, row.idea_title, row.jury_score, row.vote_score, row.final_score, row.decision])).toEqual([
      ['1', 'false', 'Pago en línea', '74.666667', '100', '81', 'selected'],
      ['2', 'false', 'Ventanilla móvil', '100', '0', '75', 'selected'],
      ['3', 'true', 'Pago en agencias', '80', '50', '72.5', 'not_selected'],
      ['3', 'true', 'Recibo por SMS', '80', '50', '72.5', 'not_selected'],
    ])
    expect(rankingCsv[0]['mean:Costo']).toBe('3.333333')
    expect(rankingCsv[1]['missing:Impacto ciudadano']).toBe('2')

    expect((await get('/datos/retos/no-existe/ranking.csv')).status).toBe(404)
  })

  test('the OpenAPI document describes the evaluation resources', async () => {
    const doc = (await api('GET', '/openapi.json')).body
    for (const path of ['/challenges/{id}/evaluation', '/challenges/{id}/scores', '/ideas/{id}/scores', '/challenges/{id}/selection', '/challenges/{id}/evaluation/publish', '/challenges/{id}/jury', '/ideas/{id}/shortlist']) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
    expect(doc.components.schemas.RankedIdea.properties.finalScore.type).toBe('number')
  })
})

describe('the jury and the shortlist through the API', () => {
  test('PUT /challenges/{id}/jury names the whole jury: added people are told, left-out ones removed, affiliations updated, all audited', async () => {
    const facilitator = await person('facilitator', 'Fabiola Facilitadora')
    const official = await person('official', 'Olga Oficial')
    const civil = await person('citizen', 'Sofía Sociedad Civil')
    const other = await person('citizen', 'Otto Otro')
    const c = await challenge('evaluation')
    const put = (who: Person | undefined, members: unknown) => api('PUT', `/challenges/${c.id}/jury`, who, { members })

    const first = await put(facilitator, [{ userId: official.id, affiliation: 'MINFIN' }, { userId: civil.id, affiliation: 'Acción Ciudadana' }])
    expect(first.status).toBe(200)
    expect(first.body.jury.map((j: { name: string; affiliation: string }) => `${j.name} (${j.affiliation})`).sort()).toEqual(['Olga Oficial (MINFIN)', 'Sofía Sociedad Civil (Acción Ciudadana)'])
    expect(first.body.jury[0]).not.toHaveProperty('email')
    const told = await db().select().from(notifications).where(and(eq(notifications.kind, 'evaluation.juror'), eq(notifications.link, `/retos/${c.slug}/jurado`)))
    expect(told.map((n) => n.userId).sort()).toEqual([official.id, civil.id].sort())

    // Sofía leaves, Otto joins, Olga's affiliation changes; Olga is not told twice.
    const second = await put(facilitator, [{ userId: official.id, affiliation: 'MINFIN — Dirección de TI' }, { userId: other.id }])
    expect(second.status).toBe(200)
    const rows = await db().select().from(juryMembers).where(eq(juryMembers.challengeId, c.id))
    expect(rows.map((r) => [r.userId, r.affiliation]).sort()).toEqual([[official.id, 'MINFIN — Dirección de TI'], [other.id, '']].sort())
    expect((await auditOf(c.id, 'evaluation.jury_add')).length).toBe(3)
    expect((await auditOf(c.id, 'evaluation.jury_remove')).map((a) => a.before)).toEqual([{ userId: civil.id, affiliation: 'Acción Ciudadana' }])
    expect((await auditOf(c.id, 'evaluation.jury_update')).map((a) => a.after)).toEqual([{ userId: official.id, affiliation: 'MINFIN — Dirección de TI' }])
    expect((await db().select().from(notifications).where(and(eq(notifications.kind, 'evaluation.juror'), eq(notifications.userId, official.id))))).toHaveLength(1)

    // Refusals: not a facilitator, signed out, an unknown person, the same person twice; nothing changes.
    expect((await put(official, [])).status).toBe(403)
    expect((await put(undefined, [])).status).toBe(401)
    const unknown = await put(facilitator, [{ userId: '00000000-0000-4000-8000-000000000000' }])
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(unknown.body)).toContain('No hay ninguna cuenta activa con este identificador.')
    expect((await put(facilitator, [{ userId: other.id }, { userId: other.id }])).status).toBe(400)
    expect(await db().select().from(juryMembers).where(eq(juryMembers.challengeId, c.id))).toHaveLength(2)
  })

  test('a juror who has scored cannot be left out', async () => {
    const facilitator = await person('facilitator', 'Fabiola Facilitadora')
    const juror = await person('official', 'Olga Oficial')
    const c = await challenge('evaluation')
    const author = await person('citizen', 'Ana Autora')
    const shortlisted = await idea(c.id, author, 'Pago en línea', 3)
    expect((await api('PUT', `/challenges/${c.id}/evaluation`, facilitator, { criteria: [{ name: 'Impacto', description: '', weight: 100 }], voteShare: 0 })).status).toBe(200)
    expect((await api('POST', `/challenges/${c.id}/evaluation/publish`, facilitator)).status).toBe(200)
    expect((await api('PUT', `/challenges/${c.id}/jury`, facilitator, { members: [{ userId: juror.id, affiliation: 'MINFIN' }] })).status).toBe(200)
    const [criterion] = await db().select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, c.id))
    expect((await api('POST', `/ideas/${shortlisted.id}/scores`, juror, { scores: [{ criterionId: criterion.id, score: 4, rationale: 'Llega a mucha gente.' }] })).status).toBe(201)
    const refused = await api('PUT', `/challenges/${c.id}/jury`, facilitator, { members: [] })
    expect(refused.status).toBe(409)
    expect(await db().select().from(juryMembers).where(eq(juryMembers.challengeId, c.id))).toHaveLength(1)
  })

  test('POST /ideas/{id}/shortlist puts a published idea on the shortlist (facilitators only), once', async () => {
    const facilitator = await person('facilitator', 'Fabiola Facilitadora')
    const official = await person('official', 'Olga Oficial')
    const author = await person('citizen', 'Ana Autora')
    const c = await challenge('evaluation')
    const [published] = await db().insert(ideas).values({ challengeId: c.id, title: 'Kioscos de pago', description: 'Descripción.', status: 'published', createdBy: author.id }).returning()
    expect((await api('POST', `/ideas/${published.id}/shortlist`, official)).status).toBe(403)
    expect((await api('POST', `/ideas/${published.id}/shortlist`)).status).toBe(401)
    const ok = await api('POST', `/ideas/${published.id}/shortlist`, facilitator)
    expect(ok.status).toBe(200)
    expect(ok.body.idea).toMatchObject({ id: published.id, challengeId: c.id, status: 'shortlisted' })
    expect((await db().select().from(ideas).where(eq(ideas.id, published.id)))[0].status).toBe('shortlisted')
    expect((await api('POST', `/ideas/${published.id}/shortlist`, facilitator)).status).toBe(409)
    expect((await api('POST', '/ideas/00000000-0000-4000-8000-000000000000/shortlist', facilitator)).status).toBe(404)
    expect((await api('POST', '/ideas/no-es-un-id/shortlist', facilitator)).status).toBe(404)
  })
})

describe('blind scoring holds for every juror, and permission comes before validation', () => {
  test('a facilitator on the jury sees neither the others’ scores nor the provisional ranking until they have submitted their own', async () => {
    const [fabiola, federico, olga, author] = await Promise.all([
      person('facilitator', 'Fabiola Jurado'),
      person('facilitator', 'Federico Sin Jurado'),
      person('official', 'Olga Ixcoy'),
      person('citizen', 'Ana Autora'),
    ])
    const c = await challenge('voting')
    const first = await idea(c.id, author, 'Pago con QR', 5)
    const second = await idea(c.id, author, 'Turnos en línea', 2)
    expect((await api('PUT', `/challenges/${c.id}/evaluation`, fabiola, { criteria: [{ name: 'Impacto', description: '', weight: 100 }], voteShare: 0 })).status).toBe(200)
    expect((await api('POST', `/challenges/${c.id}/evaluation/publish`, fabiola)).status).toBe(200)
    expect((await api('PUT', `/challenges/${c.id}/jury`, fabiola, { members: [{ userId: fabiola.id }, { userId: olga.id }] })).status).toBe(200)
    expect((await api('POST', `/challenges/${c.id}/phase`, fabiola, { phase: 'evaluation' })).status).toBe(200)
    const [criterion] = await db().select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, c.id))
    const score = (who: Person, ideaId: string, value: number, rationale: string) => api('POST', `/ideas/${ideaId}/scores`, who, { scores: [{ criterionId: criterion.id, score: value, rationale }] })
    expect((await score(olga, first.id, 2, 'Olga: el QR excluye a quien no tiene teléfono.')).status).toBe(201)

    // Fabiola is a facilitator and a juror who has not scored: the API, the results page, the jury page and the selection page keep Olga's score from her.
    const view = await api('GET', `/challenges/${c.slug}/evaluation`, fabiola)
    expect(view.status).toBe(200)
    expect(view.body.ranking).toBeNull()
    expect(view.body.scoreFirst).toBe(true)
    const results = await get(`/retos/${c.slug}/resultados`, fabiola)
    expect(results.status).toBe(200)
    expect(results.text).toContain('Formas parte del jurado: verás la clasificación provisional')
    expect(results.text).not.toContain('data-testid="ranking"')
    const jury = await get(`/retos/${c.slug}/jurado`, fabiola)
    expect(jury.text).not.toContain('Olga: el QR excluye')
    const selection = await get(`/retos/${c.slug}/seleccion`, fabiola)
    expect(selection.status).toBe(200)
    expect(selection.text).toContain('Formas parte del jurado')
    expect(selection.text).not.toContain('Posición 1')
    // A facilitator who is not on the jury still sees the provisional ranking with Olga's score.
    const lab = await api('GET', `/challenges/${c.slug}/evaluation`, federico)
    expect(lab.body.scoreFirst).toBe(false)
    expect(lab.body.ranking.find((r: { ideaId: string }) => r.ideaId === first.id).criteria[0].scores).toEqual([2])

    // Once Fabiola has scored everything she may score, she sees it all.
    expect((await score(fabiola, first.id, 4, 'Fabiola: rápido de implementar.')).status).toBe(201)
    expect((await api('GET', `/challenges/${c.slug}/evaluation`, fabiola)).body.ranking).toBeNull()
    expect((await score(fabiola, second.id, 3, 'Fabiola: útil.')).status).toBe(201)
    const after = await api('GET', `/challenges/${c.slug}/evaluation`, fabiola)
    expect(after.body.scoreFirst).toBe(false)
    expect(after.body.ranking.find((r: { ideaId: string }) => r.ideaId === first.id).criteria[0].scores.sort()).toEqual([2, 4])
    expect((await get(`/retos/${c.slug}/jurado`, fabiola)).text).toContain('Olga: el QR excluye')
  })

  test('someone without the permission gets 403 for a bad body too, on every evaluation form and API call', async () => {
    const [facilitator, citizen, juror, author] = await Promise.all([
      person('facilitator', 'Fabiola Facilitadora'),
      person('citizen', 'Carlos Ciudadano'),
      person('citizen', 'Julia Jurado'),
      person('citizen', 'Ana Autora'),
    ])
    const c = await challenge('evaluation')
    const shortlisted = await idea(c.id, author, 'Pago con QR', 5)
    expect((await api('PUT', `/challenges/${c.id}/jury`, facilitator, { members: [{ userId: juror.id }] })).status).toBe(200)
    const bad = { criteria: 'no', voteShare: 'mucho', members: 7, decisions: 'x', scores: [{ criterionId: 'x', score: 99 }] }
    for (const [method, path] of [
      ['PUT', `/challenges/${c.id}/evaluation`],
      ['PUT', `/challenges/${c.id}/jury`],
      ['POST', `/challenges/${c.id}/selection`],
      ['POST', `/ideas/${shortlisted.id}/scores`],
    ] as const) {
      const r = await api(method, path, citizen, bad)
      expect(r.status, `${method} ${path}`).toBe(403)
      expect(r.body.error.code).toBe('forbidden')
    }
    // A juror sending a bad body is told what is wrong (400): they may score.
    expect((await api('POST', `/ideas/${shortlisted.id}/scores`, juror, bad)).status).toBe(400)
    const forms: [string, Record<string, string>][] = [
      [`/retos/${c.slug}/evaluacion`, { intent: 'criteria', 'name.0': '', 'weight.0': 'mucho', voteShare: '900' }],
      [`/retos/${c.slug}/evaluacion`, { intent: 'addJuror', email: 'no-es-correo', affiliation: '' }],
      [`/retos/${c.slug}/evaluacion`, { intent: 'reopen', reason: '' }],
      [`/retos/${c.slug}/evaluacion`, { intent: 'shortlist', ideaId: 'no-es-un-id' }],
      [`/retos/${c.slug}/seleccion`, { [`decision.${shortlisted.id}`]: 'quizá' }],
      [`/retos/${c.slug}/jurado`, { ideaId: shortlisted.id, 'score.x': '99' }],
    ]
    for (const [path, fields] of forms) expect((await post(path, fields, citizen)).status, `${path} ${fields.intent ?? ''}`).toBe(403)
    expect(await db().select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, c.id))).toHaveLength(0)
  })
})

describe('demo data', () => {
  test('a challenge in piloting with published criteria, a jury with civil society, complete scores and the selection of the top of the ranking', async () => {
    const fresh = await createTestDatabase()
    try {
      await seedDemoData(fresh.db)
      const slug = 'declarar-impuestos-sin-complicaciones'
      const [c] = await fresh.db.select().from(challenges).where(eq(challenges.slug, slug))
      expect(c.phase).toBe('piloting')
      const [evaluation] = await fresh.db.select().from(evaluations).where(eq(evaluations.challengeId, c.id))
      expect(evaluation.publishedAt).not.toBeNull()
      expect(evaluation.selectedAt).not.toBeNull()
      const criteria = await fresh.db.select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, c.id))
      expect(criteria.map((x) => [x.name, x.weight])).toEqual(
        expect.arrayContaining([
          ['Impacto ciudadano', 30],
          ['Factibilidad', 25],
          ['Costo', 15],
          ['Equidad', 15],
          ['Innovación', 15],
        ]),
      )
      const jury = await fresh.db.select().from(juryMembers).where(eq(juryMembers.challengeId, c.id))
      expect(jury.map((j) => j.affiliation).join(' ')).toContain('Sociedad civil')
      const shortlist = await fresh.db.select().from(ideas).where(eq(ideas.challengeId, c.id))
      const scores = await fresh.db.select().from(juryScores).where(eq(juryScores.challengeId, c.id))
      expect(scores).toHaveLength(shortlist.length * jury.length * criteria.length)
      expect(scores.every((s) => s.rationale.length > 20)).toBe(true)
      const ranking = computeRanking({
        criteria,
        voteShare: evaluation.voteShare,
        ideas: shortlist.map((i) => ({ id: i.id, title: i.title, votes: i.voteTotal })),
        scores,
        expectedJurors: Object.fromEntries(shortlist.map((i) => [i.id, jury.map((j) => j.userId)])),
      })
      const decisions = await fresh.db.select().from(selectionDecisions).where(eq(selectionDecisions.challengeId, c.id))
      const selected = decisions.filter((d) => d.selected).map((d) => d.ideaId)
      expect(selected.sort()).toEqual(ranking.slice(0, 2).map((r) => r.ideaId).sort())
      for (const i of shortlist) expect(i.status).toBe(selected.includes(i.id) ? 'selected' : 'not_selected')
      for (const i of shortlist) expect(i.voteTotal).toBe((await fresh.db.select().from(votes).where(eq(votes.ideaId, i.id))).length)
    } finally {
      await fresh.close()
    }
  })
})
