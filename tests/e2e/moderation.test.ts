import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { challenges, comments, ideas, institutions } from '#db/schema.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { createPerson, expectNoBrowserErrors, mainNav, onPath, PASSWORD, seen, startE2E, type E2E, signIn } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

/** A comment on an idea, inserted directly (the idea pages belong to another area). */
async function spamComment(authorId: string, body: string) {
  const db = e2e.server.database.db
  const [inst] = await db.insert(institutions).values({ acronym: 'MINGOB', name: 'Ministerio de Gobernación', slug: `mingob-${Date.now()}` }).returning()
  const [reto] = await db.insert(challenges).values({ slug: `reto-e2e-${Date.now()}`, title: 'Pasaportes sin filas', problem: '¿Cómo podríamos…?', institutionId: inst.id, phase: 'open' }).returning()
  const [idea] = await db.insert(ideas).values({ challengeId: reto.id, createdBy: authorId, title: 'Citas en línea', description: 'Agendar en línea.' }).returning()
  const [comment] = await db.insert(comments).values({ targetType: 'idea', targetId: idea.id, authorId, body }).returning()
  return comment
}

describe('moderation in the browser', () => {
  test('a citizen reports a comment, it appears in the facilitator queue, is hidden, and the author’s bell updates live', async () => {
    const author = await createPerson('Sergio Spam')
    const citizen = await createPerson('Rosa Reporta')
    const facilitatorEmail = uniqueEmail('e2e-facilitator')
    await createUser('system', { email: facilitatorEmail, name: 'Fabiola Facilitadora', password: PASSWORD, role: 'facilitator', institutionId: null, language: 'es' })
    const comment = await spamComment(author.id, 'Gana dinero fácil en http://spam.example ahora')

    // The author is on a page, signed in: no notifications yet.
    const authorPage = await e2e.newPage()
    await signIn(authorPage, author.email)
    await seen(authorPage.getByRole('link', { name: 'Notificaciones', exact: true }))
    expect(await authorPage.getByTestId('unread-count').count()).toBe(0)

    // The citizen reports it through the report form (with JavaScript).
    const page = await e2e.newPage()
    await signIn(page, citizen.email)
    expect(await mainNav(page).getByRole('link', { name: 'Moderación' }).count()).toBe(0)
    await page.goto(`/reportar?targetType=comment&targetId=${comment.id}&redirectTo=%2F`)
    await seen(page.getByRole('heading', { level: 1, name: 'Reportar contenido' }))
    await seen(page.getByTestId('reported-excerpt').filter({ hasText: 'Gana dinero fácil' }))
    await page.getByLabel('Motivo del reporte').fill('Es publicidad engañosa')
    await page.getByRole('button', { name: 'Enviar reporte' }).click()
    await onPath(page, '/')
    await seen(page.getByRole('status').filter({ hasText: 'Gracias. Recibimos tu reporte' }))

    // The facilitator finds it in the queue.
    const mod = await e2e.newPage()
    await signIn(mod, facilitatorEmail)
    await mainNav(mod).getByRole('link', { name: 'Moderación' }).click()
    await onPath(mod, '/moderacion')
    const item = mod.getByTestId('queue-item').filter({ hasText: 'Gana dinero fácil' })
    await seen(item)
    await seen(item.getByText('1 reporte', { exact: false }))
    await seen(item.getByText('Es publicidad engañosa'))
    await seen(item.getByText('Sergio Spam', { exact: true }))

    // …and hides it with a public reason.
    await item.getByRole('textbox').fill('Publicidad no permitida')
    await item.getByRole('button', { name: 'Ocultar' }).click()
    await seen(mod.getByRole('status').filter({ hasText: 'Se ocultó el contenido' }))
    await seen(mod.getByText('No hay reportes abiertos.'))
    await seen(mod.getByTestId('hidden-item').filter({ hasText: 'Publicidad no permitida' }))

    // The author's open page gets the notification live, without reloading.
    await seen(authorPage.getByTestId('unread-count').filter({ hasText: '1' }))
    await authorPage.getByRole('link', { name: 'Notificaciones: 1 sin leer' }).click()
    await onPath(authorPage, '/notificaciones')
    await seen(authorPage.getByText('El equipo de moderación ocultó tu contenido. Motivo: Publicidad no permitida'))
    await authorPage.getByRole('button', { name: 'Marcar todas como leídas' }).click()
    await seen(authorPage.getByRole('status').filter({ hasText: 'Se marcaron todas como leídas.' }))
    await seen(authorPage.getByText('0 sin leer'))
    expect(await authorPage.getByTestId('unread-count').count()).toBe(0)
  })

  test('without JavaScript, the report form works too', async () => {
    const author = await createPerson('Autora Sin JS')
    const citizen = await createPerson('Ciudadano Sin JS')
    const comment = await spamComment(author.id, 'Otro comentario molesto')
    const page = await e2e.newPage({ javaScriptEnabled: false })
    await signIn(page, citizen.email)
    await page.goto(`/reportar?targetType=comment&targetId=${comment.id}&redirectTo=%2F`)
    await page.getByLabel('Motivo del reporte').fill('Acoso')
    await page.getByRole('button', { name: 'Enviar reporte' }).click()
    await onPath(page, '/')
    await seen(page.getByRole('status').filter({ hasText: 'Gracias. Recibimos tu reporte' }))
  })
})
