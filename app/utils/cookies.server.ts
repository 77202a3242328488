import { parse, serialize } from 'cookie'
import { LANGUAGE_COOKIE } from '#app/i18n/language.server.ts'

export const SESSION_COOKIE = 'cocrea_session'

/** Secure cookies in production, unless the site is deliberately served over plain http (PUBLIC_URL=http://…). */
export function secureCookies() {
  return process.env.NODE_ENV === 'production' && !process.env.PUBLIC_URL?.startsWith('http:')
}

export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined
  return parse(cookieHeader)[name]
}

export function sessionCookie(token: string, expiresAt: Date) {
  return serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(), path: '/', expires: expiresAt })
}

export function clearedSessionCookie() {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secureCookies(), path: '/', maxAge: 0 })
}

export function languageCookie(lang: string) {
  return serialize(LANGUAGE_COOKIE, lang, { sameSite: 'lax', secure: secureCookies(), path: '/', maxAge: 365 * 24 * 3600 })
}

/** The session token from `Authorization: Bearer …` or, failing that, the session cookie. */
export function sessionTokenFrom(headers: { authorization?: string | null; cookie?: string | null }) {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  if (bearer) return { token: bearer, source: 'bearer' as const }
  const cookie = readCookie(headers.cookie, SESSION_COOKIE)
  return cookie ? { token: cookie, source: 'cookie' as const } : null
}
