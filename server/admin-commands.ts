import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { DomainError } from '#app/services/platform/errors.ts'
import { createUserSchema, fieldErrors } from '#app/services/platform/schemas.ts'
import { createUser, toPublicUser } from '#app/services/accounts/users.server.ts'
import { getDb } from '#db/client.ts'
import { institutions } from '#db/schema.ts'

export const createUserCommandSchema = createUserSchema.omit({ institutionId: true }).extend({
  institution: z.string().trim().toLowerCase().optional(),
})

/** `create-user`, shared by the command line (direct database) and the running server's internal endpoint. */
export async function createUserCommand(raw: unknown) {
  const parsed = createUserCommandSchema.safeParse(raw)
  if (!parsed.success) throw new DomainError('validation', 'errors.validation', { fields: fieldErrors(parsed.error) })
  const { institution, ...input } = parsed.data
  let institutionId: string | null = null
  if (institution) {
    const [row] = await getDb().select({ id: institutions.id }).from(institutions).where(eq(institutions.slug, institution))
    if (!row) throw new DomainError('validation', 'errors.validation', { fields: { institution: ['validation.institution'] } })
    institutionId = row.id
  }
  const user = await createUser('system', { ...input, institutionId })
  return { user: { ...toPublicUser(user), email: user.email } }
}
