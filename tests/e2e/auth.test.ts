import { type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { createPerson, documentLanguage, expectNoBrowserErrors, mainNav, onPath, PASSWORD, seen, startE2E, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const flash = (page: Page) => page.getByRole('status')
const signedInAs = (page: Page, name: string) => page.getByTestId('signed-in-as').filter({ hasText: `Sesión iniciada como ${name}` })

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('Correo electrónico').fill(email)
  await page.getByLabel('Contraseña').fill(password)
  await page.getByRole('button', { name: 'Entrar' }).click()
}

async function expectSignedOut(page: Page) {
  await seen(mainNav(page).getByRole('link', { name: 'Iniciar sesión' }))
  expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(0)
  expect(await page.getByTestId('signed-in-as').count()).toBe(0)
}

describe('with JavaScript', () => {
  test('sign up through the form, sign out, and sign in again with the same account', async () => {
    const page = await e2e.newPage()
    const email = uniqueEmail('e2e')
    await page.goto('/')
    await expectSignedOut(page)

    await mainNav(page).getByRole('link', { name: 'Crear cuenta' }).click()
    await onPath(page, '/signup')
    await seen(page.getByRole('heading', { level: 1, name: 'Crear una cuenta' }))
    await page.getByLabel('Nombre').fill('Marta Xoc')
    await page.getByLabel('Correo electrónico').fill(email)
    await page.getByLabel('Contraseña').fill(PASSWORD)
    await page.getByLabel('Acepto los términos de uso y el aviso de privacidad').check()
    await page.getByRole('button', { name: 'Crear cuenta' }).click()

    await onPath(page, '/')
    await seen(flash(page).filter({ hasText: 'Tu cuenta está lista. Te enviamos un enlace para confirmar tu correo.' }))
    await seen(signedInAs(page, 'Marta Xoc'))
    // One greeting, not two: the home says hello, the message says what happened.
    await seen(page.getByText('Hola, Marta Xoc. Gracias por participar.'))
    expect(await page.getByText(/Marta Xoc/).filter({ hasText: /Hola|Bienvenid/ }).count()).toBe(1)
    expect(await mainNav(page).getByRole('link', { name: 'Iniciar sesión' }).count()).toBe(0)

    await page.getByRole('button', { name: 'Cerrar sesión' }).click()
    await seen(flash(page).filter({ hasText: 'Cerraste tu sesión.' }))
    await expectSignedOut(page)
    await onPath(page, '/')

    await signIn(page, email, PASSWORD)
    await onPath(page, '/')
    await seen(signedInAs(page, 'Marta Xoc'))
    await seen(page.getByRole('button', { name: 'Cerrar sesión' }))

    // The session survives a full reload (the cookie was kept by the browser).
    await page.reload()
    await seen(signedInAs(page, 'Marta Xoc'))
  })

  test('a wrong password shows the error and stays on /login, keeping the e-mail', async () => {
    const person = await createPerson('Pedro Tzul')
    const page = await e2e.newPage()
    await signIn(page, person.email, 'no-es-la-contraseña')

    const alert = await seen(page.getByRole('alert').filter({ hasText: 'El correo o la contraseña no son correctos.' }))
    expect(await alert.isVisible()).toBe(true)
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.getByLabel('Correo electrónico').inputValue()).toBe(person.email)
    await expectSignedOut(page)
  })

  test('an invalid sign-up shows a message under each wrong field and creates no account', async () => {
    const page = await e2e.newPage()
    await page.goto('/signup')
    await page.getByLabel('Nombre').fill('A')
    await page.getByLabel('Correo electrónico').fill('no-es-correo')
    await page.getByLabel('Contraseña').fill('corta')
    await page.getByRole('button', { name: 'Crear cuenta' }).click()

    const messages = {
      Nombre: 'El nombre debe tener al menos 2 caracteres.',
      'Correo electrónico': 'Escribe un correo electrónico válido, como nombre@ejemplo.gt.',
      Contraseña: 'La contraseña debe tener al menos 10 caracteres.',
    }
    for (const [label, message] of Object.entries(messages)) {
      await seen(page.getByText(message))
      const input = page.getByLabel(label)
      expect(await input.getAttribute('aria-invalid')).toBe('true')
      // The message is announced with its field.
      const describedBy = (await input.getAttribute('aria-describedby')) ?? ''
      const descriptions = await page.evaluate((ids) => ids.map((id) => document.getElementById(id)?.textContent ?? ''), describedBy.split(' '))
      expect(descriptions.join(' ')).toContain(message)
    }
    expect(new URL(page.url()).pathname).toBe('/signup')
    expect(await page.getByLabel('Nombre').inputValue()).toBe('A')
    await expectSignedOut(page)
  })

  test('the header switcher changes the whole page to English and back to Spanish', async () => {
    const person = await createPerson('Rosa Ixcot')
    const page = await e2e.newPage()
    await signIn(page, person.email, person.password)
    await seen(signedInAs(page, 'Rosa Ixcot'))
    await documentLanguage(page, 'es')

    await page.getByRole('button', { name: 'English' }).click()
    await documentLanguage(page, 'en')
    await seen(page.getByRole('button', { name: 'Sign out' }))
    await seen(page.getByTestId('signed-in-as').filter({ hasText: 'Signed in as Rosa Ixcot' }))
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(0)
    await onPath(page, '/')

    await page.getByRole('button', { name: 'Español' }).click()
    await documentLanguage(page, 'es')
    await seen(page.getByRole('button', { name: 'Cerrar sesión' }))
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true')
  })

  test('an anonymous visitor can switch language too, and it sticks on the next page', async () => {
    const page = await e2e.newPage()
    await page.goto('/login')
    await page.getByRole('button', { name: 'English' }).click()
    await documentLanguage(page, 'en')
    await onPath(page, '/login')
    await seen(page.getByRole('heading', { level: 1, name: 'Sign in' }))
    await page.goto('/signup')
    await documentLanguage(page, 'en')
    await page.getByRole('button', { name: 'Español' }).click()
    await documentLanguage(page, 'es')
    await onPath(page, '/signup')
    await seen(page.getByRole('heading', { level: 1, name: 'Crear una cuenta' }))
  })
})

