/**
 * Database errors as they may be logged. Drizzle wraps a failed query as
 * `Failed query: <sql>\nparams: <values>` and keeps the values in `params`; PGlite puts them
 * on its error as `params` (and `queryOptions`), postgres.js as `parameters`/`args`, and the
 * server's `detail` quotes the values too ("Key (email)=(…) already exists"). Values are what
 * people typed — e-mails, names, password hashes — so none of them reaches a log: the SQL text
 * (with its $1 placeholders), the code, the constraint, the table and the column are kept.
 */
const VALUE_KEYS = new Set(['params', 'parameters', 'args', 'detail', 'queryOptions', 'where', 'internalQuery', 'types'])

const stripParams = (message: string) => message.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]')

export function sanitizeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error
  const copy = new Error(stripParams(error.message)) as Error & Record<string, unknown>
  copy.name = error.name
  if (error.stack) copy.stack = stripParams(error.stack.replace(error.message, copy.message))
  for (const key of Object.keys(error)) {
    if (VALUE_KEYS.has(key) || key === 'cause') continue
    copy[key] = (error as unknown as Record<string, unknown>)[key]
  }
  if (error.cause !== undefined) copy.cause = sanitizeError(error.cause, depth + 1)
  return copy
}

/** SQLSTATE classes and client codes that mean "the database is out of reach", not "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now
  '53300', // too many connections
])

/** True when this error (or one it wraps) says the database cannot be reached: a 503, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown } | undefined, i = 0; e && i < 6; e = e.cause as typeof e, i++) {
    const code = typeof e.code === 'string' ? e.code : undefined
    if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
    // An AggregateError (connecting to every address of a name) holds the connection errors.
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true
  }
  return false
}
