import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { eq } from 'drizzle-orm'
import { institutions, sessionParticipants, users } from '#db/schema.ts'
import { insertChallenge, insertIdea } from '#tests/helpers/fixtures.ts'
import { getPage } from '#tests/helpers/forms.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { sessionHelpers, type Person } from '#tests/helpers/sessions.ts'
import { pageText } from '#tests/helpers/html.ts'

let server: TestServer
const { person, api, schedule } = sessionHelpers(() => server)
const db = () => server.database.db

const text = pageText
function section(html: string, id: string) {
  const match = new RegExp(`<section[^>]*data-testid="activity-${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)
  expect(match, `section ${id}`).not.toBeNull()
  return text(match![1])
}

let ana: Person
let beto: Person

beforeAll(async () => {
  server = await startTestServer()
  ana = await person('citizen', 'Ana Pérez')
  beto = await person('citizen', 'Beto Chávez')
}, 120_000)
afterAll(() => server?.stop())

describe('Mi actividad (issue 11 §3)', () => {
  test('signed out, it asks to sign in', async () => {
    const page = await getPage(server.url, '/mi-actividad')
    expect(page.status).toBe(302)
    expect(page.response.headers.get('location')).toMatch(/^\/login/)
  })

  test('a new person sees empty sections that say what is true', async () => {
    const { status, html } = await getPage(server.url, '/mi-actividad', beto.cookie)
    expect(status).toBe(200)
    expect(section(html, 'ideas')).toContain('Todavía no propusiste ideas.')
    expect(section(html, 'votes')).toContain('Todavía no votaste.')
    expect(section(html, 'sessions')).toContain('Todavía no participaste en una sesión de co-creación.')
    expect(section(html, 'follows')).toContain('Todavía no sigues nada.')
    expect(section(html, 'changes')).toContain('Nada nuevo por ahora.')
  })

  test('my ideas and their status, my votes and remaining budget, my sessions, what I follow, and what changed', async () => {
    const [inst] = await db().insert(institutions).values({ acronym: 'SAT', name: 'Superintendencia de Administración Tributaria', slug: `sat-${process.pid}` }).returning()
    const open = await insertChallenge(db(), { title: '¿Cómo podríamos pagar impuestos desde el teléfono?', institutionId: inst.id, phase: 'open' })
    const voting = await insertChallenge(db(), { title: '¿Cómo podríamos acortar las filas del DPI?', institutionId: inst.id, phase: 'voting', votingMethod: 'dots', votingBudget: 3, votingMaxPerIdea: 2 })
    const mine = await insertIdea(db(), { challengeId: open.id, createdBy: ana.id, title: 'Pagar con un código QR' })
    const theirs = await insertIdea(db(), { challengeId: voting.id, createdBy: beto.id, title: 'Citas por WhatsApp' })

    // Ana spends 2 of her 3 dots, follows the idea (as authors do) and the voting challenge.
    expect((await api('PUT', `/ideas/${theirs.id}/vote`, ana, { count: 2 })).status).toBe(200)
    expect((await api('PUT', `/follows/idea/${mine.id}`, ana)).status).toBe(200)
    expect((await api('PUT', `/follows/challenge/${voting.id}`, ana)).status).toBe(200)
    // She took part in a session.
    const facilitator = await person('facilitator', 'Facilitadora')
    const session = await schedule(facilitator, open.id, { title: 'Taller de pagos en línea' })
    await db().insert(sessionParticipants).values({ sessionId: session.id, userId: ana.id })
    // Beto comments on Ana's idea: she follows it, so it is news for her.
    expect((await api('POST', `/ideas/${mine.id}/comments`, beto, { body: 'Me gusta, ¿y sin internet?' })).status).toBe(201)

    const { html } = await getPage(server.url, '/mi-actividad', ana.cookie)
    expect(section(html, 'ideas')).toContain('Pagar con un código QR')
    expect(section(html, 'ideas')).toContain('Publicada')
    expect(section(html, 'votes')).toContain('¿Cómo podríamos acortar las filas del DPI?')
    expect(section(html, 'votes')).toContain('Usaste 2 de 3 votos: te quedan 1.')
    expect(section(html, 'votes')).toContain('2 en «Citas por WhatsApp»')
    expect(section(html, 'sessions')).toContain('Taller de pagos en línea')
    expect(section(html, 'follows')).toContain('Pagar con un código QR')
    expect(section(html, 'follows')).toContain('¿Cómo podríamos acortar las filas del DPI?')
    expect(section(html, 'changes')).toContain('Beto Chávez')
    expect(section(html, 'changes')).toContain('Pagar con un código QR')
    // Her public profile is one click away; the header links here.
    expect(html).toContain(`href="/personas/${ana.id}"`)
    expect(html).toMatch(/<a[^>]*href="\/mi-actividad"[^>]*>Mi actividad<\/a>/)

    // Beto's page shows none of Ana's things.
    const other = await getPage(server.url, '/mi-actividad', beto.cookie)
    expect(section(other.html, 'ideas')).toContain('Citas por WhatsApp')
    expect(text(other.html)).not.toContain('Taller de pagos en línea')
    // Beto has not voted in the challenge that is voting now: the page says what he still has.
    expect(section(other.html, 'votes')).toContain('¿Cómo podríamos acortar las filas del DPI? Todavía no votaste aquí: tienes 3 votos.')
  })

  test('in English, for someone whose language is English', async () => {
    await db().update(users).set({ language: 'en' }).where(eq(users.id, ana.id))
    const { html } = await getPage(server.url, '/mi-actividad', ana.cookie)
    expect(section(html, 'votes')).toContain('You used 2 of 3 votes: 1 left.')
  })
})
