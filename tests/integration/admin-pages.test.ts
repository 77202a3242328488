import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditLog, institutions, users, type Language, type Role } from '#db/schema.ts'
import { createInstitution } from '#app/services/accounts/institutions.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { expectLabelledControls } from '#tests/helpers/html.ts'

const PASSWORD = 'una-clave-larga-1'

let server: TestServer
let admin: { id: string; name: string; cookie: string }

beforeAll(async () => {
  server = await startTestServer()
  admin = await signedInUser('admin', 'Alma Administradora')
})
afterAll(() => server?.stop())

/** An account made directly in this file's database (as the admin command does), signed in through the API. */
async function signedInUser(role: Role, name: string, options: { language?: Language; institutionId?: string | null } = {}) {
  const email = uniqueEmail(role)
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: options.institutionId ?? null, language: options.language })
  const { response, status } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, email, cookie: cookieFrom(response, 'cocrea_session')! }
}

function get(path: string, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } })
}

/** A plain HTML form post, as a browser without JavaScript sends it. */
function post(path: string, fields: Record<string, string>, cookie: string | undefined = admin.cookie, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(cookie ? { cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}

async function addInstitution(acronym: string, name = `Institución ${acronym}`) {
  const [row] = await server.database.db
    .insert(institutions)
    .values({ acronym, name, slug: acronym.toLowerCase() })
    .returning()
  return row
}

const userRow = async (id: string) => (await server.database.db.select().from(users).where(eq(users.id, id)))[0]
const auditFor = (entityId: string) => server.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id)


describe('access', () => {
  test('anonymous people are sent to sign in, and come back afterwards', async () => {
    for (const path of ['/admin', '/admin/institutions', '/admin/audit']) {
      const response = await get(path)
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
    }
  })

  test('a citizen gets the 403 page, and their form posts are refused and change nothing', async () => {
    const citizen = await signedInUser('citizen', 'Ciro Ciudadano')
    for (const path of ['/admin', '/admin/institutions', '/admin/audit', `/admin/usuarios/${citizen.id}`, '/admin/usuarios/nueva']) {
      const response = await get(path, citizen.cookie)
      expect(response.status, path).toBe(403)
      const html = await response.text()
      expect(html).toContain('Acceso denegado')
      expect(html).not.toContain('Personas usuarias')
    }
    const csv = await get('/admin/audit.csv', citizen.cookie)
    expect(csv.status).toBe(403)
    expect(csv.headers.get('content-type')).toContain('text/plain')
    const auditBefore = await server.database.db.select().from(auditLog)
    const promote = await post(`/admin/usuarios/${citizen.id}`, { role: 'admin', institutionId: '' }, citizen.cookie)
    expect(promote.status).toBe(403)
    const create = await post('/admin/usuarios/nueva', { name: 'Intrusa', email: uniqueEmail('intrusa'), password: PASSWORD, role: 'admin', institutionId: '' }, citizen.cookie)
    expect(create.status).toBe(403)
    const institution = await post('/admin/institutions', { intent: 'create', acronym: 'HACK', name: 'No debería existir' }, citizen.cookie)
    expect(institution.status).toBe(403)
    expect((await userRow(citizen.id)).role).toBe('citizen')
    expect(await server.database.db.select().from(institutions).where(eq(institutions.acronym, 'HACK'))).toEqual([])
    expect(await server.database.db.select().from(auditLog)).toHaveLength(auditBefore.length)
  })

  test('a facilitator, who may read the audit log, still cannot open the admin pages', async () => {
    const facilitator = await signedInUser('facilitator', 'Fabiola Facilitadora')
    expect((await get('/admin/audit', facilitator.cookie)).status).toBe(403)
  })

  test('a post from another site is refused before it reaches the page', async () => {
    const citizen = await signedInUser('citizen', 'Otra Persona')
    const response = await post(`/admin/usuarios/${citizen.id}`, { role: 'facilitator', institutionId: '' }, admin.cookie, { origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect((await userRow(citizen.id)).role).toBe('citizen')
  })
})

describe('users page', () => {
  test('a table of people with role, institution and date, each leading to their page; no form per row', async () => {
    const institution = await addInstitution('MSPAS', 'Ministerio de Salud Pública y Asistencia Social')
    const official = await createUser('system', { email: uniqueEmail('oficial'), password: PASSWORD, name: 'Olga Oficial', role: 'official', institutionId: institution.id })
    const response = await get('/admin', admin.cookie)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<html lang="es"')
    expect(html).toContain('<title>Personas usuarias · Administración · Cocrea</title>')
    expect(html).toMatch(/aria-current="page"[^>]*>Personas usuarias</)
    expect(html).toContain(`href="/admin/usuarios/${official.id}"`)
    expect(html).toContain('Olga Oficial')
    expect(html).toContain(official.email)
    expect(html).toContain('>MSPAS<')
    expect(html).toContain('Funcionaria o funcionario')
    expect(html).toContain(formatDate(official.createdAt, 'es'))
    expect(html).toMatch(/\d+ personas/)
    expect(html).toContain('<caption')
    expect(html).toContain('href="/admin/usuarios/nueva"')
    expect(html).not.toContain('name="userId"')
    expectLabelledControls(html)
  })

  test('searches by name or e-mail and by role, a page of 25 at a time; a bad page number is a 400', async () => {
    const tag = `zz${Date.now().toString(36)}`
    await Promise.all(
      Array.from({ length: 27 }, (_, i) =>
        createUser('system', { email: uniqueEmail(tag), password: PASSWORD, name: `Persona ${tag} ${String(i).padStart(2, '0')}`, role: i === 0 ? 'facilitator' : 'citizen', institutionId: null }),
      ),
    )
    const first = await (await get(`/admin?q=${tag}`, admin.cookie)).text()
    expect(first).toContain(`27 personas coinciden con «${tag}»`)
    expect(first.match(new RegExp(`Persona ${tag} \\d\\d</a>`, 'g'))).toHaveLength(25)
    expect(first).toContain('Página 1 de 2')
    expect(first).toContain(`href="/admin?q=${tag}&amp;page=2"`)
    const second = await (await get(`/admin?q=${tag}&page=2`, admin.cookie)).text()
    expect(second.match(new RegExp(`Persona ${tag} \\d\\d</a>`, 'g'))).toHaveLength(2)
    expect(second).toContain(`Persona ${tag} 26`)

    const facilitators = await (await get(`/admin?q=${tag}&role=facilitator`, admin.cookie)).text()
    expect(facilitators).toContain(`1 persona coincide con «${tag}»`)
    expect(facilitators).toContain(`Persona ${tag} 00`)

    // `%` is a letter to find, not a wildcard.
    expect(await (await get('/admin?q=%25', admin.cookie)).text()).toContain('0 personas coinciden con «%»')
    expect((await get('/admin?page=3e21', admin.cookie)).status).toBe(400)
    expect((await get('/admin?role=emperor', admin.cookie)).status).toBe(400)
  })

  test('an admin makes someone an official of an institution on their page: stored, audited with before and after, confirmed and listed in their history', async () => {
    const institution = await addInstitution('SAT')
    const person = await signedInUser('citizen', 'Pablo Pérez')
    const page = await (await get(`/admin/usuarios/${person.id}`, admin.cookie)).text()
    expect(page).toContain('Rol e institución de Pablo Pérez')
    expect(page).toContain(`action="/admin/usuarios/${person.id}"`)
    expectLabelledControls(page)

    const response = await post(`/admin/usuarios/${person.id}`, { role: 'official', institutionId: institution.id })
    expect([302, 303]).toContain(response.status)
    expect(response.headers.get('location')).toBe(`/admin/usuarios/${person.id}`)

    const row = await userRow(person.id)
    expect(row.role).toBe('official')
    expect(row.institutionId).toBe(institution.id)
    const audit = (await auditFor(person.id)).filter((a) => a.action === 'user.set_role')
    expect(audit).toHaveLength(1)
    expect(audit[0].actorId).toBe(admin.id)
    expect(audit[0].before).toMatchObject({ role: 'citizen', institutionId: null })
    expect(audit[0].after).toMatchObject({ role: 'official', institutionId: institution.id })
    expect(JSON.stringify(audit[0])).not.toContain('argon2')

    // The flash message is shown once on the page the redirect leads to, with the change in words.
    const flash = cookieFrom(response, 'cocrea_flash')!
    const after = await (await get(`/admin/usuarios/${person.id}`, `${admin.cookie}; ${flash}`)).text()
    expect(after).toContain('Se actualizó el rol de Pablo Pérez.')
    expect(after).toContain('Cambió el rol de la persona')
    expect(after).toContain('Rol: Ciudadanía → Funcionaria o funcionario')
  })

  test('an official without an institution is refused, in Spanish, and nothing changes', async () => {
    const person = await signedInUser('citizen', 'Sofía Sin Institución')
    const auditBefore = await auditFor(person.id)
    const response = await post(`/admin/usuarios/${person.id}`, { role: 'official', institutionId: '' })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Un funcionario o funcionaria debe pertenecer a una institución.')
    expect(html.match(/debe pertenecer a una institución/g)).toHaveLength(1)
    expect(html).toContain('aria-invalid="true"')
    expect((await userRow(person.id)).role).toBe('citizen')
    expect(await auditFor(person.id)).toHaveLength(auditBefore.length)
  })

  test('an invalid role or an unknown person is refused', async () => {
    const person = await signedInUser('citizen', 'Rita Rol')
    const badRole = await post(`/admin/usuarios/${person.id}`, { role: 'emperor', institutionId: '' })
    expect(badRole.status).toBe(400)
    expect(await badRole.text()).toContain('Elige un rol válido.')
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect((await post(`/admin/usuarios/${unknown}`, { role: 'facilitator', institutionId: '' })).status).toBe(404)
    expect((await get(`/admin/usuarios/${unknown}`, admin.cookie)).status).toBe(404)
    expect((await get('/admin/usuarios/no-es-un-id', admin.cookie)).status).toBe(404)
    expect((await userRow(person.id)).role).toBe('citizen')
  })

  test('an admin cannot demote themselves', async () => {
    const response = await post(`/admin/usuarios/${admin.id}`, { role: 'citizen', institutionId: '' })
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('No puedes quitarte a ti mismo el rol de administración.')
    expect((await userRow(admin.id)).role).toBe('admin')
  })

  test('creates an account with a role; a taken e-mail or invalid input re-renders the form with its message', async () => {
    const institution = await addInstitution('INAB')
    const email = uniqueEmail('nueva')
    const form = await (await get('/admin/usuarios/nueva', admin.cookie)).text()
    expect(form).toContain('action="/admin/usuarios/nueva"')
    expectLabelledControls(form)
    const created = await post('/admin/usuarios/nueva', { name: 'Nora Nueva', email, password: PASSWORD, role: 'official', institutionId: institution.id })
    expect([302, 303]).toContain(created.status)
    const [row] = await server.database.db.select().from(users).where(eq(users.email, email))
    expect(row).toMatchObject({ name: 'Nora Nueva', role: 'official', institutionId: institution.id })
    expect(created.headers.get('location')).toBe(`/admin/usuarios/${row.id}`)
    const [audit] = await server.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, 'user.create')))
    expect(audit.actorId).toBe(admin.id)

    const again = await post('/admin/usuarios/nueva', { name: 'Otra Nora', email: email.toUpperCase(), password: PASSWORD, role: 'citizen', institutionId: '' })
    expect(again.status).toBe(409)
    const html = await again.text()
    expect(html).toContain('Ya existe una cuenta con este correo.')
    expect(html).toContain('value="Otra Nora"')
    expect(html).not.toContain(PASSWORD)
    expect(await server.database.db.select().from(users).where(eq(users.name, 'Otra Nora'))).toEqual([])

    const invalid = await post('/admin/usuarios/nueva', { name: 'X', email: 'no-es-correo', password: 'corta', role: 'official', institutionId: '' })
    expect(invalid.status).toBe(400)
    const invalidHtml = await invalid.text()
    expect(invalidHtml).toContain('Escribe un correo electrónico válido, como nombre@ejemplo.gt.')
    expect(invalidHtml).toContain('La contraseña debe tener al menos 10 caracteres.')
    expect(invalidHtml).toContain('El nombre debe tener al menos 2 caracteres.')
  })

  test('a new official needs an institution; other roles are created without one', async () => {
    const institution = await addInstitution('MINEDUC')
    const official = await post('/admin/usuarios/nueva', { name: 'Omar Oficial', email: uniqueEmail('omar'), password: PASSWORD, role: 'official', institutionId: '' })
    expect(official.status).toBe(400)
    expect(await official.text()).toContain('Un funcionario o funcionaria debe pertenecer a una institución.')
    const email = uniqueEmail('facilitadora')
    const facilitator = await post('/admin/usuarios/nueva', { name: 'Fe Facilitadora', email, password: PASSWORD, role: 'facilitator', institutionId: institution.id })
    expect([302, 303]).toContain(facilitator.status)
    const [row] = await server.database.db.select().from(users).where(eq(users.email, email))
    expect(row).toMatchObject({ role: 'facilitator', institutionId: null })
  })
})

