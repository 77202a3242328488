import { and, asc, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedDemoData } from '#server/demo/seed.ts'
import { challenges, ideas, pilots, pilotUpdates, selectionDecisions } from '#db/schema.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'
import { getPage } from '#tests/helpers/forms.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'
import { sessionHelpers } from '#tests/helpers/sessions.ts'
import { pageText } from '#tests/helpers/html.ts'

let server: TestServer
const { person, liveSession, schedule } = sessionHelpers(() => server)

beforeAll(async () => {
  server = await startTestServer({ database: await createTestDatabase() })
}, 120_000)
afterAll(() => server?.stop())

/** The home section a visitor reads under one heading (sections do not nest). */
function section(html: string, id: string) {
  const match = new RegExp(`<section[^>]*data-testid="home-${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)
  expect(match, `section ${id}`).not.toBeNull()
  return match![1]
}
const text = pageText

describe('the home page shows what is happening (issue 11 §3)', () => {
  test('on an empty platform each section says what is true and links to its full list', async () => {
    const { html, status } = await getPage(server.url, '/')
    expect(status).toBe(200)
    expect(text(section(html, 'challenges'))).toContain('No hay retos abiertos en este momento')
    expect(section(html, 'challenges')).toContain('href="/retos"')
    expect(text(section(html, 'sessions'))).toContain('No hay sesiones en vivo ni programadas por ahora.')
    expect(text(section(html, 'selected'))).toContain('Todavía no hay ideas seleccionadas')
    expect(text(section(html, 'updates'))).toContain('Los pilotos todavía no han informado avances.')
    expect(section(html, 'updates')).toContain('href="/pilotos"')
  })

  test('with the demo data: open challenges with deadlines, a live session marked live with a join link, selected ideas, pilot updates and figures', async () => {
    await seedDemoData(server.database.db)
    const db = server.database.db
    const [cocreating] = await db.select().from(challenges).where(eq(challenges.phase, 'cocreation')).orderBy(asc(challenges.createdAt)).limit(1)
    const facilitator = await person('facilitator', 'Facilitadora En Vivo')
    const live = await liveSession(facilitator, cocreating.id, { title: 'Taller en vivo: trámites desde el teléfono' })
    const later = await schedule(facilitator, cocreating.id, { title: 'Taller de la próxima semana', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 7 * 86_400_000 + 7_200_000).toISOString() })

    const { html } = await getPage(server.url, '/')

    // Sessions: the live one first, marked "En vivo" with a join link; the scheduled one with its date, no join button.
    const sessions = section(html, 'sessions')
    const items = [...sessions.matchAll(/<li[^>]*data-session="([^"]+)"[^>]*data-status="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)]
    expect(items[0]![1]).toBe(live.id)
    expect(items[0]![2]).toBe('live')
    expect(text(items[0]![3])).toContain('En vivo')
    expect(text(items[0]![3])).toContain('Taller en vivo: trámites desde el teléfono')
    const join = /<a[^>]*data-testid="session-join"[^>]*>([^<]*)<\/a>/.exec(items[0]![3])!
    expect(join[0]).toContain(`href="/sesiones/${live.id}"`)
    expect(join[1]).toBe('Unirse')
    const scheduled = items.find((m) => m[1] === later.id)!
    expect(scheduled[2]).toBe('scheduled')
    expect(text(scheduled[3])).toContain('Programada')
    expect(scheduled[3]).not.toContain('session-join')
    expect(scheduled[3]).toMatch(/<time dateTime="[^"]+">\d{1,2}\/\d{1,2}\/\d{4}/)
    // The demo session that ended two days ago is neither live nor upcoming.
    expect(text(sessions)).not.toContain('postular a un empleo público sin viajar')

    // Challenges open to participation, each with when its current phase ends; drafts never.
    const open = section(html, 'challenges')
    expect(text(open)).toContain(cocreating.title)
    expect(text(open)).toMatch(/Co-creación hasta el \d{1,2}\/\d{1,2}\/\d{4}/)
    const drafts = await db.select().from(challenges).where(eq(challenges.phase, 'draft'))
    for (const d of drafts) expect(html).not.toContain(d.title)
    // Every card has a cover box of fixed shape; an uploaded image would be lazy with width and height.
    expect(open).toMatch(/data-cover="(generated|image)"/)

    // The most recently selected idea, linked.
    const [selected] = await db
      .select({ id: ideas.id, title: ideas.title })
      .from(selectionDecisions)
      .innerJoin(ideas, eq(ideas.id, selectionDecisions.ideaId))
      .where(and(eq(selectionDecisions.selected, true)))
      .orderBy(desc(selectionDecisions.createdAt))
      .limit(1)
    const chosen = section(html, 'selected')
    expect(text(chosen)).toContain(selected.title)
    expect(chosen).toContain(`href="/ideas/${selected.id}"`)
    expect(text(chosen)).toMatch(/Seleccionada el \d/)

    // The latest pilot update, with its pilot and its author linked to their public profile.
    const [update] = await db
      .select({ id: pilotUpdates.id, authorId: pilotUpdates.authorId, pilotTitle: pilots.title })
      .from(pilotUpdates)
      .innerJoin(pilots, eq(pilots.id, pilotUpdates.pilotId))
      .orderBy(desc(pilotUpdates.createdAt))
      .limit(1)
    const updates = section(html, 'updates')
    expect(text(updates)).toContain(update.pilotTitle)
    expect(updates).toContain(`#update-${update.id}`)
    expect(updates).toContain(`href="/personas/${update.authorId}"`)

    // Figures a visitor can check against the lists.
    const figures = /data-testid="home-figures"[^>]*>([\s\S]*?)<\/dl>/.exec(html)![1]
    expect(text(figures)).toMatch(/Retos abiertos \d+/)
    expect(text(figures)).toMatch(/Pilotos en marcha \d+/)
  })

  test('in English too', async () => {
    const { html } = await getPage(server.url, '/', { 'accept-language': 'en' })
    expect(text(section(html, 'sessions'))).toContain('Live')
    expect(text(section(html, 'sessions'))).toContain('Join')
    expect(text(section(html, 'challenges'))).toMatch(/Co-creation until [A-Z][a-z]{2} \d{1,2}, \d{4}/)
  })
})
