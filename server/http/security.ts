import { randomBytes } from 'node:crypto'
import { type Request, type RequestHandler, type Response } from 'express'
import helmet from 'helmet'

/** A fresh nonce per response: the only inline scripts that run are the ones Remix renders with it. */
export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
}

export function securityHeaders({ development, https }: { development: boolean; https: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      // Vite's dev client injects scripts without our nonce: report, don't block, in development.
      reportOnly: development,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'", ...(development ? ['ws:'] : [])],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  })
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function expectedOrigin(req: Request, publicUrl?: string) {
  return publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host')}`
}

/** True when a browser tells us the request comes from another site (SameSite cookies are the first line; this is the second). */
export function isCrossSite(origin: string | undefined, fetchSite: string | undefined, expected: string) {
  if (fetchSite === 'cross-site') return true
  return origin !== undefined && origin !== expected
}

/** CSRF: every mutating request whose Origin is not ours is refused before it reaches a route. */
export function originCheck(publicUrl: string | undefined, refuse: (req: Request, res: Response) => void): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    if (isCrossSite(req.get('origin'), req.get('sec-fetch-site'), expectedOrigin(req, publicUrl))) return refuse(req, res)
    next()
  }
}
