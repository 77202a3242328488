import { type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '#app/services/accounts/users.server.ts'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { expectNoBrowserErrors, hasFocus, hydrated, mainNav, onPath, PASSWORD, seen, signIn, startE2E, tabUntil, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const phone = { width: 390, height: 844 }
const menuButton = (page: Page) => page.locator('header summary')

/** The header's height and the vertical centres of what sits in its bar (logo, bell, menu button). */
function headerRow(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('body > header')!
    const centre = (el: Element | null) => {
      if (!el) return null
      const box = el.getBoundingClientRect()
      return Math.round(box.top + box.height / 2)
    }
    return {
      height: header.getBoundingClientRect().height,
      logo: centre(header.querySelector('a[href="/"]')),
      menu: centre(header.querySelector('summary')),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }
  })
}

async function admin() {
  const email = uniqueEmail('e2e-header')
  await createUser('system', { email, name: 'Andrea Administradora Xiloj', password: PASSWORD, role: 'admin', institutionId: null, language: 'es' })
  return email
}

describe('the header on a phone (390 px)', () => {
  test('is one row with a menu button; the menu opens, says it is open, its links work and it closes after navigating', async () => {
    const page = await e2e.newPage({ viewport: phone })
    await signIn(page, await admin())
    await hydrated(page)
    const row = await headerRow(page)
    // One row: a bar no taller than a button with its padding, the logo and the menu button on one line.
    expect(row.height).toBeLessThanOrEqual(72)
    expect(Math.abs(row.logo! - row.menu!)).toBeLessThanOrEqual(4)
    expect(row.overflow).toBeLessThanOrEqual(0)

    // Closed: the links are out of sight, the button says so.
    await seen(menuButton(page))
    expect(await mainNav(page).count()).toBe(0)
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false')

    await menuButton(page).click()
    const nav = await seen(mainNav(page))
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('true')
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Inicio', 'Retos', 'Pilotos', 'Datos abiertos', 'Buscar', 'Mi perfil', 'Mi actividad', 'Mi panel', 'Moderación', 'Administración'])
    await seen(nav.getByRole('button', { name: 'Cerrar sesión' }))
    await seen(page.getByRole('button', { name: 'English' }))
    // The open menu does not widen the page either.
    expect((await headerRow(page)).overflow).toBeLessThanOrEqual(0)

    await nav.getByRole('link', { name: 'Retos' }).click()
    await onPath(page, '/retos')
    await seen(page.getByRole('heading', { level: 1 }))
    await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('false')
    expect(await mainNav(page).count()).toBe(0)
  })

  test('by keyboard: Enter opens the menu, Tab reaches its links, Escape closes it and returns to the button', async () => {
    const page = await e2e.newPage({ viewport: phone })
    await page.goto('/')
    await hydrated(page)
    await tabUntil(page, menuButton(page))
    await page.keyboard.press('Enter')
    const nav = await seen(mainNav(page))
    await tabUntil(page, nav.getByRole('link', { name: 'Iniciar sesión' }))
    await page.keyboard.press('Escape')
    expect(await mainNav(page).count()).toBe(0)
    expect(await hasFocus(menuButton(page))).toBe(true)
  })

  test('without JavaScript the menu still opens and its links lead to their pages', async () => {
    const page = await e2e.newPage({ viewport: phone, javaScriptEnabled: false })
    await page.goto('/')
    await menuButton(page).click()
    await mainNav(page).getByRole('link', { name: 'Pilotos' }).click()
    await onPath(page, '/pilotos')
    await seen(page.getByRole('heading', { level: 1 }))
    expect(await mainNav(page).count()).toBe(0)
  })
})

test('at 1280 px the links are in the bar and there is no menu button', async () => {
  const page = await e2e.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto('/')
  const nav = await seen(mainNav(page))
  for (const name of ['Inicio', 'Retos', 'Pilotos', 'Datos abiertos', 'Buscar', 'Iniciar sesión', 'Crear cuenta']) await seen(nav.getByRole('link', { name }))
  expect(await menuButton(page).isVisible()).toBe(false)
  const row = await headerRow(page)
  expect(row.height).toBeLessThanOrEqual(72)
})
