import pino, { type DestinationStream } from 'pino'
import { sanitizeError } from '#db/errors.ts'

/** Errors are logged without the values a failed query carried (see db/errors.ts). */
export const errorSerializer = (error: unknown) => pino.stdSerializers.errWithCause(sanitizeError(error) as Error)

export function createLogger(level: string, destination?: DestinationStream) {
  return pino(
    {
      level,
      base: { app: 'cocrea' },
      // Never log credentials, even by accident.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-cocrea-admin-key"]', 'res.headers["set-cookie"]', '*.password', '*.token'],
      serializers: { err: errorSerializer, error: errorSerializer },
    },
    destination,
  )
}

export type Logger = ReturnType<typeof createLogger>
