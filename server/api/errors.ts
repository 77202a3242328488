import { type ErrorRequestHandler, type Response } from 'express'
import { getT } from '#app/i18n/i18n.ts'
import { DomainError, isDomainError } from '#app/services/platform/errors.ts'
import { type FieldErrors } from '#app/services/platform/schemas.ts'
import { type RequestContext } from '#app/utils/context.ts'
import { classifyError, sendJsonError } from '../http/errors.ts'
import { type Logger } from '../logger.ts'

const lang = (res: Response) => (res.locals.ctx as RequestContext | undefined)?.lang ?? 'es'

/** `{error:{code,message[,fields]}}` with the message (and field messages) in the person's language. */
export function sendError(res: Response, error: DomainError) {
  const t = getT(lang(res))
  const fields = error.details.fields
    ? Object.fromEntries(Object.entries(error.details.fields).map(([k, keys]) => [k, keys.map((key) => t(key))]))
    : undefined
  if (error.details.retryAfterSeconds) res.set('Retry-After', String(error.details.retryAfterSeconds))
  res.status(error.status).json({
    error: {
      code: error.code,
      message: t(error.messageKey, { seconds: error.details.retryAfterSeconds }),
      ...(fields ? { fields } : {}),
    },
  })
}

export function validationError(fields: FieldErrors) {
  return new DomainError('validation', 'errors.validation', { fields })
}

/**
 * The last stop for API errors: known refusals as they are; Express's and body-parser's own
 * statuses honoured (400 bad JSON or escape, 413 too large, 415 charset); a database out of
 * reach a 503; anything else a 500 without a stack trace. Always JSON.
 */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error)
    if (isDomainError(error)) return sendError(res, error)
    const classified = classifyError(error)
    if (classified.status >= 500) logger.error({ err: error, path: req.path }, classified.kind === 'unavailable' ? 'API request failed: database unreachable' : 'API request failed')
    sendJsonError(req, res, classified)
  }
}
