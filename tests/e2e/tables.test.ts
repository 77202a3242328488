import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '#app/services/accounts/users.server.ts'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { expectNoBrowserErrors, PASSWORD, seen, signIn, startE2E, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

describe('data tables on a 360 px phone', () => {
  test('the admin users table scrolls inside its card, the page never sideways; headers and caption are there', async () => {
    const email = uniqueEmail('e2e-admin')
    await createUser('system', { email, name: 'Ana Administradora', password: PASSWORD, role: 'admin', institutionId: null, language: 'es' })
    const page = await e2e.newPage({ viewport: { width: 360, height: 800 } })
    await signIn(page, email)
    await page.goto('/admin')
    const table = await seen(page.getByRole('table', { name: 'Cuentas, con su rol e institución' }))
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Nombre', 'Correo', 'Rol', 'Institución', 'Desde', 'Acciones'])
    expect(await table.getByRole('rowheader').filter({ hasText: 'Ana Administradora' }).count()).toBe(1)

    const widths = await table.evaluate((el) => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      box: el.parentElement!.scrollWidth - el.parentElement!.clientWidth,
    }))
    // The table (e-mail addresses, dates) may be wider than the phone, yet only its own box ever scrolls.
    expect(widths.box).toBeGreaterThanOrEqual(0)
    expect(widths.page).toBeLessThanOrEqual(0)
    // Each name leads to that person's page.
    await table.getByRole('link', { name: 'Ana Administradora', exact: true }).click()
    await seen(page.getByRole('heading', { name: 'Rol e institución de Ana Administradora' }))
  })

  test('the pilot portfolio tables fit or scroll in place at 360 px', async () => {
    const page = await e2e.newPage({ viewport: { width: 360, height: 800 } })
    await page.goto('/pilotos')
    await seen(page.getByTestId('status-table'))
    expect(await page.getByTestId('status-table').getByRole('columnheader').allTextContents()).toEqual(['Estado', 'Pilotos'])
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  })
})
