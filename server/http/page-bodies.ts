import { parseFormData } from '@remix-run/form-data-parser'
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import { type Request as ExpressRequest, type RequestHandler, type Response as ExpressResponse } from 'express'
import { getT } from '#app/i18n/i18n.ts'
import { resolveLanguage, LANGUAGE_COOKIE } from '#app/i18n/language.server.ts'
import { readCookie } from '#app/utils/cookies.server.ts'
import { type RequestContext } from '#app/utils/context.ts'
import { type Language } from '#app/domain/vocabulary.ts'

/** The largest body a page accepts: forms as such, and multipart forms (the pilot attachment is at most 5 MiB, a cover 2 MiB). */
export type PageBodyLimits = { form: number; multipart: number }
export const defaultPageBodyLimits: PageBodyLimits = { form: 1024 * 1024, multipart: 8 * 1024 * 1024 }

export type RefusalKind = 'too_large' | 'bad_request' | 'unsupported_type' | 'not_found' | 'unavailable' | 'internal'

const STATUS: Record<RefusalKind, number> = { bad_request: 400, not_found: 404, too_large: 413, unsupported_type: 415, internal: 500, unavailable: 503 }
const TEXT: Record<RefusalKind, [title: string, body: string]> = {
  too_large: ['errors.tooLargeTitle', 'errors.tooLargeBody'],
  bad_request: ['errors.badRequestTitle', 'errors.badRequestBody'],
  unsupported_type: ['errors.badRequestTitle', 'errors.unsupported_type'],
  not_found: ['errors.notFoundTitle', 'errors.notFoundBody'],
  unavailable: ['errors.unavailableTitle', 'errors.unavailable'],
  internal: ['errors.serverErrorTitle', 'errors.serverErrorBody'],
}

export const refusalStatus = (kind: RefusalKind) => STATUS[kind]

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The reader's language without the database: the one resolved for this request, else cookie and Accept-Language. */
export function readerLanguage(req: ExpressRequest, res: ExpressResponse): Language {
  const ctx = res.locals.ctx as RequestContext | undefined
  if (ctx) return ctx.lang
  return resolveLanguage({ userLanguage: undefined, cookieLanguage: readCookie(req.get('cookie'), LANGUAGE_COOKIE), acceptLanguage: req.get('accept-language') })
}

/**
 * A small self-contained page for refusals decided before the app renders (a body too large, a
 * form that cannot be read, the database out of reach): the status, a title and a sentence in
 * the reader's language, and the way home.
 */
export function sendRefusalPage(req: ExpressRequest, res: ExpressResponse, kind: RefusalKind) {
  const t = getT(readerLanguage(req, res))
  const [title, body] = TEXT[kind].map((key) => escapeHtml(t(key, { limit: `${Math.round(defaultPageBodyLimits.multipart / 1024 / 1024)} MB` })))
  const status = STATUS[kind]
  const html = `<!doctype html>
<html lang="${readerLanguage(req, res)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Cocrea</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#0f172a}main{max-width:40rem;margin:4rem auto;padding:0 1rem;text-align:center}.status{font-size:3rem;font-weight:700;color:#1d4ed8;margin:0}a{font-weight:600}</style></head>
<body><main id="main"><p class="status">${status}</p><h1>${title}</h1><p>${body}</p><p><a href="/">${escapeHtml(t('errors.backHome'))}</a></p></main></body></html>`
  res.status(status).set('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html)
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What the page handler gets instead of the raw stream: the whole body, already within its limit. */
type PageBody = { bytes: Uint8Array<ArrayBuffer>; contentType: string }

/**
 * Page and form routes read at most their limit: a declared Content-Length above it is refused
 * before a byte is read, a chunked body is counted as it arrives and refused at the limit (the
 * rest is not kept). A body that is not a readable form (a broken multipart body, a malformed
 * Content-Disposition, another content type) is a 400/415 page, never a 500 inside a route.
 */
export function pageBodies(limits: PageBodyLimits = defaultPageBodyLimits): RequestHandler {
  return async (req, res, next) => {
    if (BODYLESS.has(req.method)) return next()
    const declaredType = req.get('content-type') ?? ''
    const multipart = /^multipart\/form-data\s*;/i.test(declaredType)
    const limit = multipart ? limits.multipart : limits.form
    const declared = req.get('content-length')
    if (declared !== undefined && !(Number(declared) <= limit)) return refuseUnread(req, res, 'too_large')

    const chunks: Buffer[] = []
    let size = 0
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > limit) return refuseUnread(req, res, 'too_large')
        chunks.push(chunk)
      }
    } catch {
      return // the client went away mid-body: nobody to answer
    }
    const bytes = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      bytes.set(chunk, offset)
      offset += chunk.length
    }
    // A POST with no body (and no type) is an empty form: the action answers it with its own field messages.
    const contentType = bytes.length === 0 && !declaredType ? 'application/x-www-form-urlencoded' : declaredType
    if (!multipart && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
      return sendRefusalPage(req, res, bytes.length === 0 ? 'bad_request' : 'unsupported_type')
    }
    if (multipart && !(await isReadableMultipart(bytes, contentType))) return sendRefusalPage(req, res, 'bad_request')
    res.locals.pageBody = { bytes, contentType } satisfies PageBody
    next()
  }
}

/** Answers without reading further; the connection closes after the answer, so the rest of the body is never read. */
function refuseUnread(req: ExpressRequest, res: ExpressResponse, kind: RefusalKind) {
  const socket = req.socket
  res.set('Connection', 'close')
  res.on('finish', () => socket.destroySoon())
  sendRefusalPage(req, res, kind)
}

/** Both parsers the routes use (undici's `formData()` and the upload reader's, app/utils/uploads.server.ts) must read it. */
async function isReadableMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string) {
  const request = () => new Request('http://cocrea.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: bytes })
  const whole = bytes.byteLength + 1
  try {
    await request().formData()
    // Files dropped: only whether it parses matters here (sizes are the route's to judge).
    await parseFormData(request(), { maxFiles: Infinity, maxParts: Infinity, maxFileSize: whole, maxTotalSize: whole }, () => null)
    return true
  } catch {
    return false
  }
}

/**
 * The Remix handler (as @remix-run/express's, which reads the raw request stream): the body
 * is the one `pageBodies` read and checked.
 */
export function remixPages({ build, mode, getLoadContext }: { build: ServerBuild | (() => Promise<ServerBuild>); mode: string; getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext }): RequestHandler {
  const handleRequest = createRemixHandler(build, mode)
  return async (req, res, next) => {
    try {
      const response = await handleRequest(remixRequest(req, res), getLoadContext(req, res))
      res.statusMessage = response.statusText
      res.status(response.status)
      for (const [key, value] of response.headers.entries()) res.append(key, value)
      if (response.body) await writeReadableStreamToWritable(response.body, res)
      else res.end()
    } catch (error) {
      next(error)
    }
  }
}

function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // As the Express adapter: req.hostname honours "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(':')[1] ?? '', 10)
  const port = [portOf(req.get('x-forwarded-host')), portOf(req.get('host'))].find((p) => Number.isSafeInteger(p))
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v)
    else if (value !== undefined) headers.set(key, value)
  }
  let controller: AbortController | null = new AbortController()
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  const body = res.locals.pageBody as PageBody | undefined
  if (!body) return new Request(url, { method: req.method, headers, signal: controller.signal })
  headers.set('content-type', body.contentType)
  headers.delete('content-length')
  headers.delete('transfer-encoding')
  return new Request(url, { method: req.method, headers, body: body.bytes, signal: controller.signal })
}