describe('institutions page', () => {
  test('creates an institution; the same acronym again is refused; every control labelled', async () => {
    const created = await post('/admin/institutions', {
      intent: 'create',
      acronym: 'RENAP',
      name: 'Registro Nacional de las Personas',
      description: 'Identificación de las personas.',
      website: 'https://www.renap.gob.gt',
    })
    expect([302, 303]).toContain(created.status)
    expect(created.headers.get('location')).toBe('/admin/institutions')
    const [row] = await server.database.db.select().from(institutions).where(eq(institutions.acronym, 'RENAP'))
    expect(row).toMatchObject({ slug: 'renap', name: 'Registro Nacional de las Personas', website: 'https://www.renap.gob.gt' })
    expect((await auditFor(row.id)).map((a) => a.action)).toEqual(['institution.create'])

    const page = await (await get('/admin/institutions', admin.cookie)).text()
    expect(page).toContain('Registro Nacional de las Personas')
    expect(page).toContain('Editar RENAP')
    expect(page).toContain('<details')
    expect(page).toContain('action="/admin/institutions"')
    expectLabelledControls(page)

    const duplicate = await post('/admin/institutions', { intent: 'create', acronym: 'renap', name: 'Otro registro' })
    expect(duplicate.status).toBe(409)
    const html = await duplicate.text()
    expect(html).toContain('Ya existe una institución con estas siglas.')
    expect(html).toContain('value="Otro registro"')
    expect(await server.database.db.select().from(institutions).where(eq(institutions.name, 'Otro registro'))).toEqual([])
  })

  test('invalid input re-renders the form with its messages', async () => {
    const response = await post('/admin/institutions', { intent: 'create', acronym: '', name: 'Ab', website: 'ftp://ejemplo.gt' })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Este campo es obligatorio.')
    expect(html).toContain('Escribe una dirección web que empiece con http:// o https://.')
  })

  test('two admins adding the same acronym at once: one wins, the other gets the conflict', async () => {
    const actor = await userRow(admin.id)
    // Open several connections first (on PostgreSQL), so the transactions really overlap: all pass the check, the unique slug decides.
    await Promise.all(Array.from({ length: 6 }, () => server.database.db.execute(sql`select pg_sleep(0.05)`)))
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => createInstitution(actor, { acronym: 'CONRED', name: `Coordinadora ${n}`, description: '', website: null })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict', details: { fields: { acronym: ['validation.acronymTaken'] } } })
    }
    expect(await server.database.db.select().from(institutions).where(eq(institutions.acronym, 'CONRED'))).toHaveLength(1)
  })

  test('edits an institution (audited); errors show on that institution, with its details open', async () => {
    const institution = await addInstitution('MAGA', 'Ministerio de Agricultura')
    const other = await addInstitution('MEM', 'Ministerio de Energía y Minas')
    const saved = await post('/admin/institutions', {
      intent: 'update',
      institutionId: institution.id,
      acronym: 'MAGA',
      name: 'Ministerio de Agricultura, Ganadería y Alimentación',
      description: 'Agro.',
      website: '',
    })
    expect([302, 303]).toContain(saved.status)
    const [row] = await server.database.db.select().from(institutions).where(eq(institutions.id, institution.id))
    expect(row).toMatchObject({ name: 'Ministerio de Agricultura, Ganadería y Alimentación', description: 'Agro.', website: null, slug: 'maga' })
    const audit = (await auditFor(institution.id)).filter((a) => a.action === 'institution.update')
    expect(audit).toHaveLength(1)
    expect(audit[0].before).toMatchObject({ name: 'Ministerio de Agricultura' })
    expect(audit[0].after).toMatchObject({ name: 'Ministerio de Agricultura, Ganadería y Alimentación' })

    const taken = await post('/admin/institutions', { intent: 'update', institutionId: other.id, acronym: 'MAGA', name: 'Ministerio de Energía y Minas' })
    expect(taken.status).toBe(409)
    const html = await taken.text()
    expect(html).toContain('Ya existe una institución con estas siglas.')
    expect(html.match(/<details open=""/g)).toHaveLength(1)
    expect((await server.database.db.select().from(institutions).where(eq(institutions.id, other.id)))[0].acronym).toBe('MEM')
  })
})

