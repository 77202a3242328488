import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import postgres from 'postgres'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { pgliteTemplate } from './paths.ts'

/** The PostgreSQL server the suite runs against, when asked to (CI runs the suite on both engines). */
export const testPostgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined

/**
 * A database of this test file's own: on PostgreSQL a fresh database created (and migrated)
 * for it and dropped afterwards; on PGlite an in-memory copy of a migrated template.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  if (!testPostgresUrl) {
    const template = new Blob([await readFile(pgliteTemplate)])
    return openDatabase({ loadDataDir: template })
  }
  const name = `cocrea_test_${randomBytes(6).toString('hex')}`
  const admin = postgres(testPostgresUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(testPostgresUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString() })
  return {
    ...handle,
    /** For a server started as a child process on the same database. */
    url: url.toString(),
    close: async () => {
      await handle.close()
      const cleanup = postgres(testPostgresUrl, { max: 1, onnotice: () => {} })
      await cleanup.unsafe(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}
