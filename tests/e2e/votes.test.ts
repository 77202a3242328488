import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createAuthSession, generateAuthSessionToken } from '#app/services/accounts/auth-sessions.server.ts'
import { SESSION_COOKIE } from '#app/utils/cookies.server.ts'
import { challenges, ideas, institutions } from '#db/schema.ts'
import { createPerson, expectNoBrowserErrors, seen, startE2E, WAIT, type E2E } from './helpers.ts'

let e2e: E2E
let institutionId: string
let authorId: string
beforeAll(async () => {
  e2e = await startE2E()
  const [inst] = await e2e.server.database.db
    .insert(institutions)
    .values({ slug: `inst-${suffix()}`, acronym: 'RENAP', name: 'Registro Nacional de las Personas' })
    .returning()
  institutionId = inst.id
  authorId = (await createPerson('Autora de la idea')).id
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const suffix = () => randomBytes(5).toString('hex')

/** A challenge in voting with two ideas, written straight into the test server's database. */
async function votingChallenge(method: 'support' | 'dots' = 'support') {
  const db = e2e.server.database.db
  const slug = `reto-votos-${suffix()}`
  const [challenge] = await db
    .insert(challenges)
    .values({
      slug,
      title: '¿Cómo podríamos reducir la espera para renovar el DPI?',
      problem: 'Las filas son largas.',
      institutionId,
      phase: 'voting',
      votingMethod: method,
      votingBudget: method === 'dots' ? 5 : 1,
      votingMaxPerIdea: method === 'dots' ? 3 : 1,
    })
    .returning()
  const rows = await db
    .insert(ideas)
    .values([
      { challengeId: challenge.id, title: 'Citas en línea por municipio', description: 'Agendar la renovación en línea.', createdBy: authorId },
      { challengeId: challenge.id, title: 'Oficinas móviles los sábados', description: 'Llevar el servicio a las aldeas.', createdBy: authorId },
    ])
    .returning()
  return { challenge, ideas: rows }
}

/** A fresh browser context signed in as a new citizen (the session is created directly, as the Epic Stack fixtures do). */
async function citizenPage(name: string, options: BrowserContextOptions = {}) {
  const person = await createPerson(name)
  const token = generateAuthSessionToken()
  await createAuthSession(token, person.id)
  const page = await e2e.newPage(options)
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: e2e.baseUrl, httpOnly: true, sameSite: 'Lax' }])
  return page
}

const tally = (page: Page, ideaId: string) => page.locator(`[data-idea-tally="${ideaId}"]`)
const tallyIs = (page: Page, ideaId: string, text: string) => seen(tally(page, ideaId).filter({ hasText: new RegExp(`^${text}$`) }))

describe('voting on a challenge page', () => {
  test('without JavaScript a citizen votes through the plain form and sees the tally after the redirect', async () => {
    const { challenge, ideas: [idea] } = await votingChallenge('support')
    const page = await citizenPage('Rosa Sin Script', { javaScriptEnabled: false })
    await page.goto(`/retos/${challenge.slug}`)
    await tallyIs(page, idea.id, '0 votos')
    await seen(page.getByText('Aún no apoyas ninguna idea.'))

    await page.getByRole('button', { name: `Apoyar «${idea.title}»` }).click()
    await page.waitForURL((url) => url.pathname === `/retos/${challenge.slug}` && url.hash === `#idea-${idea.id}`, { timeout: WAIT })
    await tallyIs(page, idea.id, '1 voto')
    await seen(page.getByRole('status').filter({ hasText: 'Tu voto quedó registrado.' }))
    await seen(page.getByText('Apoyas 1 idea.'))
    const [row] = await e2e.server.database.db.select({ votes: ideas.voteTotal }).from(ideas).where(eq(ideas.id, idea.id))
    expect(row.votes).toBe(1)

    // And back: the same button now withdraws.
    await page.getByRole('button', { name: `Retirar apoyo a «${idea.title}»` }).click()
    await seen(page.getByRole('status').filter({ hasText: 'Retiraste tu voto.' }))
    await tallyIs(page, idea.id, '0 votos')
  })

  test('without JavaScript, dots: choose how many and save; the remaining budget follows', async () => {
    const { challenge, ideas: [idea] } = await votingChallenge('dots')
    const page = await citizenPage('Pedro Sin Script', { javaScriptEnabled: false })
    await page.goto(`/retos/${challenge.slug}`)
    await seen(page.getByText('Tienes 5 votos, te quedan 5.'))
    await page.getByLabel(`Tus votos para «${idea.title}»`).selectOption('3')
    await page.locator(`#idea-${idea.id}`).getByRole('button', { name: 'Guardar' }).click()
    await seen(page.getByText('Tienes 5 votos, te quedan 2.'))
    await tallyIs(page, idea.id, '3 votos')
  })

  test('two people on the same page: a vote in one updates the tally in the other within a second', async () => {
    const { challenge, ideas: [idea, other] } = await votingChallenge('support')
    const [voter, watcher] = await Promise.all([citizenPage('Ana Votante'), citizenPage('Luis Observador')])
    await Promise.all([voter.goto(`/retos/${challenge.slug}`), watcher.goto(`/retos/${challenge.slug}`)])
    await Promise.all([tallyIs(voter, idea.id, '0 votos'), tallyIs(watcher, idea.id, '0 votos')])
    // Both pages are hydrated and watching before the vote.
    await Promise.all([voter, watcher].map((p) => p.waitForFunction(() => document.querySelector('input[name="enhanced"]') !== null, undefined, { timeout: WAIT })))
    // …and the server has both their /live sockets in the challenge's room.
    await vi.waitFor(() => expect(e2e.server.io.of('/live').adapter.rooms.get(`challenge:${challenge.id}`)?.size).toBe(2), { timeout: WAIT, interval: 20 })

    // The second counts from the click landing, not from Playwright finding the button.
    await voter.getByRole('button', { name: `Apoyar «${idea.title}»` }).click()
    await tally(watcher, idea.id).filter({ hasText: /^1 voto$/ }).waitFor({ state: 'visible', timeout: 1000 })
    await tallyIs(voter, idea.id, '1 voto')
    await tallyIs(watcher, other.id, '0 votos')
    // The voter's page did not reload: the fetcher answered in place.
    await seen(voter.locator(`#idea-${idea.id}`).getByRole('status').filter({ hasText: 'Tu voto quedó registrado.' }))
    await seen(voter.getByRole('button', { name: `Retirar apoyo a «${idea.title}»` }))

    // The watcher's screen reader hears about it once, politely.
    await watcher.locator('[aria-live="polite"]').filter({ hasText: `«${idea.title}» tiene ahora 1 voto.` }).waitFor({ state: 'attached', timeout: WAIT })
  })
})
