/** A refusal the user can understand: a code for programs, an i18n key for people, the HTTP status for both. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'email_taken'
  | 'rate_limited'
  | 'blocked'
  | 'over_budget'
  | 'outside_phase'
  | 'link_invalid'
  | 'email_unverified'

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  blocked: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  rate_limited: 429,
  over_budget: 409,
  outside_phase: 422,
  // An e-mailed link that is unknown, used or expired (the message says which).
  link_invalid: 400,
  email_unverified: 403,
}

export class DomainError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    /** i18n key of the message shown to people. */
    readonly messageKey: string = `errors.${code}`,
    readonly details: { fields?: Record<string, string[]>; retryAfterSeconds?: number } = {},
  ) {
    super(code)
    this.status = STATUS[code]
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && 'code' in error && 'messageKey' in error && 'status' in error
}
