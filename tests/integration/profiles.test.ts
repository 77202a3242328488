import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { comments, institutions, pilots, pilotUpdates, sessionParticipants } from '#db/schema.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { insertChallenge, insertIdea } from '#tests/helpers/fixtures.ts'
import { getPage, postForm } from '#tests/helpers/forms.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { sessionHelpers } from '#tests/helpers/sessions.ts'
import { pageText } from '#tests/helpers/html.ts'

const PASSWORD = 'una-clave-larga-1'
type Person = { id: string; name: string; email: string; cookie: string }

let server: TestServer
const db = () => server.database.db

async function person(name: string, role: 'citizen' | 'official' = 'citizen', institutionId: string | null = null): Promise<Person> {
  const email = uniqueEmail('perfil')
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId, language: 'es' })
  const { response, status } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, email, cookie: cookieFrom(response, 'cocrea_session')! }
}

const text = pageText
/** The links to profiles on a page: their targets and their texts. */
const profileLinks = (html: string) => [...html.matchAll(/<a[^>]*href="\/personas\/([0-9a-f-]{36})"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ id: m[1], text: m[2] }))

let ana: Person
let carlos: Person
let bea: Person
let publicIdea: { id: string; title: string }
let challengeSlug: string
let challengeId: string
const helpers = sessionHelpers(() => server)

beforeAll(async () => {
  server = await startTestServer()
  const [minfin] = await db().insert(institutions).values({ acronym: 'MINFIN', name: 'Ministerio de Finanzas Públicas', slug: `minfin-${process.pid}` }).returning()
  ana = await person('Ana Pérez')
  carlos = await person('Carlos Pop Caal', 'official', minfin.id)
  bea = await person('Bea Sic')

  const open = await insertChallenge(db(), { title: '¿Cómo podríamos pagar impuestos desde el teléfono?', institutionId: minfin.id, phase: 'open' })
  challengeSlug = open.slug
  challengeId = open.id
  const draft = await insertChallenge(db(), { title: 'Un reto todavía en borrador', institutionId: minfin.id, phase: 'draft' })
  publicIdea = await insertIdea(db(), { challengeId: open.id, createdBy: ana.id, title: 'Pagar con un código QR' })
  await insertIdea(db(), { challengeId: open.id, createdBy: ana.id, title: 'Una idea oculta por moderación', status: 'hidden' })
  await insertIdea(db(), { challengeId: draft.id, createdBy: ana.id, title: 'Una idea en un reto borrador' })
  await db()
    .insert(comments)
    .values([
      { targetType: 'idea', targetId: publicIdea.id, authorId: ana.id, body: 'Sumo: que funcione sin datos móviles.' },
      { targetType: 'challenge', targetId: draft.id, authorId: ana.id, body: 'Comentario en un borrador que nadie ve.' },
      { targetType: 'idea', targetId: publicIdea.id, authorId: ana.id, body: 'Un comentario que borré.', deletedAt: new Date() },
      { targetType: 'idea', targetId: publicIdea.id, authorId: bea.id, body: 'Comentario de Bea antes de irse.' },
    ])
  const [pilot] = await db()
    .insert(pilots)
    .values({ slug: `pago-qr-${process.pid}`, title: 'Piloto de pago con QR', summary: 'Un piloto.', institutionId: minfin.id, leadId: carlos.id, startDate: '2026-01-01', endDate: '2026-12-31', status: 'active' })
    .returning()
  await db().insert(pilotUpdates).values({ pilotId: pilot.id, authorId: carlos.id, body: 'Arrancamos en dos municipios.' })
}, 120_000)
afterAll(() => server?.stop())

