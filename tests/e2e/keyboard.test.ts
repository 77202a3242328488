import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import {
  createPerson,
  expectNoBrowserErrors,
  focusOutline,
  hasFocus,
  hydrated,
  mainNav,
  onPath,
  seen,
  startE2E,
  tabUntil,
  type E2E,
} from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

test('the first Tab reaches a visible "Saltar al contenido" link, and Enter moves focus to the main content', async () => {
  const page = await e2e.newPage()
  await page.goto('/')
  await hydrated(page)
  const skip = page.getByRole('link', { name: 'Saltar al contenido' })

  await page.keyboard.press('Tab')
  expect(await hasFocus(skip)).toBe(true)
  // Hidden until focused, then shown on screen with a focus ring.
  const box = await skip.boundingBox()
  expect(box!.width).toBeGreaterThan(40)
  expect(box!.height).toBeGreaterThan(16)
  const outline = await focusOutline(page)
  expect(outline.style).not.toBe('none')
  expect(outline.width).toBeGreaterThan(0)

  await page.keyboard.press('Enter')
  await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 15_000 }).toBe('main')
  expect(new URL(page.url()).hash).toBe('#main')
  // The next Tab goes to the first control inside the content, past the whole header.
  await page.keyboard.press('Tab')
  expect(await hasFocus(page.getByRole('main').getByRole('link', { name: 'Crear mi cuenta' }))).toBe(true)
})

test('keyboard only: Tab through the header to "Iniciar sesión", fill the form and sign in', async () => {
  const person = await createPerson('Tomás Ajú')
  const page = await e2e.newPage()
  await page.goto('/')
  await hydrated(page)

  // The header in reading order: skip link, home link, navigation, then the sign-in link.
  const signInLink = mainNav(page).getByRole('link', { name: 'Iniciar sesión' })
  const path = await tabUntil(page, signInLink)
  expect(path).toEqual(['a:Saltar al contenido', 'a:Cocrea', 'a:Inicio', 'a:Retos', 'a:Pilotos', 'a:Datos abiertos', 'a:Buscar', 'a:Iniciar sesión'])

  // A person can see where the focus is.
  const outline = await focusOutline(page)
  expect(outline.style).not.toBe('none')
  expect(outline.width).toBeGreaterThanOrEqual(2)

  await page.keyboard.press('Enter')
  await onPath(page, '/login')
  await seen(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }))

  const email = page.getByLabel('Correo electrónico')
  const password = page.getByLabel('Contraseña')
  await tabUntil(page, email)
  await page.keyboard.type(person.email)
  await page.keyboard.press('Tab')
  expect(await hasFocus(password)).toBe(true)
  await page.keyboard.type(person.password)
  await page.keyboard.press('Tab')
  expect(await hasFocus(page.getByRole('button', { name: 'Entrar' }))).toBe(true)
  expect((await focusOutline(page)).style).not.toBe('none')
  // Back to the password field and submit it with Enter, as many people do.
  await page.keyboard.press('Shift+Tab')
  expect(await hasFocus(password)).toBe(true)
  await page.keyboard.press('Enter')

  await onPath(page, '/')
  await seen(page.getByTestId('signed-in-as').filter({ hasText: 'Sesión iniciada como Tomás Ajú' }))
  await seen(page.getByRole('button', { name: 'Cerrar sesión' }))
})

test('the sign-out button and the language buttons show a focus ring too', async () => {
  const person = await createPerson('Ana Ixim')
  const page = await e2e.newPage()
  await page.goto('/login')
  await page.getByLabel('Correo electrónico').fill(person.email)
  await page.getByLabel('Contraseña').fill(person.password)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await onPath(page, '/')
  const signOut = await seen(page.getByRole('button', { name: 'Cerrar sesión' }))

  await tabUntil(page, signOut)
  const onSignOut = await focusOutline(page)
  expect(onSignOut.style).not.toBe('none')
  expect(onSignOut.width).toBeGreaterThan(0)

  await tabUntil(page, page.getByRole('button', { name: 'English' }))
  const onLanguage = await focusOutline(page)
  expect(onLanguage.style).not.toBe('none')
  expect(onLanguage.width).toBeGreaterThan(0)
})
