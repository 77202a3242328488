import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { migrationsFolder } from '#db/client.ts'

/**
 * Migration 0007 (issue 11) on a database that has data from before them: free-text
 * service areas become keys of the list (or 'other'), and indicators get the range their figures keep.
 */

let dir: string
let client: PGlite
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cocrea-migrations-'))
  await cp(migrationsFolder, dir, { recursive: true })
  const journal = JSON.parse(await readFile(path.join(dir, 'meta/_journal.json'), 'utf8'))
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0007')
  await writeFile(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal))
  client = new PGlite({ extensions: { pg_trgm, unaccent } })
  await client.waitReady
})
afterAll(async () => {
  await client?.close()
  await rm(dir, { recursive: true, force: true })
})

test('free-text service areas map to the list, unknown ones to other; indicators get 0 / 100 where their figures allow', async () => {
  const db = drizzle({ client })
  await migrate(db, { migrationsFolder: dir })
  const [{ id: inst }] = (await client.query<{ id: string }>(`insert into institutions (slug, acronym, name) values ('renap', 'RENAP', 'Registro') returning id`)).rows
  const areas = ['Identificación y registro civil', 'Empleo público', 'Gestión documental y acceso a la información', 'Salud', 'water', '', 'Turismo']
  for (const [i, area] of areas.entries()) {
    await client.query(`insert into challenges (slug, title, problem, institution_id, service_area) values ($1, 't', 'p', $2, $3)`, [`r${i}`, inst, area])
  }
  const [{ id: user }] = (await client.query<{ id: string }>(`insert into users (email, name, password_hash) values ('a@b.gt', 'A', 'x') returning id`)).rows
  const [{ id: pilot }] = (
    await client.query<{ id: string }>(
      `insert into pilots (slug, challenge_id, title, summary, institution_id, lead_id, start_date, end_date, budget_gtq) select 'p', id, 't', 's', $1, $2, '2026-01-01', '2026-12-31', 0 from challenges limit 1 returning id`,
      [inst, user],
    )
  ).rows
  const kpi = async (name: string, unit: string, baseline: number, target: number, values: number[]) => {
    const [{ id }] = (await client.query<{ id: string }>(`insert into kpis (pilot_id, name, unit, baseline, target) values ($1, $2, $3, $4, $5) returning id`, [pilot, name, unit, baseline, target])).rows
    for (const v of values) await client.query(`insert into kpi_measurements (kpi_id, measured_on, value) values ($1, '2026-02-01', $2)`, [id, v])
  }
  await kpi('espera', 'minutos', 150, 45, [148, 112])
  await kpi('citas', '%', 0, 60, [18, 34])
  await kpi('cambio', '%', -5, 10, [-2])
  await kpi('sobre', '%', 90, 130, [120])

  await migrate(db, { migrationsFolder })
  const rows = (await client.query<{ slug: string; service_area: string }>(`select slug, service_area from challenges order by slug`)).rows
  expect(rows.map((r) => r.service_area)).toEqual(['identity', 'economy', 'digital', 'health', 'water', 'other', 'other'])
  await expect(client.query(`update challenges set service_area = 'Turismo'`)).rejects.toThrow()
  const ranges = (await client.query<{ name: string; min_value: string | null; max_value: string | null }>(`select name, min_value, max_value from kpis order by name`)).rows
  expect(ranges).toEqual([
    { name: 'cambio', min_value: null, max_value: '100.00' },
    { name: 'citas', min_value: '0.00', max_value: '100.00' },
    { name: 'espera', min_value: '0.00', max_value: null },
    { name: 'sobre', min_value: '0.00', max_value: null },
  ])
})
