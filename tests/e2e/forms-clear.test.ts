import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { challenges, institutions, kpis, pilots } from '#db/schema.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { labDate } from '#app/services/pilots/pilot-progress.ts'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { createPerson, expectNoBrowserErrors, hydrated, PASSWORD, seen, signIn, startE2E, type E2E } from './helpers.ts'

/** Issue 11 §6: forms clear after success (measurement, comment, reply) and deleting a comment asks first. */

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const day = (offset: number) => labDate(new Date(Date.now() + offset * 86_400_000))

async function pilotScene() {
  const db = e2e.server.database.db
  const stamp = `${Date.now()}`
  const [inst] = await db.insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: `renap-forms-${stamp}` }).returning()
  const email = uniqueEmail('e2e-forms')
  const official = await createUser('system', { email, name: 'Carlos Pop Caal', password: PASSWORD, role: 'official', institutionId: inst.id, language: 'es' })
  const [reto] = await db.insert(challenges).values({ slug: `reto-forms-${stamp}`, title: 'Menos espera', problem: 'x', institutionId: inst.id, phase: 'piloting' }).returning()
  const [pilot] = await db
    .insert(pilots)
    .values({ slug: `piloto-forms-${stamp}`, challengeId: reto.id, title: 'Citas por WhatsApp', summary: 'Agendar por mensaje.', institutionId: inst.id, leadId: official.id, startDate: day(-30), endDate: day(60), budgetGtq: '100.00', status: 'active' })
    .returning()
  await db.insert(kpis).values({ pilotId: pilot.id, name: 'Tiempo de espera', unit: 'minutos', baseline: '150', target: '45', minValue: '0' })
  return { email, path: `/pilotos/${pilot.slug}` }
}

describe('forms that clear and a delete that asks', () => {
  test('a measurement: refused with the message and the typed values kept, then recorded and the form empty; corrected with a reason', async () => {
    const { email, path } = await pilotScene()
    const page = await e2e.newPage()
    await signIn(page, email)
    await page.goto(path)
    await hydrated(page)
    const form = page.getByRole('form', { name: 'Registrar una medición' })
    await form.getByLabel('Fecha de la medición').fill(day(2))
    await form.getByLabel('Valor').fill('-3')
    await form.getByRole('button', { name: 'Registrar medición' }).click()
    await seen(form.getByText('La fecha de la medición no puede ser posterior a hoy (hora de Guatemala).'))
    await seen(form.getByText('El valor es menor que el mínimo que declara el indicador'))
    expect(await form.getByLabel('Valor').inputValue()).toBe('-3')

    await form.getByLabel('Fecha de la medición').fill(day(-1))
    await form.getByLabel('Valor').fill('95')
    await form.getByLabel('Nota (opcional)').fill('Sede de zona 1')
    await form.getByRole('button', { name: 'Registrar medición' }).click()
    await seen(page.getByRole('status').filter({ hasText: 'Se registró la medición.' }))
    await seen(page.getByTestId('kpi').getByRole('cell', { name: '95 minutos' }))
    await expect.poll(() => form.getByLabel('Valor').inputValue()).toBe('')
    expect(await form.getByLabel('Nota (opcional)').inputValue()).toBe('')
    expect(await form.getByLabel('Fecha de la medición').inputValue()).toBe('')

    // Correct it: the disclosure holds the form, the reason is required.
    await page.getByText(/Corregir o retirar la medición 95 minutos/).click()
    const correct = page.getByRole('form', { name: /Corregir la medición 95 minutos/ })
    await correct.getByLabel('Valor').fill('90')
    await correct.getByLabel('Motivo de la corrección (queda en el registro)').fill('Se contó dos veces una persona')
    await correct.getByRole('button', { name: 'Guardar la corrección' }).click()
    await seen(page.getByRole('status').filter({ hasText: 'Se corrigió la medición' }))
    await seen(page.getByTestId('kpi').getByRole('cell', { name: '90 minutos' }))
  })

  test('a comment and a reply clear after they are posted; deleting a comment asks for confirmation first', async () => {
    const { path } = await pilotScene()
    const citizen = await createPerson('Lucía Tzoc')
    const page = await e2e.newPage()
    await signIn(page, citizen.email)
    await page.goto(path)
    await hydrated(page)
    const box = page.getByLabel('Tu comentario', { exact: true })
    await box.fill('¿Cuándo llega a las sedes de los departamentos?')
    await page.getByRole('button', { name: 'Comentar' }).click()
    const comment = page.locator('article[data-comment]').filter({ hasText: '¿Cuándo llega a las sedes de los departamentos?' })
    await seen(comment)
    await expect.poll(() => box.inputValue()).toBe('')

    await comment.getByText('Responder').click()
    const replyBox = comment.getByLabel('Tu respuesta a Lucía Tzoc')
    await replyBox.fill('Yo también quisiera saberlo.')
    await comment.getByRole('button', { name: 'Enviar respuesta' }).click()
    await seen(page.locator('article[data-comment]').filter({ hasText: 'Yo también quisiera saberlo.' }))
    // The reply folds away, and opens again empty.
    await expect.poll(() => comment.locator('details').first().getAttribute('open')).toBeNull()
    await comment.getByText('Responder').click()
    expect(await replyBox.inputValue()).toBe('')

    // Delete asks first: opening the step deletes nothing.
    const reply = page.locator('article[data-comment]').filter({ hasText: 'Yo también quisiera saberlo.' })
    await reply.getByText('Eliminar comentario').click()
    await seen(reply.getByText('¿Eliminar este comentario?'))
    const placeholder = page.locator('article[data-comment] p.italic', { hasText: 'comentario eliminado' })
    expect(await placeholder.count()).toBe(0)
    expect(await reply.locator('p.whitespace-pre-wrap').textContent()).toBe('Yo también quisiera saberlo.')
    await reply.getByRole('button', { name: 'Sí, eliminar el comentario' }).click()
    await seen(placeholder)
    expect(await page.locator('article[data-comment]').filter({ hasText: 'Yo también quisiera saberlo.' }).count()).toBe(0)
  })
})
