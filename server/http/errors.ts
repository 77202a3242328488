import { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express'
import { getT } from '#app/i18n/i18n.ts'
import { isDatabaseUnavailable } from '#db/errors.ts'
import { type Logger } from '../logger.ts'
import { readerLanguage, refusalStatus, sendRefusalPage, type RefusalKind } from './page-bodies.ts'

/** What an error that is not a domain refusal means for the client: its status, an error code and a message key. */
export type Classified = { kind: RefusalKind; status: number; code: string; messageKey: string }

const BY_KIND: Record<RefusalKind, { code: string; messageKey: string }> = {
  bad_request: { code: 'bad_request', messageKey: 'errors.bad_request' },
  not_found: { code: 'not_found', messageKey: 'errors.not_found' },
  too_large: { code: 'too_large', messageKey: 'errors.too_large' },
  unsupported_type: { code: 'unsupported_type', messageKey: 'errors.unsupported_type' },
  unavailable: { code: 'unavailable', messageKey: 'errors.unavailable' },
  internal: { code: 'internal', messageKey: 'errors.internal' },
}

const of = (kind: RefusalKind, overrides: Partial<Classified> = {}): Classified => ({ kind, status: refusalStatus(kind), ...BY_KIND[kind], ...overrides })

/**
 * Honours the status Express and body-parser put on their errors (a bad percent-encoding is a
 * 400, a body over the limit 413, an unknown charset 415); a database out of reach is a 503;
 * anything else is a 500.
 */
export function classifyError(error: unknown): Classified {
  const e = error as { type?: unknown; status?: unknown; statusCode?: unknown } | undefined
  if (e?.type === 'entity.parse.failed') return of('bad_request', { code: 'bad_json', messageKey: 'errors.bad_json' })
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : undefined
  if (status === 413 || e?.type === 'entity.too.large' || e?.type === 'parameters.too.many') return of('too_large')
  if (status === 415) return of('unsupported_type')
  if (status === 404) return of('not_found')
  if (status !== undefined && status >= 400 && status < 500) return of('bad_request', { status })
  if (isDatabaseUnavailable(error)) return of('unavailable')
  return of('internal')
}

export function sendJsonError(req: Request, res: Response, classified: Classified) {
  const t = getT(readerLanguage(req, res))
  if (classified.status === 503) res.set('Retry-After', '5')
  res.status(classified.status).json({ error: { code: classified.code, message: t(classified.messageKey) } })
}

const hasNul = (s: string) => s.includes('\u0000')

/** Decodes every part of the URL once: a bad escape (`%FF`, `%E0%A4%A`) or a NUL (`%00`) anywhere is refused here. */
function isReadableUrl(url: string) {
  const [path, query = ''] = url.split(/\?(.*)/s, 2)
  try {
    if (hasNul(decodeURIComponent(path))) return false
    for (const part of query.split(/[&=]/)) if (hasNul(decodeURIComponent(part.replace(/\+/g, ' ')))) return false
    return true
  } catch {
    return false
  }
}

/** Refuses URLs no route could read (bad percent-encoding, NUL bytes) with a 400: JSON for the API, a page otherwise. */
export const urlGuard: RequestHandler = (req, res, next) => {
  if (isReadableUrl(req.originalUrl)) return next()
  const classified = of('bad_request')
  if (isApi(req)) return sendJsonError(req, res, classified)
  sendRefusalPage(req, res, 'bad_request')
}

const isApi = (req: Request) => req.path.startsWith('/api/') || req.path === '/api' || req.path.startsWith('/internal/')

/**
 * The last stop for errors no route answered: JSON `{error:{code,message}}` under /api, a page
 * in the reader's language elsewhere; never Express's HTML page with a stack trace.
 */
export function finalErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    const classified = classifyError(error)
    if (classified.status >= 500) logger.error({ err: error, path: req.path }, classified.kind === 'unavailable' ? 'database unreachable' : 'request failed')
    if (res.headersSent) return next(error)
    if (isApi(req)) return sendJsonError(req, res, classified)
    sendRefusalPage(req, res, classified.kind)
  }
}
