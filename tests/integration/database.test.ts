import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordAudit } from '#app/services/platform/audit.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { setDatabase, type DatabaseHandle } from '#db/client.ts'
import * as Y from 'yjs'
import { readElements } from '#app/board/model.ts'
import {
  auditLog,
  boards,
  boardUpdates,
  challenges,
  cocreationSessions,
  comments,
  ideaAuthors,
  ideas,
  institutions,
  sessionDotVotes,
  sessionParticipants,
  sessionPromotions,
  users,
  voteBudgets,
  votes,
} from '#db/schema.ts'
import { seedDemoData } from '#server/demo/seed.ts'
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

  test('a co-creation session that ended, with a board of a dozen Spanish notes, attendance, dots and a promoted idea, and one next week', async () => {
    const db = database.db
    const [challenge] = await db.select().from(challenges).where(eq(challenges.phase, 'cocreation'))
    const sessions = await db.select().from(cocreationSessions).where(eq(cocreationSessions.challengeId, challenge.id))
    const ended = sessions.find((s) => s.status === 'ended')!
    const scheduled = sessions.find((s) => s.status === 'scheduled')!
    expect(sessions).toHaveLength(2)
    const days = (scheduled.startsAt.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(5)
    expect(days).toBeLessThan(9)
    const [board] = await db.select().from(boards).where(eq(boards.id, ended.boardId))
    expect(['hmw', 'empathy']).toContain(board.template)
    const doc = new Y.Doc()
    for (const row of await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id)).orderBy(boardUpdates.id)) Y.applyUpdate(doc, row.update)
    const notes = readElements(doc).filter((e) => e.type === 'note')
    doc.destroy()
    expect(notes.length).toBeGreaterThanOrEqual(12)
    expect(notes.every((n) => /[a-z]/.test(n.text) && n.authorName)).toBe(true)
    expect(notes.map((n) => n.text).join(' ')).toMatch(/convocatoria/)
    const participants = await db.select().from(sessionParticipants).where(eq(sessionParticipants.sessionId, ended.id))
    expect(participants.length).toBeGreaterThanOrEqual(10)
    const dots = await db.select().from(sessionDotVotes).where(eq(sessionDotVotes.sessionId, ended.id))
    const noteIds = new Set(notes.map((n) => n.id))
    expect(dots.length).toBeGreaterThan(0)
    expect(dots.every((d) => noteIds.has(d.noteId))).toBe(true)
    for (const p of participants) expect(dots.filter((d) => d.participantId === p.id).reduce((n, d) => n + d.count, 0)).toBeLessThanOrEqual(ended.dotBudget)
    const [promotion] = await db.select().from(sessionPromotions).where(eq(sessionPromotions.sessionId, ended.id))
    const [idea] = await db.select().from(ideas).where(eq(ideas.id, promotion.ideaId))
    expect(idea).toMatchObject({ challengeId: challenge.id, status: 'published' })
    expect(notes.find((n) => n.id === promotion.elementId)?.ideaId).toBe(idea.id)
    const [author] = await db.select().from(ideaAuthors).where(eq(ideaAuthors.ideaId, idea.id))
    expect(notes.find((n) => n.id === promotion.elementId)?.authorKey).toBe(`user:${author.userId}`)
    // The scheduled session's board holds its template's frames.
    expect(await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, scheduled.boardId))).toHaveLength(1)
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
