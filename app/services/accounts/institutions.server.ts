import { and, asc, eq, ne } from 'drizzle-orm'
import { type z } from 'zod'
import { getDb } from '#db/client.ts'
import { institutions } from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type institutionSchema } from '../platform/schemas.ts'
import { type SessionUser } from './auth-sessions.server.ts'

type InstitutionInput = z.output<typeof institutionSchema>

const acronymTaken = () => new DomainError('conflict', 'errors.institutionTaken', { fields: { acronym: ['validation.acronymTaken'] } })

/** Postgres' unique_violation, as postgres-js reports it (code) or as drizzle wraps it (cause.code). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null
  return e?.code === '23505' || e?.cause?.code === '23505'
}

const SLUG_MAX = 60

/** A readable URL part: lower-case ASCII words joined by dashes, at most 60 characters, cut between words (never mid-word). */
export function slugify(text: string) {
  const full = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (full.length <= SLUG_MAX) return full
  // The last whole word that fits; a single word longer than the limit is cut, there is nowhere else to cut it.
  const cut = full.slice(0, SLUG_MAX + 1).lastIndexOf('-')
  return cut > 0 ? full.slice(0, cut) : full.slice(0, SLUG_MAX)
}

export function listInstitutions() {
  return getDb().select().from(institutions).orderBy(asc(institutions.acronym))
}

export async function createInstitution(actor: SessionUser, input: InstitutionInput) {
  requirePermission(actor, 'manage:institution')
  const slug = slugify(input.acronym)
  try {
    return await getDb().transaction(async (tx) => {
      const [taken] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.slug, slug))
      if (taken) throw acronymTaken()
      const [row] = await tx.insert(institutions).values({ ...input, slug }).returning()
      await recordAudit(tx, { actorId: actor.id, action: 'institution.create', entityType: 'institution', entityId: row.id, after: row })
      return row
    })
  } catch (error) {
    // Two admins adding the same acronym at once both pass the check above; the unique slug stops the second.
    if (isUniqueViolation(error)) throw acronymTaken()
    throw error
  }
}

export async function updateInstitution(actor: SessionUser, id: string, input: InstitutionInput) {
  requirePermission(actor, 'manage:institution')
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(institutions).where(eq(institutions.id, id)).for('update')
    if (!before) throw new DomainError('not_found')
    const [other] = await tx
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(eq(institutions.slug, slugify(input.acronym)), ne(institutions.id, id)))
    if (other) throw acronymTaken()
    const [after] = await tx
      .update(institutions)
      .set({ acronym: input.acronym, name: input.name, description: input.description, website: input.website, updatedAt: new Date() })
      .where(eq(institutions.id, id))
      .returning()
    await recordAudit(tx, { actorId: actor.id, action: 'institution.update', entityType: 'institution', entityId: id, before, after })
    return after
  })
}
