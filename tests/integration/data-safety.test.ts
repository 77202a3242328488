import { and, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { addFrame, addNote } from '#app/board/model.ts'
import { getT } from '#app/i18n/i18n.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { challenges, evaluationCriteria, ideas, kpis, milestones, pilots, users } from '#db/schema.ts'
import { createUserCommand } from '#server/admin-commands.ts'
import { boardClient, type BoardClient } from '#tests/helpers/boards.ts'
import { insertChallenge, insertIdea, insertInstitution } from '#tests/helpers/fixtures.ts'
import { getPage, postForm } from '#tests/helpers/forms.ts'
import { postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { parseCsv } from '#tests/helpers/csv.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { sessionHelpers } from '#tests/helpers/sessions.ts'

/**
 * Issue 9, data that leaves the platform: CSV files that a spreadsheet can't turn into formulas
 * (point 10), exports and summaries that respect moderation (point 12), and passwords that are
 * not trivially guessed (point 14).
 */

let server: TestServer
const clients: BoardClient[] = []

const db = () => server.database.db

const { person, api, liveSession } = sessionHelpers(() => server)

beforeAll(async () => {
  // Many sign-ups from one address here: the per-address limit is not what these tests are about.
  server = await startTestServer({ rateLimits: { signUpPerIp: { points: 1000, durationSeconds: 3600 } } })
})
afterEach(() => {
  for (const c of clients.splice(0)) c.close()
})
afterAll(async () => {
  await server?.stop()
})

const FORMULAS = ['=HYPERLINK("http://example.org/robo","clic")', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '+1+1', '\t=1+1', '\r=1+1']
const NUMBER = /^-?\d+(\.\d+)?$/

describe('CSV exports (issue 9, point 10)', () => {
  test('no cell of any CSV export starts a formula, numbers stay numbers, and every file is a download', async () => {
    const facilitator = await person('facilitator', 'Fabiola Facilitadora')
    const citizen = await person('citizen', '=Carla Fórmula')
    const juror = await person('citizen', 'Julia Jurado')
    await db().update(users).set({ name: '=Carla Fórmula' }).where(eq(users.id, citizen.id))
    const institution = await insertInstitution(db())

    // Ideas through the API, with formula-like titles and descriptions.
    const open = await insertChallenge(db(), { title: '=HYPERLINK("http://example.org","reto")', phase: 'open', institutionId: institution.id })
    for (const title of FORMULAS) {
      const r = await api('POST', `/challenges/${open.id}/ideas`, citizen, { title: `${title} idea`, description: `${title} descripción` })
      expect(r.status, title).toBe(201)
    }

    // A pilot: an update through the API, a KPI with a formula name and a negative measurement (a number).
    const [pilot] = await db()
      .insert(pilots)
      .values({ slug: `piloto-${Date.now()}`, title: '@Piloto', summary: 'x', institutionId: institution.id, leadId: facilitator.id, startDate: '2026-01-01', endDate: '2026-12-31', statusReason: '-motivo' })
      .returning()
    expect((await api('POST', `/pilots/${pilot.id}/updates`, facilitator, { body: '@SUM(1+1)*cmd|\' /C calc\'!A0', progress: 10 })).status).toBe(201)
    await db().insert(milestones).values({ pilotId: pilot.id, title: '=HYPERLINK("http://example.org","hito")', weight: 100, dueDate: '2026-06-30' })
    const [kpi] = await db().insert(kpis).values({ pilotId: pilot.id, name: '=1+1', unit: '-%', baseline: '-5', target: '10' }).returning()
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    expect((await api('POST', `/pilots/${pilot.id}/kpis/${kpi.id}/measurements`, facilitator, { measuredOn: yesterday, value: -2, note: '=nota' })).status).toBe(201)

    // An evaluation with a formula criterion, idea title and rationale, public (the challenge is in piloting).
    const evaluated = await insertChallenge(db(), { title: 'Reto evaluado', phase: 'evaluation', institutionId: institution.id })
    const shortlisted = await insertIdea(db(), { challengeId: evaluated.id, createdBy: citizen.id, title: '-1+1 idea preseleccionada', status: 'shortlisted' })
    expect((await api('PUT', `/challenges/${evaluated.id}/evaluation`, facilitator, { criteria: [{ name: '+Impacto', description: '=desc', weight: 100 }], voteShare: 0 })).status).toBe(200)
    expect((await api('POST', `/challenges/${evaluated.id}/evaluation/publish`, facilitator)).status).toBe(200)
    expect((await api('PUT', `/challenges/${evaluated.id}/jury`, facilitator, { members: [{ userId: juror.id, affiliation: '@Sociedad civil' }] })).status).toBe(200)
    const [criterion] = await db().select().from(evaluationCriteria).where(eq(evaluationCriteria.challengeId, evaluated.id))
    expect((await api('POST', `/ideas/${shortlisted.id}/scores`, juror, { scores: [{ criterionId: criterion.id, score: 4, rationale: '=HYPERLINK("http://example.org","ver")' }] })).status).toBe(201)
    await db().update(challenges).set({ phase: 'piloting' }).where(eq(challenges.id, evaluated.id))

    const files = [
      '/datos/retos.csv',
      '/datos/ideas.csv',
      '/datos/pilotos.csv',
      '/datos/hitos.csv',
      '/datos/indicadores.csv',
      '/datos/avances.csv',
      `/datos/retos/${evaluated.slug}/criterios.csv`,
      `/datos/retos/${evaluated.slug}/puntajes.csv`,
      `/datos/retos/${evaluated.slug}/ranking.csv`,
    ]
    const parsed: Record<string, string[][]> = {}
    for (const path of files) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type'), path).toBe('text/csv; charset=utf-8')
      expect(response.headers.get('content-disposition'), path).toMatch(/^attachment; filename="[\w.-]+\.csv"$/)
      const rows = parseCsv(await response.text())
      expect(rows.length, path).toBeGreaterThan(1)
      for (const row of rows) for (const cell of row) if (!NUMBER.test(cell)) expect(cell, `${path}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/)
      parsed[path] = rows
    }
    const cells = (path: string) => parsed[path].flat()
    // The text is all there, behind an apostrophe.
    // (Titles are trimmed when saved: a leading tab or carriage return is gone, the formula behind it is guarded.)
    for (const title of FORMULAS) expect(cells('/datos/ideas.csv')).toContain(`'${title.trim()} idea`)
    expect(cells('/datos/ideas.csv')).toContain("'=Carla Fórmula")
    expect(cells('/datos/retos.csv')).toContain(`'=HYPERLINK("http://example.org","reto")`)
    expect(cells('/datos/avances.csv')).toContain("'@SUM(1+1)*cmd|' /C calc'!A0")
    expect(cells('/datos/pilotos.csv')).toContain("'-motivo")
    expect(cells('/datos/hitos.csv')).toContain(`'=HYPERLINK("http://example.org","hito")`)
    // A measurement of −2 is the number −2; the KPI's name is text.
    const [header, ...kpiRows] = parsed['/datos/indicadores.csv']
    const kpiRow = Object.fromEntries(header.map((h, i) => [h, kpiRows.find((r) => r.includes(kpi.id))![i]]))
    expect(kpiRow).toMatchObject({ kpi: "'=1+1", unit: "'-%", baseline: '-5', target: '10', value: '-2', note: "'=nota" })
    expect(cells(`/datos/retos/${evaluated.slug}/criterios.csv`)).toEqual(expect.arrayContaining(["'+Impacto", "'=desc"]))
    expect(cells(`/datos/retos/${evaluated.slug}/puntajes.csv`)).toEqual(expect.arrayContaining(["'-1+1 idea preseleccionada", "'@Sociedad civil", `'=HYPERLINK("http://example.org","ver")`]))
    expect(cells(`/datos/retos/${evaluated.slug}/ranking.csv`)).toContain("'-1+1 idea preseleccionada")
  })
})

describe('moderation in session exports and summaries (issue 9, point 12)', () => {
  test('an idea promoted from a note and then hidden is absent from the SVG, the CSV, the session page and the API for a reader; a moderator still sees it', async () => {
    const facilitator = await person('facilitator', 'Fabiola Facilitadora')
    const citizen = await person('citizen', 'Carlos Ciudadano')
    const institution = await insertInstitution(db())
    const challenge = await insertChallenge(db(), { title: 'Reducir la espera', phase: 'cocreation', institutionId: institution.id })
    const session = await liveSession(facilitator, challenge.id, { title: 'Taller moderado' })

    const board = boardClient(server.url, session.boardId, { token: citizen.token })
    clients.push(board)
    await board.synced
    const SECRET = 'Datos personales de la vecina Rosa'
    const KEPT = 'Turnos por WhatsApp'
    const secretNote = addNote(board.doc, { x: 40, y: 40, text: SECRET, author: { key: `user:${citizen.id}`, name: citizen.name } })
    const keptNote = addNote(board.doc, { x: 300, y: 40, text: KEPT, author: { key: `user:${citizen.id}`, name: citizen.name } })
    // A frame promoted with its notes: the notes are the idea's description.
    const FRAME = 'Grupo con datos de Rosa'
    const IN_FRAME = 'Rosa vive en la zona 7'
    const frame = addFrame(board.doc, { x: 600, y: 0, w: 400, h: 300, text: FRAME, author: { key: `user:${citizen.id}`, name: citizen.name } })
    addNote(board.doc, { x: 620, y: 40, text: IN_FRAME, author: { key: `user:${citizen.id}`, name: citizen.name }, frameId: frame })
    await vi.waitFor(
      async () => {
        const page = await fetch(`${server.url}/sesiones/${session.id}/notas.csv`, { headers: facilitator.cookie })
        const texts = parseCsv(await page.text()).map((r) => r[2])
        expect(texts, 'the notes on the server').toEqual(expect.arrayContaining([SECRET, KEPT, IN_FRAME]))
      },
      { timeout: 5000, interval: 20 },
    )

    const promote = async (elementId: string, title: string) => {
      const r = await postForm(server.url, `/sesiones/${session.id}/promover`, { elementId, redirectTo: `/sesiones/${session.id}` }, facilitator.cookie)
      expect(r.status).toBe(303)
      const [row] = await db().select().from(ideas).where(and(eq(ideas.challengeId, challenge.id), eq(ideas.title, title)))
      expect(row, title).toBeDefined()
      return row
    }
    const hiddenIdea = await promote(secretNote, SECRET)
    await promote(keptNote, KEPT)
    const hiddenFrameIdea = await promote(frame, FRAME)
    for (const idea of [hiddenIdea, hiddenFrameIdea]) {
      const hide = await postForm(server.url, '/moderacion', { intent: 'hide', target: `idea:${idea.id}`, reason: 'Datos personales de otra persona.' }, facilitator.cookie)
      expect(hide.status).toBe(302)
    }
    expect((await db().select().from(ideas).where(eq(ideas.id, hiddenIdea.id)))[0].status).toBe('hidden')
    expect((await api('POST', `/sessions/${session.id}/end`, facilitator)).status).toBe(200)

    // An anonymous reader and a citizen: the title (also the note's text) appears nowhere; the rest does.
    for (const who of [{}, citizen.cookie]) {
      const svg = await getPage(server.url, `/sesiones/${session.id}/tablero.svg`, who)
      expect(svg.status).toBe(200)
      // Every hidden text names Rosa, and nothing else does (the SVG wraps long lines, so whole sentences are not enough).
      for (const secret of [SECRET, FRAME, IN_FRAME, 'Rosa']) expect(svg.html).not.toContain(secret)
      expect(svg.html).toContain(KEPT)
      const csv = await getPage(server.url, `/sesiones/${session.id}/notas.csv`, who)
      expect(csv.status).toBe(200)
      for (const secret of [SECRET, FRAME, IN_FRAME, 'Rosa']) expect(csv.html).not.toContain(secret)
      expect(csv.html).toContain(KEPT)
      expect(parseCsv(csv.html).find((r) => r[0] === secretNote)).toEqual([secretNote, '', '(oculto por moderación)', '', 'amarillo', '0', ''])
      const page = await getPage(server.url, `/sesiones/${session.id}`, who)
      expect(page.status).toBe(200)
      expect(page.html).toContain('data-testid="session-summary"')
      for (const secret of [SECRET, FRAME, IN_FRAME, 'Rosa']) expect(page.html).not.toContain(secret)
      expect(page.html).toContain('Idea oculta por moderación')
      expect(page.html).toContain(KEPT)
      const fromApi = await fetch(`${server.url}/api/v1/sessions/${session.id}`, { headers: who })
      expect(fromApi.status).toBe(200)
      expect(await fromApi.text()).not.toContain(SECRET)
    }
    // The PNG is drawn from the same data: it still renders.
    expect((await getPage(server.url, `/sesiones/${session.id}/tablero.png`)).status).toBe(200)
    // Moderators see what they hid.
    expect((await getPage(server.url, `/sesiones/${session.id}/notas.csv`, facilitator.cookie)).html).toContain(SECRET)
    expect((await getPage(server.url, `/sesiones/${session.id}`, facilitator.cookie)).html).toContain(SECRET)
    expect((await getPage(server.url, `/sesiones/${session.id}/notas.csv`, facilitator.cookie)).html).toContain(IN_FRAME)
    expect((await getPage(server.url, `/sesiones/${session.id}/tablero.svg`, facilitator.cookie)).html).toContain('Rosa')
  })
})

describe('passwords (issue 9, point 14)', () => {
  const BAD: [string, string, string][] = [
    [' '.repeat(10), 'La contraseña no puede ser solo espacios.', 'The password cannot be only spaces.'],
    ['\0'.repeat(10), 'La contraseña no puede llevar caracteres de control (como saltos de línea o tabuladores).', 'The password cannot contain control characters (such as line breaks or tabs).'],
    ['clave\nlarga-de-verdad', 'La contraseña no puede llevar caracteres de control (como saltos de línea o tabuladores).', 'The password cannot contain control characters (such as line breaks or tabs).'],
    ['1234567890', 'Esta contraseña es demasiado común o fácil de adivinar.', 'This password is too common or easy to guess.'],
    ['qwertyuiop', 'Esta contraseña es demasiado común o fácil de adivinar.', 'This password is too common or easy to guess.'],
    ['password123', 'Esta contraseña es demasiado común o fácil de adivinar.', 'This password is too common or easy to guess.'],
    ['aaaaaaaaaaaa', 'Esta contraseña es demasiado común o fácil de adivinar.', 'This password is too common or easy to guess.'],
  ]
  const GOOD = 'una frase bastante larga'

  test('POST /users refuses each bad password with a 400 and a message in the reader’s language; a good one still works', async () => {
    for (const [password, es, en] of BAD) {
      const spanish = await postJson(`${server.url}/api/v1/users`, { email: uniqueEmail('clave'), password, name: 'Ana Pérez' })
      expect(spanish.status, JSON.stringify(password)).toBe(400)
      expect(spanish.body.error.fields.password.join(' '), JSON.stringify(password)).toContain(es)
      const english = await postJson(`${server.url}/api/v1/users`, { email: uniqueEmail('clave'), password, name: 'Ana Pérez' }, { 'accept-language': 'en' })
      expect(english.status).toBe(400)
      expect(english.body.error.fields.password.join(' ')).toContain(en)
    }
    // The person's own e-mail is as easy to guess as a common password.
    const email = uniqueEmail('mipropiocorreo')
    expect((await postJson(`${server.url}/api/v1/users`, { email, password: email, name: 'Ana Pérez' })).status).toBe(400)
    const ok = await postJson(`${server.url}/api/v1/users`, { email, password: GOOD, name: 'Ana Pérez' })
    expect(ok.status).toBe(201)
    expect((await postJson(`${server.url}/api/v1/session`, { email, password: GOOD })).status).toBe(200)
  })

  test('the sign-up form, the admin page, the settings page and the admin command refuse them too', async () => {
    for (const [password, es] of BAD) {
      const email = uniqueEmail('formulario')
      const form = await postForm(server.url, '/signup', { name: 'Ana Pérez', email, password, acceptTerms: 'on' })
      expect(form.status, JSON.stringify(password)).toBe(400)
      expect(form.html).toContain(es)
      expect(await db().select().from(users).where(eq(users.email, email))).toHaveLength(0)
    }
    const english = await postForm(server.url, '/signup', { name: 'Ana Pérez', email: uniqueEmail('form'), password: '1234567890', acceptTerms: 'on' }, { 'accept-language': 'en' })
    expect(english.status).toBe(400)
    expect(english.html).toContain('This password is too common or easy to guess.')
    const signedUp = await postForm(server.url, '/signup', { name: 'Ana Pérez', email: uniqueEmail('form'), password: GOOD, acceptTerms: 'on' })
    expect(signedUp.status).toBe(302)

    const admin = await person('admin', 'Adela Admin')
    const created = await postForm(server.url, '/admin/usuarios/nueva', { name: 'Olga Oficial', email: uniqueEmail('admin'), password: 'qwertyuiop', role: 'citizen', institutionId: '' }, admin.cookie)
    expect(created.status).toBe(400)
    expect(created.html).toContain('Esta contraseña es demasiado común o fácil de adivinar.')

    const change = await postForm(server.url, '/settings', { intent: 'password', currentPassword: 'una-clave-larga', newPassword: '1234567890', confirmPassword: '1234567890' }, admin.cookie)
    expect(change.status).toBe(400)
    expect(change.html).toContain('Esta contraseña es demasiado común o fácil de adivinar.')

    // The admin command (its messages are translated with LANG by server/admin-cli.ts).
    const refused = await createUserCommand({ email: uniqueEmail('cli'), password: '1234567890', name: 'Carlos Comando', role: 'citizen' }).catch((e: unknown) => e)
    expect(isDomainError(refused) && refused.details.fields?.password).toEqual(['validation.passwordCommon'])
    expect(getT('en')('validation.passwordCommon')).toContain('This password is too common')
    const spaces = await createUserCommand({ email: uniqueEmail('cli'), password: ' '.repeat(12), name: 'Carlos Comando', role: 'citizen' }).catch((e: unknown) => e)
    expect(isDomainError(spaces) && spaces.details.fields?.password).toEqual(['validation.passwordBlank'])
    const made = await createUserCommand({ email: uniqueEmail('cli'), password: GOOD, name: 'Carlos Comando', role: 'citizen' })
    expect(made.user.name).toBe('Carlos Comando')
  })
})
