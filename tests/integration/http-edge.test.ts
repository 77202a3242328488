import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { postForm } from '#tests/helpers/forms.ts'
import { signUpAndSignIn } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

// What browsers do with a Location: tabs and newlines vanish, `\` is `/`; the result must stay on our host.
const hostileRedirects = ['/\t/example.org', '%2F%09%2Fexample.org', '/\n/example.org', '//example.org', '/\\example.org', '/%2F/example.org', '/%5C%5Cexample.org', 'https://example.org', '/%09/example.org']

describe('open redirects', () => {
  test('sign-in sends the person back only to a path of this site', async () => {
    const { email, password } = await signUpAndSignIn(server.url, 'Redirigida Segura')
    for (const redirectTo of hostileRedirects) {
      // As /login?redirectTo=… puts it in the form: decoded once by the page.
      const value = redirectTo.includes('%') ? decodeURIComponent(redirectTo) : redirectTo
      const signedIn = await postForm(server.url, '/login', { email, password, redirectTo: value })
      expect(signedIn.status, value).toBe(302)
      expect(signedIn.location, value).toBe('/')
    }
    const fine = await postForm(server.url, '/login', { email, password, redirectTo: '/retos?fase=abierta' })
    expect(fine.location).toBe('/retos?fase=abierta')
  })

  test('the language switcher too', async () => {
    for (const redirectTo of hostileRedirects) {
      const value = redirectTo.includes('%') ? decodeURIComponent(redirectTo) : redirectTo
      const switched = await postForm(server.url, '/language', { lng: 'en', redirectTo: value })
      expect(switched.status, value).toBe(302)
      expect(switched.location, value).toBe('/')
    }
    expect((await postForm(server.url, '/language', { lng: 'en', redirectTo: '/pilotos' })).location).toBe('/pilotos')
  })
})
