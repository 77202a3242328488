import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { roles } from '#app/domain/vocabulary.ts'
import { getDb } from '#db/client.ts'
import { institutions, users } from '#db/schema.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { isUuid, safeText } from '../platform/schemas.ts'
import { type SessionUser } from '../platform/types.ts'

/** The admin's table of people: a search (name or e-mail), a role, and the page — from the URL of a GET form. */
export const userSearchSchema = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), safeText().max(100, 'validation.tooLong').optional().default('')),
  role: z.preprocess((v) => (v === '' ? undefined : v), z.enum(roles, { error: 'validation.role' }).optional()),
  page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100_000).optional().default(1)),
})
export type UserSearch = z.output<typeof userSearchSchema>

export const USERS_PAGE_SIZE = 25

// `%` and `_` typed by a person are letters to find, not wildcards.
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const listColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  institutionId: users.institutionId,
  institutionAcronym: institutions.acronym,
  blockedAt: users.blockedAt,
  createdAt: users.createdAt,
}

/** People whose name or e-mail contains the search (any case), optionally of one role, by name, a page at a time. */
export async function searchUsers(actor: SessionUser, search: UserSearch) {
  requirePermission(actor, 'manage:user')
  const db = getDb()
  const where: SQL | undefined = and(
    search.q ? or(ilike(users.name, likeText(search.q)), ilike(users.email, likeText(search.q))) : undefined,
    search.role ? eq(users.role, search.role) : undefined,
  )
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(users).where(where),
    db
      .select(listColumns)
      .from(users)
      .leftJoin(institutions, eq(users.institutionId, institutions.id))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(USERS_PAGE_SIZE)
      .offset((search.page - 1) * USERS_PAGE_SIZE),
  ])
  return { users: rows, total, page: search.page, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) }
}

/** One person as the admin's edit page shows them; `not_found` for an unknown (or malformed) id. */
export async function getUserForAdmin(actor: SessionUser, id: string) {
  requirePermission(actor, 'manage:user')
  if (!isUuid(id)) throw new DomainError('not_found')
  const [row] = await getDb().select(listColumns).from(users).leftJoin(institutions, eq(users.institutionId, institutions.id)).where(eq(users.id, id))
  if (!row) throw new DomainError('not_found')
  return row
}
