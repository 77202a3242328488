import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { challenges } from '#db/schema.ts'
import { insertChallenge, insertInstitution } from '#tests/helpers/fixtures.ts'
import { signUpAndSignIn } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ pageCacheMs: 2000 })
})
afterAll(() => server?.stop())

const nonceOf = (response: Response) => response.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]

test('signed-out readers share a render for a moment, each with its own CSP nonce; signed-in readers never get it', async () => {
  const db = server.database.db
  const institution = await insertInstitution(db)
  const challenge = await insertChallenge(db, { institutionId: institution.id, title: 'Título original del reto' })
  const url = `${server.url}/retos/${challenge.slug}`

  const first = await fetch(url)
  expect(first.headers.get('x-page-cache')).toBe('miss')
  const firstHtml = await first.text()
  await db.update(challenges).set({ title: 'Título cambiado del reto' }).where(eq(challenges.id, challenge.id))

  const second = await fetch(url)
  expect(second.headers.get('x-page-cache')).toBe('hit')
  const secondHtml = await second.text()
  expect(secondHtml).toContain('Título original del reto')
  // Same page, fresh nonce: every script carries this response's nonce, none the old one.
  expect(nonceOf(second)).not.toBe(nonceOf(first))
  expect(secondHtml).toContain(`nonce="${nonceOf(second)}"`)
  expect(secondHtml).not.toContain(nonceOf(first))
  expect(firstHtml).toContain(`nonce="${nonceOf(first)}"`)

  // English readers have their own copy.
  expect(await (await fetch(url, { headers: { 'accept-language': 'en' } })).text()).toContain('Título cambiado del reto')

  // A signed-in reader always gets a fresh render.
  const { token } = await signUpAndSignIn(server.url)
  const signedIn = await fetch(url, { headers: { cookie: `cocrea_session=${token}` } })
  expect(signedIn.headers.get('x-page-cache')).toBeNull()
  expect(await signedIn.text()).toContain('Título cambiado del reto')

  // Once the short time to live (2 s) is over, signed-out readers get a fresh render with the change.
  await vi.waitFor(
    async () => {
      const response = await fetch(url)
      expect(response.headers.get('x-page-cache')).toBe('miss')
      expect(await response.text()).toContain('Título cambiado del reto')
    },
    { timeout: 5000, interval: 100 },
  )
})
