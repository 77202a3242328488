import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as schema from './schema.ts'

/**
 * Both engines speak the same SQL through the same drizzle query builder; we type the
 * handle as the postgres-js one so services have one type to work with.
 */
export type Db = PostgresJsDatabase<typeof schema>

export type DatabaseHandle = {
  db: Db
  engine: 'pglite' | 'postgres'
  ping: () => Promise<void>
  close: () => Promise<void>
  /** PGlite only: the whole data directory as one file. */
  dump?: () => Promise<Blob | File>
}

export type DatabaseOptions = {
  /** A postgres:// URL; without it, embedded PGlite. */
  databaseUrl?: string
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string
  /** A PGlite dump to start from (tests copy a migrated template instead of migrating each time). */
  loadDataDir?: Blob
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

// Any lock id will do as long as every instance uses the same one.
const MIGRATION_LOCK_ID = 7_200_417

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl)
  return openPglite(options.dataDir, options.loadDataDir)
}

async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const options = { extensions: { pg_trgm, unaccent }, loadDataDir }
  const client = dataDir ? new PGlite(path.resolve(dataDir), options) : new PGlite(options)
  await client.waitReady
  const db = drizzlePglite({ client, schema })
  await migratePglite(db, { migrationsFolder })
  return {
    db: db as unknown as Db,
    engine: 'pglite',
    ping: async () => {
      await client.query('select 1')
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir('none'),
  }
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  // Migrate on one dedicated connection holding an advisory lock, so several instances starting at once migrate once.
  const migrator = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`
    await migratePostgres(drizzlePostgres({ client: migrator }), { migrationsFolder })
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`
  } finally {
    await migrator.end()
  }
  const client = postgres(url, { max: 10, onnotice: () => {}, connect_timeout: 5 })
  const db = drizzlePostgres({ client, schema })
  return {
    db,
    engine: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`)
    },
    close: () => client.end({ timeout: 5 }),
  }
}

// One database per process, set by startServer: the Remix build imports this module from
// source like server/ does, so both see this one variable (ADR 025).
let current: DatabaseHandle | undefined

export function setDatabase(handle: DatabaseHandle | undefined) {
  current = handle
}

export function getDatabase(): DatabaseHandle {
  const handle = current
  if (!handle) throw new Error('The database is not open yet')
  return handle
}

export function getDb(): Db {
  return getDatabase().db
}