describe('public profiles (issue 11 §3)', () => {
  test('a citizen’s profile shows their public ideas and comments, and never their e-mail or private things', async () => {
    const { status, html } = await getPage(server.url, `/personas/${ana.id}`)
    expect(status).toBe(200)
    const page = text(html)
    expect(page).toContain('Ana Pérez')
    expect(page).toContain('Pagar con un código QR')
    expect(html).toContain(`href="/ideas/${publicIdea.id}"`)
    expect(page).toContain('Sumo: que funcione sin datos móviles.')
    expect(page).toContain('En «Pagar con un código QR»')
    expect(page).toContain('1 idea')
    // Not public: hidden ideas, anything on a draft challenge, deleted comments.
    expect(page).not.toContain('Una idea oculta por moderación')
    expect(page).not.toContain('Una idea en un reto borrador')
    expect(page).not.toContain('Comentario en un borrador que nadie ve.')
    expect(page).not.toContain('Un comentario que borré.')
    // Never the e-mail address, nor its local part, nor a citizen's role.
    expect(html).not.toContain(ana.email)
    expect(html).not.toContain(ana.email.split('@')[0])
    expect(html).not.toContain('@ejemplo.gt')
    expect(page).not.toContain('Ciudadanía')
  })

  test('an official’s profile shows their role, institution and the pilots they lead', async () => {
    const { status, html } = await getPage(server.url, `/personas/${carlos.id}`)
    expect(status).toBe(200)
    const role = /data-testid="profile-role"[^>]*>([^<]*)</.exec(html)![1]
    expect(role).toBe('Funcionaria o funcionario · Ministerio de Finanzas Públicas (MINFIN)')
    expect(text(html)).toContain('Piloto de pago con QR')
    expect(html).not.toContain(carlos.email)
  })

  test('author names link to the profile: idea authors, commenters, pilot update authors and leads', async () => {
    const idea = await getPage(server.url, `/ideas/${publicIdea.id}`)
    expect(profileLinks(idea.html)).toEqual(expect.arrayContaining([{ id: ana.id, text: 'Ana Pérez' }]))
    // Ana twice: as the author and as a commenter.
    expect(profileLinks(idea.html).filter((l) => l.id === ana.id).length).toBeGreaterThanOrEqual(2)
    const list = await getPage(server.url, `/retos/${challengeSlug}`)
    expect(profileLinks(list.html)).toContainEqual({ id: ana.id, text: 'Ana Pérez' })
    const pilot = await getPage(server.url, `/pilotos/pago-qr-${process.pid}`)
    expect(profileLinks(pilot.html).filter((l) => l.id === carlos.id).length).toBeGreaterThanOrEqual(2)
  })

  test('in English the profile says the same in English', async () => {
    const { html } = await getPage(server.url, `/personas/${carlos.id}`, { 'accept-language': 'en' })
    expect(text(html)).toContain('Pilots they lead')
    expect(/data-testid="profile-role"[^>]*>([^<]*)</.exec(html)![1]).toContain('Ministerio de Finanzas Públicas (MINFIN)')
  })

  test('a deleted account has no profile, and its contributions say "Cuenta eliminada" without a link', async () => {
    expect((await getPage(server.url, `/personas/${bea.id}`)).status).toBe(200)
    const deleted = await postForm(server.url, '/settings', { intent: 'delete', currentPassword: PASSWORD }, { cookie: bea.cookie })
    expect(deleted.status).toBe(302)

    const gone = await getPage(server.url, `/personas/${bea.id}`)
    expect(gone.status).toBe(410)
    expect(text(gone.html)).toContain('Cuenta eliminada')
    expect(gone.html).not.toContain('data-testid="profile"')
    expect(gone.html).not.toContain('Bea Sic')

    const idea = await getPage(server.url, `/ideas/${publicIdea.id}`)
    expect(text(idea.html)).toContain('Comentario de Bea antes de irse.')
    expect(text(idea.html)).toContain('Cuenta eliminada')
    expect(idea.html).not.toContain(`/personas/${bea.id}`)
  })

  test('the person chooses what else shows: a few words about them, and the sessions they took part in', async () => {
    const facilitator = await helpers.person('facilitator', 'Facilitadora')
    const session = await helpers.schedule(facilitator, challengeId, { title: 'Taller de pagos sin filas' })
    await db().insert(sessionParticipants).values({ sessionId: session.id, userId: ana.id })
    // By default: no words, no sessions.
    let page = await getPage(server.url, `/personas/${ana.id}`)
    expect(page.html).not.toContain('data-testid="profile-bio"')
    expect(text(page.html)).not.toContain('Taller de pagos sin filas')

    const settings = await getPage(server.url, '/settings', { cookie: ana.cookie })
    expect(text(settings.html)).toContain('Perfil público')
    const tooLong = await postForm(server.url, '/settings', { intent: 'public-profile', bio: 'x'.repeat(281) }, { cookie: ana.cookie })
    expect(tooLong.status).toBe(400)
    expect(text(tooLong.html)).toContain('El texto es demasiado largo.')
    // A NUL byte (PostgreSQL cannot store it) is refused with a message, not a server error.
    const withNul = await postForm(server.url, '/settings', { intent: 'public-profile', bio: 'hola\u0000mundo' }, { cookie: ana.cookie })
    expect(withNul.status).toBe(400)
    const saved = await postForm(server.url, '/settings', { intent: 'public-profile', bio: 'Contadora en Cobán; me interesan los trámites en línea.', showSessions: 'on' }, { cookie: ana.cookie })
    expect(saved.status).toBe(302)

    page = await getPage(server.url, `/personas/${ana.id}`)
    expect(/data-testid="profile-bio"[^>]*>([^<]*)</.exec(page.html)![1]).toBe('Contadora en Cobán; me interesan los trámites en línea.')
    expect(text(page.html)).toContain('Sesiones de co-creación en las que participó')
    expect(text(page.html)).toContain('Taller de pagos sin filas')

    // Unticking hides the sessions again.
    await postForm(server.url, '/settings', { intent: 'public-profile', bio: '' }, { cookie: ana.cookie })
    page = await getPage(server.url, `/personas/${ana.id}`)
    expect(text(page.html)).not.toContain('Taller de pagos sin filas')
    expect(page.html).not.toContain('data-testid="profile-bio"')
  })

  test('an unknown or malformed id is a plain 404', async () => {
    expect((await getPage(server.url, '/personas/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await getPage(server.url, '/personas/no-es-un-id')).status).toBe(404)
  })
})