describe('without JavaScript', () => {
  test('sign in, wrong password and sign out work as plain HTML forms', async () => {
    const person = await createPerson('Elena Cux')
    const page = await e2e.newPage({ javaScriptEnabled: false })

    await signIn(page, person.email, 'no-es-la-contraseña')
    await seen(page.getByRole('alert').filter({ hasText: 'El correo o la contraseña no son correctos.' }))
    expect(new URL(page.url()).pathname).toBe('/login')

    await signIn(page, person.email, person.password)
    await onPath(page, '/')
    await seen(signedInAs(page, 'Elena Cux'))

    await page.getByRole('button', { name: 'Cerrar sesión' }).click()
    await seen(flash(page).filter({ hasText: 'Cerraste tu sesión.' }))
    await expectSignedOut(page)
  })

  test('sign up works as a plain HTML form', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false })
    await page.goto('/signup')
    await page.getByLabel('Nombre').fill('Juan Son')
    await page.getByLabel('Correo electrónico').fill(uniqueEmail('e2e'))
    await page.getByLabel('Contraseña').fill(PASSWORD)
    await page.getByLabel('Acepto los términos de uso y el aviso de privacidad').check()
    await page.getByRole('button', { name: 'Crear cuenta' }).click()
    await onPath(page, '/')
    await seen(flash(page).filter({ hasText: 'Tu cuenta está lista.' }))
    await seen(signedInAs(page, 'Juan Son'))
  })

  test('the language switcher works without JavaScript', async () => {
    const page = await e2e.newPage({ javaScriptEnabled: false })
    await page.goto('/login')
    await documentLanguage(page, 'es')
    await page.getByRole('button', { name: 'English' }).click()
    await documentLanguage(page, 'en')
    await onPath(page, '/login')
    await seen(page.getByRole('heading', { level: 1, name: 'Sign in' }))
    await seen(mainNav(page, 'Main navigation').getByRole('link', { name: 'Sign in' }))

    await page.getByRole('button', { name: 'Español' }).click()
    await documentLanguage(page, 'es')
    await seen(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }))
  })
})
