import { timingSafeEqual } from 'node:crypto'
import express, { Router } from 'express'
import { DomainError } from '#app/services/platform/errors.ts'
import { createUserCommand } from '../admin-commands.ts'
import { type Logger } from '../logger.ts'
import { apiErrorHandler } from './errors.ts'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

function sameKey(given: string | undefined, expected: string) {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Lets `npm run admin` work while the server holds the embedded database: only from this
 * machine, only with the key the server wrote into DATA_DIR/cocrea.lock (mode 0600).
 */
export function internalAdminRouter(adminKey: string, logger: Logger) {
  const router = Router()
  router.use(express.json({ limit: '10kb' }))
  router.use((req, _res, next) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || !sameKey(req.get('x-cocrea-admin-key'), adminKey)) {
      return next(new DomainError('forbidden'))
    }
    next()
  })
  router.post('/users', (req, res, next) => {
    createUserCommand(req.body)
      .then((result) => res.status(201).json(result))
      .catch(next)
  })
  router.use(apiErrorHandler(logger))
  return router
}
