import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordAudit } from '#app/services/audit.server.ts'
import { createUser } from '#app/services/users.server.ts'
import { setDatabase, type DatabaseHandle } from '#db/client.ts'
import { auditLog, challenges, comments, ideas, institutions, users, voteBudgets, votes } from '#db/schema.ts'
import { seedDemoData } from '#db/seed.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'

let database: DatabaseHandle
beforeAll(async () => {
  database = await createTestDatabase()
  setDatabase(database)
})
afterAll(() => database?.close())

describe('the audit log is append-only in the database itself', () => {
  test('UPDATE, DELETE and TRUNCATE are refused and the record stays', async () => {
    await recordAudit(database.db, { actorId: null, action: 'test.append', entityType: 'test', entityId: '1', after: { n: 1 } })
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'test.append'))
    await expect(database.db.update(auditLog).set({ action: 'test.rewritten' }).where(eq(auditLog.id, row.id))).rejects.toThrow()
    await expect(database.db.delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow()
    await expect(database.db.execute(sql`truncate audit_log`)).rejects.toThrow()
    const [still] = await database.db.select().from(auditLog).where(eq(auditLog.id, row.id))
    expect(still).toEqual(row)
  })

  test('a change and its audit record commit together: a failed change leaves no record', async () => {
    const before = (await database.db.select().from(auditLog)).length
    const input = { email: 'duplicada@ejemplo.gt', password: 'una-clave-larga', name: 'Dupla', role: 'citizen' as const, institutionId: null }
    await createUser('system', input)
    await expect(createUser('system', input)).rejects.toMatchObject({ code: 'email_taken' })
    expect((await database.db.select().from(auditLog)).length).toBe(before + 1)
    expect(await database.db.select().from(users).where(eq(users.email, input.email))).toHaveLength(1)
  })
})

describe('demo data', () => {
  test('loads the innovation commitment’s institutions and one account per role, once', async () => {
    const credentials = await seedDemoData(database.db)
    expect(credentials?.map((c) => c.role).sort()).toEqual(['admin', 'citizen', 'facilitator', 'official'])
    const acronyms = (await database.db.select().from(institutions)).map((i) => i.acronym).sort()
    expect(acronyms).toEqual(['GAE', 'INAP', 'MINFIN', 'ONSEC', 'RENAP', 'SENACYT'])
    const [official] = await database.db.select().from(users).where(eq(users.role, 'official'))
    expect(official.institutionId).not.toBeNull()
    const counts = async () => [(await database.db.select().from(users)).length, (await database.db.select().from(institutions)).length]
    const after = await counts()
    expect(await seedDemoData(database.db)).toBeNull()
    expect(await counts()).toEqual(after)
  })

  test('five Spanish challenges in different phases, with ideas, comments and votes whose tallies add up', async () => {
    const rows = await database.db.select().from(challenges)
    expect(rows).toHaveLength(5)
    expect(new Set(rows.map((c) => c.phase))).toEqual(new Set(['voting', 'open', 'cocreation', 'evaluation', 'piloting']))
    expect(rows.map((c) => c.title).join(' ')).toMatch(/DPI.*Guatecompras.*servicio civil.*archivos/s)
    expect((await database.db.select().from(ideas)).length).toBeGreaterThanOrEqual(10)
    expect((await database.db.select().from(comments)).length).toBeGreaterThanOrEqual(5)
    const cast = await database.db.select().from(votes)
    for (const idea of await database.db.select().from(ideas)) {
      expect(idea.voteTotal).toBe(cast.filter((v) => v.ideaId === idea.id).reduce((n, v) => n + v.count, 0))
    }
    const budgets = await database.db.select().from(voteBudgets)
    for (const b of budgets) {
      const sum = cast.filter((v) => v.userId === b.userId && v.challengeId === b.challengeId).reduce((n, v) => n + v.count, 0)
      expect(b.used).toBe(sum)
    }
    expect(cast.length).toBeGreaterThan(0)
  })

  test('two seeders racing still load once', async () => {
    const fresh = await createTestDatabase()
    try {
      const results = await Promise.all([seedDemoData(fresh.db), seedDemoData(fresh.db)])
      expect(results.filter((r) => r !== null)).toHaveLength(1)
      expect(await fresh.db.select().from(institutions)).toHaveLength(6)
    } finally {
      await fresh.close()
    }
  })
})
