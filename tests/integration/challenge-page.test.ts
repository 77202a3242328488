import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ideas } from '#db/schema.ts'
import { getPage } from '#tests/helpers/forms.ts'
import { insertChallenge, insertIdea, insertInstitution, insertUser } from '#tests/helpers/fixtures.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

test('a challenge with many ideas is paged, most voted first, with the ranking on every page', async () => {
  const db = server.database.db
  const institution = await insertInstitution(db)
  const author = await insertUser(db, { name: 'Autora Prolífica' })
  const challenge = await insertChallenge(db, { institutionId: institution.id, title: 'Un reto con muchas ideas', phase: 'voting' })
  for (let i = 1; i <= 30; i++) {
    const idea = await insertIdea(db, { challengeId: challenge.id, createdBy: author.id, title: `Propuesta número ${String(i).padStart(2, '0')}` })
    await db.update(ideas).set({ voteTotal: i }).where(eq(ideas.id, idea.id))
  }
  const first = await getPage(server.url, `/retos/${challenge.slug}`)
  expect(first.status).toBe(200)
  expect(first.html).toContain('Página 1 de 2 · 30 ideas')
  // Most voted first: 30 … 7 on page 1, the six least voted on page 2.
  expect(first.html).toContain('Propuesta número 30')
  expect(first.html).not.toContain('Propuesta número 06<')
  const second = await getPage(server.url, `/retos/${challenge.slug}?pagina=2`)
  expect(second.html).toContain('Página 2 de 2 · 30 ideas')
  expect(second.html).toContain('Propuesta número 06')
  expect(second.html).toContain('Propuesta número 01')
  // The results table still shows the top of the ranking on page 2.
  const results = second.html.slice(second.html.indexOf('id="results-title"'))
  expect(results).toContain('Propuesta número 30')
  // Nonsense page numbers fall back to the first page.
  expect((await getPage(server.url, `/retos/${challenge.slug}?pagina=-3`)).html).toContain('Página 1 de 2')
})
