import { type RequestHandler } from 'express'
import { type RequestContext } from '#app/utils/context.ts'

type Entry = { at: number; body: Buffer; contentType: string; nonce: string }

/**
 * A short-lived cache of public pages for signed-out readers, so a crowd reading a popular
 * challenge costs one render per second or two, not one per view.
 *
 * Only requests with no cookie and no Authorization header are served from it or stored in it,
 * so no personal data can be cached; the key includes the language. Tallies are live on the
 * page (socket.io), so a page a second old is still right where it matters. The CSP nonce of
 * the stored render is replaced by this response's own nonce.
 */
export function anonymousPageCache({ ttlMs = 2000, maxEntries = 500 }: { ttlMs?: number; maxEntries?: number } = {}): RequestHandler {
  const cache = new Map<string, Entry>()
  return (req, res, next) => {
    if (req.method !== 'GET' || req.headers.cookie || req.headers.authorization || ttlMs <= 0) return next()
    const ctx = res.locals.ctx as RequestContext
    const key = `${ctx.lang} ${req.originalUrl}`
    const hit = cache.get(key)
    if (hit && Date.now() - hit.at < ttlMs) {
      res.status(200).type(hit.contentType).set('X-Page-Cache', 'hit')
      return res.send(hit.nonce ? Buffer.from(hit.body.toString('utf8').replaceAll(hit.nonce, ctx.cspNonce)) : hit.body)
    }
    // Miss: let the page render, and keep a copy of what it wrote.
    const chunks: Buffer[] = []
    const write = res.write.bind(res) as (...args: unknown[]) => boolean
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Uint8Array))
      return write(chunk, ...rest)
    }) as typeof res.write
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as Uint8Array))
      const contentType = String(res.getHeader('content-type') ?? '')
      if (res.statusCode === 200 && !res.getHeader('set-cookie') && contentType.startsWith('text/html')) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!)
        cache.set(key, { at: Date.now(), body: Buffer.concat(chunks), contentType, nonce: ctx.cspNonce })
      }
      return end(chunk, ...rest)
    }) as typeof res.end
    res.set('X-Page-Cache', 'miss')
    next()
  }
}
