import { type ErrorRequestHandler, type Response } from 'express'
import { getT } from '#app/i18n/i18n.ts'
import { DomainError, isDomainError } from '#app/services/errors.ts'
import { type FieldErrors } from '#app/services/schemas.ts'
import { type RequestContext } from '#app/utils/context.ts'
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

/** The last stop for API errors: known refusals as they are, anything else as a 500 without a stack trace. */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (isDomainError(error)) return sendError(res, error)
    if (error?.type === 'entity.parse.failed') {
      return res.status(400).json({ error: { code: 'bad_json', message: getT(lang(res))('errors.bad_json') } })
    }
    if (error?.type === 'entity.too.large') {
      return res.status(413).json({ error: { code: 'too_large', message: getT(lang(res))('errors.validation') } })
    }
    logger.error({ err: error, path: req.path }, 'API request failed')
    res.status(500).json({ error: { code: 'internal', message: getT(lang(res))('errors.internal') } })
  }
}
