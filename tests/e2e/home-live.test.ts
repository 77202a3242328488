import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { startAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { startSession } from '#app/services/sessions/cocreation-sessions.server.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { cocreationSessions, users } from '#db/schema.ts'
import { repoRoot } from '#tests/helpers/paths.ts'
import { expectNoBrowserErrors, onPath, seen, startE2E, type E2E } from './helpers.ts'

const screenshots = path.join(repoRoot, 'docs/screenshots')

let e2e: E2E
let liveId = ''
let citizenId = ''

beforeAll(async () => {
  e2e = await startE2E()
  const db = e2e.server.database.db
  await seedDemoData(db)
  // The demo's scheduled workshop goes live, so the home has something happening now.
  const [scheduled] = await db.select().from(cocreationSessions).where(eq(cocreationSessions.status, 'scheduled')).limit(1)
  const [facilitator] = await db.select().from(users).where(eq(users.role, 'facilitator')).limit(1)
  await startSession(facilitator, scheduled.id)
  liveId = scheduled.id
  const [citizen] = await db.select().from(users).where(eq(users.email, 'ciudadana@demo.cocrea.gt'))
  citizenId = citizen.id
}, 180_000)
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const overflow = (page: Awaited<ReturnType<E2E['newPage']>>) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

test.for([390, 1280])('the home at %i px: the live session is marked live with its join link, selected ideas and pilot updates show; screenshot', async (width) => {
  const page = await e2e.newPage({ viewport: { width, height: 844 } })
  await page.goto('/', { waitUntil: 'load' })
  const sessions = page.getByTestId('home-sessions')
  const live = sessions.locator(`[data-session="${liveId}"]`)
  await seen(live.getByText('En vivo', { exact: true }))
  await seen(live.getByRole('link', { name: 'Unirse' }))
  await seen(page.getByRole('heading', { level: 2, name: 'Retos abiertos' }))
  expect(await page.getByTestId('home-selected').locator('[data-idea]').count()).toBeGreaterThan(0)
  expect(await page.getByTestId('home-updates').locator('[data-update]').count()).toBeGreaterThan(0)
  // Each section leads to its full list.
  await seen(page.getByRole('link', { name: 'Ver todos los retos' }))
  await seen(page.getByRole('link', { name: 'Ver todos los pilotos' }))
  // Covers keep their box: as wide as the card, a quarter as tall on a phone, 2/5 wider.
  const box = await page.getByTestId('home-challenges').locator('[data-cover]').first().boundingBox()
  expect(box!.height / box!.width).toBeCloseTo(width < 640 ? 0.25 : 0.4, 1)
  expect(await overflow(page)).toBeLessThanOrEqual(0)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.screenshot({ path: path.join(screenshots, `home-live-${width}.png`), fullPage: true, animations: 'disabled' })

  // "Unirse" leads to the session.
  await live.getByRole('link', { name: 'Unirse' }).click()
  await onPath(page, `/sesiones/${liveId}`)
})

test('on a phone, a pilot update’s author leads to a public profile without an e-mail address', async () => {
  const page = await e2e.newPage({ viewport: { width: 360, height: 740 } })
  await page.goto('/', { waitUntil: 'load' })
  const author = page.getByTestId('home-updates').locator('a[data-person]').first()
  const name = (await author.textContent())!.trim()
  await author.click()
  await seen(page.getByRole('heading', { level: 1, name }))
  expect(await page.locator('main').textContent()).not.toMatch(/@/)
  expect(await overflow(page)).toBeLessThanOrEqual(0)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.screenshot({ path: path.join(screenshots, 'profile-360.png'), fullPage: true, animations: 'disabled' })
})

test('signed in on a phone, the menu leads to Mi actividad', async () => {
  const page = await e2e.newPage({ viewport: { width: 360, height: 740 } })
  const { token } = await startAuthSession(citizenId)
  await page.context().addCookies([{ name: 'cocrea_session', value: token, url: e2e.baseUrl, httpOnly: true, secure: true, sameSite: 'Lax' }])
  await page.goto('/', { waitUntil: 'load' })
  await page.getByTestId('phone-menu').locator('summary').click()
  await page.getByTestId('phone-menu').getByRole('link', { name: 'Mi actividad' }).click()
  await onPath(page, '/mi-actividad')
  await seen(page.getByRole('heading', { level: 1, name: 'Mi actividad' }))
  await seen(page.getByRole('heading', { level: 2, name: 'Mis votos' }))
  expect(await overflow(page)).toBeLessThanOrEqual(0)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.screenshot({ path: path.join(screenshots, 'activity-360.png'), fullPage: true, animations: 'disabled' })
})
