import { type RequestHandler } from 'express'
import { resolveLanguage, LANGUAGE_COOKIE } from '#app/i18n/language.server.ts'
import { validateAuthSessionToken } from '#app/services/accounts/auth-sessions.server.ts'
import { clearedSessionCookie, readCookie, sessionCookie, sessionTokenFrom } from '#app/utils/cookies.server.ts'
import { type RequestContext } from '#app/utils/context.ts'

/**
 * Resolves the session (cookie or bearer token, one lookup for pages and API) and the
 * language once per request, into `res.locals.ctx`. Renews the cookie when the
 * session's expiry slid, and clears a cookie whose session is gone.
 */
export const requestContext: RequestHandler = async (req, res, next) => {
  try {
    const found = sessionTokenFrom({ authorization: req.get('authorization'), cookie: req.get('cookie') })
    const auth = found ? await validateAuthSessionToken(found.token) : null
    if (found?.source === 'cookie') {
      if (!auth) res.append('Set-Cookie', clearedSessionCookie())
      else if (auth.renewed) res.append('Set-Cookie', sessionCookie(found.token, auth.session.expiresAt))
    }
    const ctx: RequestContext = {
      auth: auth ? { session: auth.session, user: auth.user } : null,
      lang: resolveLanguage({
        userLanguage: auth?.user.language,
        cookieLanguage: readCookie(req.get('cookie'), LANGUAGE_COOKIE),
        acceptLanguage: req.get('accept-language'),
      }),
      cspNonce: res.locals.cspNonce,
      clientIp: req.ip ?? 'unknown',
    }
    res.locals.ctx = ctx
    next()
  } catch (error) {
    next(error)
  }
}
