import { z } from 'zod'
import { languages, roles } from '#app/domain/vocabulary.ts'

// Messages are i18n keys: the edge that shows them translates them into the person's language.

/**
 * Every text a person sends goes through this: a NUL byte (which PostgreSQL cannot store, and
 * no person types) is refused with a message, before any other rule. Use it instead of
 * `z.string()` for every text field, in forms and the API alike.
 */
export const safeText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((v) => !v.includes('\u0000'), { message: 'validation.nul', abort: true })
/** An id in a form, URL or API body. One definition: services check ids with `isUuid` before a query, so a malformed one is "not found", not a database error. */
export const uuidSchema = z.uuid({ error: 'validation.invalid' })
export const isUuid = (value: unknown): value is string => uuidSchema.safeParse(value).success

/** An e-mail address as people type it: trimmed and lower-cased before it is checked. */
export const emailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email({ error: 'validation.email' }))
const name = safeText({ error: 'validation.required' }).trim().min(2, 'validation.nameTooShort').max(100, 'validation.tooLong')
// A new password: 10 to 200 characters, not only spaces, no control characters (NUL, tabs, line
// breaks…). The service also refuses common and easily guessed ones (passwords.server.ts).
const newPassword = z
  .string({ error: 'validation.required' })
  .min(10, 'validation.passwordTooShort')
  .max(200, 'validation.tooLong')
  .refine((v) => !/\p{Cc}/u.test(v), 'validation.passwordControl')
  .refine((v) => /\S/.test(v), 'validation.passwordBlank')
const language = z.enum(languages, { error: 'validation.language' })

export const signUpSchema = z.object({ email: emailSchema, password: newPassword, name, language: language.optional() })
/** The sign-up form also asks for consent to the terms and the privacy notice (a ticked checkbox sends `on`). */
export const signUpFormSchema = signUpSchema.extend({ acceptTerms: z.literal('on', { error: 'validation.acceptTerms' }) })
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong'),
})
export const profileSchema = z.object({ name, language })
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200),
    newPassword,
    confirmPassword: z.string({ error: 'validation.required' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' })

export const emailChangeSchema = z.object({ email: emailSchema, currentPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200) })
export const accountDeletionSchema = z.object({ currentPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200) })
export const passwordResetRequestSchema = z.object({ email: emailSchema })
/** The token of an e-mailed link: what generateAuthSessionToken makes (base32, lower case); anything else is refused unread. */
export const mailTokenSchema = z.string({ error: 'validation.required' }).max(64, 'validation.tooLong')
export const passwordResetSchema = z
  .object({ token: mailTokenSchema, newPassword, confirmPassword: z.string({ error: 'validation.required' }).max(200) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' })

export const roleSchema = z.enum(roles, { error: 'validation.role' })
const optionalId = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.uuid({ error: 'validation.institution' }).nullable())

export const userRoleSchema = z.object({ role: roleSchema, institutionId: optionalId.optional().default(null) })
export const createUserSchema = signUpSchema.extend({ role: roleSchema, institutionId: optionalId.optional().default(null) })

export const institutionSchema = z.object({
  acronym: safeText({ error: 'validation.required' }).trim().min(2, 'validation.required').max(20, 'validation.tooLong'),
  name: safeText({ error: 'validation.required' }).trim().min(3, 'validation.required').max(200, 'validation.tooLong'),
  description: safeText().trim().max(2000, 'validation.tooLong').optional().default(''),
  website: z
    .string()
    .trim()
    .max(300, 'validation.tooLong')
    .transform((v) => (v === '' ? null : v))
    .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }).nullable())
    .optional()
    .default(null),
})

export type FieldErrors = Record<string, string[]>

/** zod issues → `{field: [i18n keys]}` for forms and the API (an area's own keys, like `challenges.validation.*`, are kept). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    // A list's items report on the list's own field (sdgTargets.2 → sdgTargets).
    const key = String(issue.path[0] ?? 'form')
    const message = /^([a-z]+\.)?validation\./.test(issue.message) ? issue.message : 'validation.invalid'
    const messages = (out[key] ??= [])
    if (!messages.includes(message)) messages.push(message)
  }
  return out
}
