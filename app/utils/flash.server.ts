import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { secureCookies } from './cookies.server.ts'

export type Flash = { key: string; values?: Record<string, string | number>; kind?: 'success' | 'info' }

// Signed with SESSION_SECRET: a flash message cannot be forged into someone else's page.
function storage() {
  return createCookieSessionStorage<Record<string, never>, { flash: Flash }>({
    cookie: {
      name: 'cocrea_flash',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: secureCookies(),
      secrets: [process.env.SESSION_SECRET ?? 'development-only-secret-not-for-production'],
    },
  })
}

export async function redirectWithFlash(to: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const s = storage()
  const session = await s.getSession()
  session.flash('flash', flash)
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await s.commitSession(session))
  return redirect(to, { headers })
}

/** Reads and consumes the flash message; the returned header clears it. */
export async function readFlash(request: Request) {
  const s = storage()
  const session = await s.getSession(request.headers.get('Cookie'))
  const flash = session.get('flash') ?? null
  return { flash, setCookie: flash ? await s.commitSession(session) : null }
}