describe('audit page', () => {
  test('the log in words: who, what, about whom, before → after, newest first', async () => {
    const person = await signedInUser('citizen', 'Lucía Auditada')
    expect([302, 303]).toContain((await post(`/admin/usuarios/${person.id}`, { role: 'facilitator', institutionId: '' })).status)
    await server.database.db.insert(auditLog).values({ actorId: null, action: 'system.check', entityType: 'system', entityId: 'nightly' })

    const response = await get('/admin/audit', admin.cookie)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<title>Registro de auditoría · Administración · Cocrea</title>')
    expect(html).toContain('Cambió el rol de la persona')
    expect(html).toContain('Lucía Auditada')
    expect(html).toContain('Alma Administradora')
    expect(html).toMatch(/Rol(<!-- -->)?:<\/span> <del[^>]*>Ciudadanía<\/del>.*?<ins[^>]*>Facilitación<\/ins>/)
    expect(html).toContain('Acción registrada (system.check)')
    expect(html).toContain('<caption')
    expectLabelledControls(html)
    // Newest first.
    expect(html.indexOf('Acción registrada (system.check)')).toBeLessThan(html.indexOf('Cambió el rol de la persona'))
  })

  test('filters by who and what, pages by 50, and downloads the same entries as CSV', async () => {
    await server.database.db
      .insert(auditLog)
      .values(Array.from({ length: 120 }, (_, i) => ({ actorId: admin.id, action: 'bulk.entry', entityType: 'test', entityId: `n-${i}` })))
    const first = await (await get(`/admin/audit?actor=${admin.id}&action=bulk.entry`, admin.cookie)).text()
    expect(first).toContain('120 entradas')
    expect(first.match(/<tr/g)).toHaveLength(51) // the header row and 50 entries
    expect(first).toContain('Página 1 de 3')
    const last = await (await get(`/admin/audit?actor=${admin.id}&action=bulk.entry&page=3`, admin.cookie)).text()
    expect(last.match(/<tr/g)).toHaveLength(21)

    expect((await get('/admin/audit?from=2026-13-40', admin.cookie)).status).toBe(400)
    const none = await (await get('/admin/audit?action=bulk.entry&to=2000-01-01', admin.cookie)).text()
    expect(none).toContain('Ninguna entrada coincide con los filtros.')

    const csv = await get('/admin/audit.csv?action=bulk.entry', admin.cookie)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toMatch(/registro-auditoria-\d{4}-\d{2}-\d{2}\.csv/)
    const lines = (await csv.text()).trim().split(/\r?\n/)
    expect(lines).toHaveLength(121)
    expect(lines[0]).toContain('accion_descrita')
    expect(lines[1]).toContain('Alma Administradora')
  })
})

