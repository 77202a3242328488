import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createUser } from '#app/services/accounts/users.server.ts'
import { institutions } from '#db/schema.ts'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { expectNoBrowserErrors, onPath, PASSWORD, seen, startE2E, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

test('a facilitator creates a challenge through the form and publishes it; a signed-out visitor finds it with its timeline', async () => {
  await e2e.server.database.db.insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: 'renap' })
  const email = uniqueEmail('e2e-facilitator')
  await createUser('system', { email, password: PASSWORD, name: 'Fabiola Facilitadora', role: 'facilitator', institutionId: null, language: 'es' })

  const page = await e2e.newPage()
  await page.goto('/login?redirectTo=%2Fretos')
  await page.getByLabel('Correo electrónico').fill(email)
  await page.getByLabel('Contraseña').fill(PASSWORD)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await onPath(page, '/retos')

  await page.getByRole('link', { name: 'Proponer un reto' }).click()
  await onPath(page, '/retos/nuevo')
  await seen(page.getByRole('heading', { level: 1, name: 'Proponer un reto' }))
  await page.getByLabel('Título').fill('¿Cómo podríamos reducir la espera para renovar el DPI?')
  await page.getByLabel('Planteamiento del problema').fill('Renovar el DPI exige **varias visitas** a la sede y horas de fila.\n\n- Citas difíciles de conseguir\n- Poca información en línea')
  await page.getByLabel('Institución').selectOption({ label: 'RENAP — Registro Nacional de las Personas' })
  await page.getByLabel('Área de servicio').selectOption('identity')
  await page.getByLabel('Departamento').selectOption('Quetzaltenango')
  // With JavaScript, only the chosen department's municipalities are offered.
  await expect.poll(() => page.getByLabel('Municipio').locator('optgroup').count(), { timeout: 15_000 }).toBe(1)
  await page.getByLabel('Municipio').selectOption('Salcajá')
  await page.getByLabel('16.6 Instituciones eficaces y transparentes').check()
  await page.getByLabel('Inicio de la votación').fill('2031-04-15T09:00')
  await page.getByRole('button', { name: 'Guardar borrador' }).click()

  await onPath(page, '/retos/como-podriamos-reducir-la-espera-para-renovar-el-dpi')
  await seen(page.getByRole('status').filter({ hasText: 'Se guardó el borrador' }))
  await seen(page.getByText('Este reto es un borrador'))

  await page.getByLabel('Cambiar a la fase').selectOption('open')
  await page.getByRole('button', { name: 'Cambiar de fase' }).click()
  await seen(page.getByRole('status').filter({ hasText: 'El reto pasó a la fase «Abierto a ideas».' }))

  const visitor = await e2e.newPage()
  await visitor.goto('/retos')
  const card = visitor.getByRole('listitem').filter({ hasText: '¿Cómo podríamos reducir la espera para renovar el DPI?' })
  await seen(card.getByText('Fase: Abierto a ideas'))
  await card.getByRole('link', { name: '¿Cómo podríamos reducir la espera para renovar el DPI?' }).click()
  await onPath(visitor, '/retos/como-podriamos-reducir-la-espera-para-renovar-el-dpi')
  await seen(visitor.getByRole('heading', { level: 1, name: '¿Cómo podríamos reducir la espera para renovar el DPI?' }))
  await seen(visitor.locator('strong', { hasText: 'varias visitas' }))
  const timeline = visitor.getByRole('list').filter({ has: visitor.locator('[aria-current="step"]') })
  await seen(timeline)
  await expect.poll(() => timeline.getByRole('listitem').count()).toBe(7)
  expect(await timeline.locator('[aria-current="step"]').innerText()).toContain('Abierto a ideas')
  expect(await timeline.getByRole('listitem').nth(3).innerText()).toContain('15/04/2031')
  await seen(visitor.getByRole('link', { name: 'Proponer una idea' }))
  expect(await visitor.getByText('Este reto es un borrador').count()).toBe(0)
  expect(await visitor.getByLabel('Cambiar a la fase').count()).toBe(0)
})
