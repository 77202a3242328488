import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { challenges, institutions, pilotIdeas, pilots, ideas, serviceAreas } from '#db/schema.ts'
import { sdgCodes } from '#app/data/sdg.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

/** Issue 11 §6: the demo's service areas and SDG targets come from the app's lists, and the database keeps it so. */

let server: TestServer
const db = () => server.database.db

beforeAll(async () => {
  server = await startTestServer()
  await seedDemoData(db())
})
afterAll(() => server?.stop())

describe('service area is an enum of the app list', () => {
  test('the database refuses a free-text service area and accepts a key of the list', async () => {
    const [inst] = await db().select().from(institutions).limit(1)
    const row = { title: 'Un reto', problem: 'Un problema', institutionId: inst.id }
    await expect(db().insert(challenges).values({ ...row, slug: 'texto-libre', serviceArea: 'Empleo público' as never })).rejects.toThrow()
    await expect(db().execute(sql`insert into challenges (slug, title, problem, institution_id, service_area) values ('texto-libre-sql', 'x', 'y', ${inst.id}, 'Identificación y registro civil')`)).rejects.toThrow()
    await expect(db().execute(sql`update challenges set service_area = 'Compras públicas'`)).rejects.toThrow()
    const [ok] = await db().insert(challenges).values({ ...row, slug: 'con-clave', serviceArea: 'identity' }).returning()
    expect(ok.serviceArea).toBe('identity')
    await db().delete(challenges).where(eq(challenges.id, ok.id))
  })

  test('every demo challenge is found by filtering /retos by its area, and its SDG targets all have names', async () => {
    const rows = await db().select().from(challenges)
    expect(rows.length).toBeGreaterThanOrEqual(5)
    for (const c of rows) {
      expect(serviceAreas).toContain(c.serviceArea)
      for (const code of c.sdgTargets) expect(sdgCodes, `${c.slug}: ${code}`).toContain(code)
    }
    for (const area of new Set(rows.filter((c) => c.phase !== 'draft').map((c) => c.serviceArea))) {
      const html = await (await fetch(`${server.url}/retos?serviceArea=${area}`)).text()
      for (const c of rows.filter((x) => x.serviceArea === area && x.phase !== 'draft')) expect(html, `${area}: ${c.slug}`).toContain(`href="/retos/${c.slug}"`)
      for (const c of rows.filter((x) => x.serviceArea !== area)) expect(html, `${area}: ${c.slug}`).not.toContain(`href="/retos/${c.slug}"`)
    }
    const identity = await (await fetch(`${server.url}/retos?serviceArea=identity`)).text()
    expect(identity).toContain('renovar el DPI')
    const dpiPage = await (await fetch(`${server.url}/retos/renovar-el-dpi-sin-filas`)).text()
    expect(dpiPage.replaceAll('<!-- -->', '')).toContain('16.9 — Identidad jurídica para todas las personas')
    expect(dpiPage).toContain('Identidad y registro civil')
  })

  test('the WhatsApp-appointments pilot belongs to RENAP and the DPI challenge', async () => {
    const [pilot] = await db().select().from(pilots).where(eq(pilots.slug, 'citas-por-whatsapp-en-sedes-piloto'))
    const [renap] = await db().select().from(institutions).where(eq(institutions.slug, 'renap'))
    const [dpi] = await db().select().from(challenges).where(eq(challenges.slug, 'renovar-el-dpi-sin-filas'))
    expect(pilot.institutionId).toBe(renap.id)
    expect(pilot.challengeId).toBe(dpi.id)
    const linked = await db().select({ challengeId: ideas.challengeId }).from(pilotIdeas).innerJoin(ideas, eq(ideas.id, pilotIdeas.ideaId)).where(eq(pilotIdeas.pilotId, pilot.id))
    expect(linked.map((i) => i.challengeId)).toEqual([dpi.id])
    const html = await (await fetch(`${server.url}/pilotos/citas-por-whatsapp-en-sedes-piloto`)).text()
    expect(html).toContain('Registro Nacional de las Personas')
    expect(html).toContain('href="/retos/renovar-el-dpi-sin-filas"')
  })
})