describe('language', () => {
  test('the pages speak English to an admin who prefers it', async () => {
    const english = await signedInUser('admin', 'Edward Admin', { language: 'en' })
    const usersPage = await get('/admin', english.cookie, { 'accept-language': 'es' })
    const usersHtml = await usersPage.text()
    expect(usersHtml).toContain('<html lang="en"')
    expect(usersHtml).toContain('<title>Users · Administration · Cocrea</title>')
    expect(usersHtml).toContain('Create an account')
    expect(usersHtml).toMatch(/\d+ people/)
    expect(usersHtml).toContain(formatDate((await userRow(english.id)).createdAt, 'en'))
    expect(await (await get('/admin/institutions', english.cookie)).text()).toContain('Add an institution')
    expect(await (await get('/admin/audit', english.cookie)).text()).toContain('<title>Audit log · Administration · Cocrea</title>')

    const refused = await post(`/admin/usuarios/${english.id}`, { role: 'official', institutionId: '' }, english.cookie)
    expect(await refused.text()).toContain('You cannot remove your own administrator role.')
  })

  test('Accept-Language: en gives English where there is no preference, but the admin’s own preference (Spanish by default) wins', async () => {
    const spanish = await get('/admin', admin.cookie, { 'accept-language': 'en-US,en;q=0.9' })
    const html = await spanish.text()
    expect(html).toContain('<html lang="es"')
    expect(html).toContain('Personas usuarias')

    // Signed out, the request's language decides (the sign-in page the admin pages send people to).
    const login = await get('/login?redirectTo=%2Fadmin', undefined, { 'accept-language': 'en-US,en;q=0.9' })
    expect(await login.text()).toContain('<html lang="en"')

    // Changing the preference switches the admin pages, whatever the browser asks for.
    const bilingual = await signedInUser('admin', 'Bea Bilingüe')
    await server.database.db.update(users).set({ language: 'en' }).where(eq(users.id, bilingual.id))
    const english = await (await get('/admin/institutions', bilingual.cookie, { 'accept-language': 'es' })).text()
    expect(english).toContain('<title>Institutions · Administration · Cocrea</title>')
  })
})
