import { serialize } from 'cookie'
import { GUEST_TOKEN, MAX_GUEST_TOKENS, guestFromTokens } from '#app/services/sessions/session-guests.server.ts'
import { type GuestActor } from '#app/services/sessions/session-view.ts'
import { readCookie, secureCookies } from './cookies.server.ts'

/**
 * The cookie that carries a browser's guest tokens (HttpOnly, this site only): one token per
 * session it joined, newest first, separated by dots — at most MAX_GUEST_TOKENS, so coming back
 * to an earlier session is the same guest there, and the cookie stays small (~270 bytes).
 * The board page, the session routes and the board socket's handshake read it.
 */
export const GUEST_COOKIE = 'cocrea_guest'
/** A guest's cookie outlives any session of a day; it stops working as soon as the session ends. */
const GUEST_COOKIE_MAX_AGE = 24 * 60 * 60

/** The guest tokens a cookie value holds (a hostile value gives the well-formed ones, at most MAX_GUEST_TOKENS). */
export function guestTokensFrom(value: string | null | undefined): string[] {
  if (!value) return []
  return [...new Set(value.slice(0, 2000).split('.').filter((t) => GUEST_TOKEN.test(t)))].slice(0, MAX_GUEST_TOKENS)
}

/** The cookie value after joining with `token`: it first, then the others held, the oldest dropped past MAX_GUEST_TOKENS. */
export function guestCookieValue(held: string[], token: string): string {
  return [token, ...held.filter((t) => t !== token)].slice(0, MAX_GUEST_TOKENS).join('.')
}

export function guestCookie(value: string) {
  return serialize(GUEST_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: secureCookies(), path: '/', maxAge: GUEST_COOKIE_MAX_AGE })
}

export function clearedGuestCookie() {
  return serialize(GUEST_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secureCookies(), path: '/', maxAge: 0 })
}

/** The guest tokens this request's cookie carries. */
export const guestTokensOf = (request: Request) => guestTokensFrom(readCookie(request.headers.get('Cookie'), GUEST_COOKIE))

/** The guest of this session (or of this board's session) whose token this request's cookie carries, while it is live; null otherwise. */
export function getGuest(request: Request, scope: { sessionId: string } | { boardId: string }): Promise<GuestActor | null> {
  return guestFromTokens(guestTokensOf(request), scope)
}
