import { data } from '@remix-run/node'
import { type z } from 'zod'
import { isDomainError } from '#app/services/platform/errors.ts'
import { fieldErrors, type FieldErrors } from '#app/services/platform/schemas.ts'

export type FormResult = {
  errors: FieldErrors
  values: Record<string, string>
  intent?: string
  /** Which of several forms with the same intent was sent (e.g. the id of a table row), so only that one shows the errors. */
  target?: string
  messageValues?: Record<string, string | number>
}

const formValues = (formData: FormData, omit: string[]) =>
  Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === 'string' && !omit.includes(k) && !/password/i.test(k)).map(([k, v]) => [k, String(v)]))

/** Validates a form with its zod schema; on failure, a 400 reply the form re-renders with (passwords are never echoed). */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, intent?: string, target?: string) {
  const result = schema.safeParse(Object.fromEntries(formData))
  if (result.success) return { ok: true as const, value: result.data as z.output<S> }
  return { ok: false as const, reply: data<FormResult>({ errors: fieldErrors(result.error), values: formValues(formData, []), intent, target }, { status: 400 }) }
}

/** A refusal from a service, shown on the form it came from; anything else is a real error and goes up. */
export function replyWithDomainError(error: unknown, formData: FormData, intent?: string, target?: string) {
  if (!isDomainError(error)) throw error
  const errors: FieldErrors = { ...(error.details.fields ?? {}) }
  if (!error.details.fields) errors.form = [error.messageKey]
  const messageValues = error.details.retryAfterSeconds ? { seconds: error.details.retryAfterSeconds } : undefined
  const headers: HeadersInit = error.details.retryAfterSeconds ? { 'Retry-After': String(error.details.retryAfterSeconds) } : {}
  return data<FormResult>({ errors, values: formValues(formData, []), intent, target, messageValues }, { status: error.status, headers })
}
