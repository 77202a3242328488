import pino from 'pino'

export function createLogger(level: string) {
  return pino({
    level,
    base: { app: 'cocrea' },
    // Never log credentials, even by accident.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-cocrea-admin-key"]', 'res.headers["set-cookie"]', '*.password', '*.token'],
  })
}

export type Logger = ReturnType<typeof createLogger>
