import { sql } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { institutions, users } from '#db/schema.ts'

/** Public counts for the home page. */
export async function homeStats() {
  const db = getDb()
  const [[people], [insts]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(users),
    db.select({ n: sql<number>`count(*)::int` }).from(institutions),
  ])
  return { people: people.n, institutions: insts.n }
}
