import { z } from 'zod'

/** What the audit log can be filtered by: the kinds of thing an entry is about. */
export const auditEntityTypes = ['challenge', 'idea', 'comment', 'pilot', 'cocreation_session', 'user', 'institution'] as const
export type AuditEntityType = (typeof auditEntityTypes)[number]

// An empty select or date in a GET form means "any": '' becomes undefined before the check.
const blankIsNothing = (v: unknown) => (v === '' || v === null ? undefined : v)
const isoDay = z.iso.date({ error: 'validation.invalid' })

/**
 * The audit page's filters (a GET form, so they live in the URL): who (an account id, or
 * `system` for entries made by nobody, e.g. the admin command), what (an action such as
 * `challenge.phase`, or a kind of entity), when (days in the lab's time zone, inclusive), and the page.
 */
export const auditFilterSchema = z
  .object({
    actor: z.preprocess(blankIsNothing, z.union([z.uuid({ error: 'validation.invalid' }), z.literal('system')]).optional()),
    action: z.preprocess(blankIsNothing, z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+){0,3}$/, 'validation.invalid').max(80).optional()),
    entity: z.preprocess(blankIsNothing, z.enum(auditEntityTypes, { error: 'validation.invalid' }).optional()),
    from: z.preprocess(blankIsNothing, isoDay.optional()),
    to: z.preprocess(blankIsNothing, isoDay.optional()),
    page: z.preprocess(blankIsNothing, z.coerce.number().int().min(1).max(100_000).optional().default(1)),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'admin.audit.toBeforeFrom' })
export type AuditFilter = z.output<typeof auditFilterSchema>

/** The filters of a URL's query (unknown parameters are ignored; a repeated one counts once). */
export function parseAuditFilter(searchParams: URLSearchParams) {
  const raw = Object.fromEntries(['actor', 'action', 'entity', 'from', 'to', 'page'].map((k) => [k, searchParams.get(k) ?? undefined]))
  return auditFilterSchema.safeParse(raw)
}

/** The query string of a set of filters (empty ones left out; page 1 left out), for links and the CSV. */
export function auditQuery(filter: Partial<AuditFilter>, overrides: Partial<AuditFilter> = {}) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...filter, ...overrides })) {
    if (v === undefined || v === null || v === '' || (k === 'page' && v === 1)) continue
    params.set(k, String(v))
  }
  const query = params.toString()
  return query ? `?${query}` : ''
}
