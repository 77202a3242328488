import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { challenges, comments, ideas, institutions } from '#db/schema.ts'
import { createPerson, expectNoBrowserErrors, onPath, seen, startE2E, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

describe('without JavaScript', () => {
  test('a citizen submits an idea to an open challenge and comments on it', async () => {
    const db = e2e.server.database.db
    const [institution] = await db.insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: 'renap-e2e' }).returning()
    const [challenge] = await db
      .insert(challenges)
      .values({ slug: 'dpi-sin-filas', title: '¿Cómo podríamos renovar el DPI sin filas?', problem: 'Filas largas.', institutionId: institution.id, phase: 'open' })
      .returning()
    const lucia = await createPerson('Lucía Chávez')

    const page = await e2e.newPage({ javaScriptEnabled: false })
    await page.goto(`/retos/${challenge.slug}/ideas/nueva`)
    // Signed out: the sign-in page, which comes back to the form afterwards.
    await page.getByLabel('Correo electrónico').fill(lucia.email)
    await page.getByLabel('Contraseña').fill(lucia.password)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await onPath(page, `/retos/${challenge.slug}/ideas/nueva`)

    await seen(page.getByRole('heading', { level: 1, name: 'Proponer una idea' }))
    // An incomplete form comes back with its message and what was typed.
    await page.getByLabel('Título de la idea').fill('Citas por teléfono')
    await page.getByRole('button', { name: 'Publicar idea' }).click()
    await seen(page.getByText('Este campo es obligatorio.'))
    expect(await page.getByLabel('Título de la idea').inputValue()).toBe('Citas por teléfono')

    await page.getByLabel('Descripción').fill('Llamar a un número y recibir una cita.\nSin filas.')
    await page.getByLabel('Beneficio esperado (opcional)').fill('Menos espera.')
    await page.getByRole('button', { name: 'Publicar idea' }).click()

    const [idea] = await db.select().from(ideas).where(eq(ideas.challengeId, challenge.id))
    expect(idea).toMatchObject({ title: 'Citas por teléfono', status: 'published', createdBy: lucia.id })
    await onPath(page, `/ideas/${idea.id}`)
    await seen(page.getByRole('status').filter({ hasText: 'Tu idea se publicó.' }))
    await seen(page.getByRole('heading', { level: 1, name: 'Citas por teléfono' }))
    await seen(page.getByTestId('idea-authors').getByText('Lucía Chávez'))

    await page.getByLabel('Tu comentario').fill('Podría funcionar también por WhatsApp.')
    await page.getByRole('button', { name: 'Comentar', exact: true }).click()
    await seen(page.getByRole('status').filter({ hasText: 'Tu comentario se publicó.' }))
    await seen(page.getByRole('paragraph').filter({ hasText: 'Podría funcionar también por WhatsApp.' }))
    const stored = await db.select().from(comments).where(eq(comments.targetId, idea.id))
    expect(stored.map((c) => [c.body, c.authorId])).toEqual([['Podría funcionar también por WhatsApp.', lucia.id]])
  })
})

describe('with JavaScript', () => {
  test('typing a title suggests similar ideas of the challenge as links in a live region', async () => {
    const db = e2e.server.database.db
    const [institution] = await db.insert(institutions).values({ acronym: 'SAT', name: 'Superintendencia de Administración Tributaria', slug: 'sat-e2e' }).returning()
    const [challenge] = await db
      .insert(challenges)
      .values({ slug: 'tramites-en-linea', title: '¿Cómo podríamos hacer trámites sin filas?', problem: 'Filas.', institutionId: institution.id, phase: 'open' })
      .returning()
    const author = await createPerson('Autora Previa')
    const [existing] = await db.insert(ideas).values({ challengeId: challenge.id, title: 'Trámite en línea', description: 'x', createdBy: author.id }).returning()
    const lucia = await createPerson('Lucía Chávez')

    const page = await e2e.newPage()
    await page.goto(`/login?redirectTo=${encodeURIComponent(`/retos/${challenge.slug}/ideas/nueva`)}`)
    await page.getByLabel('Correo electrónico').fill(lucia.email)
    await page.getByLabel('Contraseña').fill(lucia.password)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await onPath(page, `/retos/${challenge.slug}/ideas/nueva`)
    await page.getByLabel('Título de la idea').pressSequentially('tramite')
    const hint = page.getByTestId('similar-ideas')
    expect(await hint.getAttribute('aria-live')).toBe('polite')
    const link = await seen(hint.getByRole('link', { name: 'Trámite en línea' }))
    expect(await link.getAttribute('href')).toBe(`/ideas/${existing.id}`)
  })
})

