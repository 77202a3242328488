import { expect, vi } from 'vitest'
import { readElements } from '#app/board/model.ts'
import { readBoardDocument } from '#app/services/boards/board-documents.server.ts'
import { startAuthSession as signInAs } from '#app/services/accounts/auth-sessions.server.ts'
import { insertUser } from './fixtures.ts'
import { postForm } from './forms.ts'
import { cookieFrom } from './http.ts'
import { type TestServer } from './server.ts'

/** Someone signed in (a row made straight in the database), with the headers the API and the pages want. */
export type Person = { id: string; name: string; token: string; auth: Record<string, string>; cookie: Record<string, string> }

export type SessionJson = {
  id: string
  challengeId: string
  boardId: string
  title: string
  status: string
  code: string
  phase: string | null
  timer: { endsAt: string | null; remainingMs: number | null }
}

export const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()

/**
 * People, API calls and co-creation sessions on one test server, as several test files need them.
 * `server` is read on each call, so this can be made before `beforeAll` starts the server.
 */
export function sessionHelpers(server: () => TestServer) {
  async function person(role: 'citizen' | 'facilitator' | 'official' | 'admin', name: string): Promise<Person> {
    const user = await insertUser(server().database.db, { role, name })
    const { token } = await signInAs(user.id)
    return { id: user.id, name, token, auth: { authorization: `Bearer ${token}` }, cookie: { cookie: `cocrea_session=${token}` } }
  }

  /** A JSON call to /api/v1 as `who` (anonymous without). */
  async function api(method: string, path: string, who?: Person, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${server().url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(who?.auth ?? {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: text ? JSON.parse(text) : null, text } as { status: number; body: any; text: string }
  }

  /** A session scheduled through the API, an hour from now, on the `hmw` template unless `fields` say otherwise. */
  async function schedule(facilitator: Person, challengeId: string, fields: Record<string, unknown> = {}): Promise<SessionJson> {
    const res = await api('POST', `/challenges/${challengeId}/sessions`, facilitator, { title: 'Taller', startsAt: hoursFromNow(1), endsAt: hoursFromNow(3), template: 'hmw', ...fields })
    expect(res.status).toBe(201)
    return res.body.session
  }

  /** A session scheduled and started: open to join by its code. */
  async function liveSession(facilitator: Person, challengeId: string, fields: Record<string, unknown> = {}): Promise<SessionJson> {
    const session = await schedule(facilitator, challengeId, fields)
    expect((await api('POST', `/sessions/${session.id}/start`, facilitator)).status).toBe(200)
    return session
  }

  /** The facilitator's control form (phase, timer, end), posted without JavaScript. */
  const control = (session: { id: string }, who: Person, fields: Record<string, string>) =>
    postForm(server().url, `/sesiones/${session.id}/control`, { redirectTo: `/sesiones/${session.id}`, ...fields }, who.cookie)

  /** A guest joining through the form, as a browser (with the cookie it may already hold). */
  async function joinAsGuest(code: string, name: string, headers: Record<string, string> = {}) {
    const res = await postForm(server().url, '/sesiones/unirse', { sessionCode: code, name }, headers)
    return { ...res, cookie: cookieFrom(res.response, 'cocrea_guest') }
  }

  return { person, api, schedule, liveSession, control, joinAsGuest }
}

/** The board as the server holds it now. */
export async function serverElements(boardId: string) {
  const doc = await readBoardDocument(boardId)
  try {
    return readElements(doc)
  } finally {
    doc.destroy()
  }
}

/** Waits until the server holds note `id` with its text. */
export async function noteOnServer(boardId: string, id: string) {
  await vi.waitFor(async () => expect((await serverElements(boardId)).some((e) => e.id === id && e.text.length > 0), `note ${id} on the server`).toBe(true), { timeout: 5000, interval: 20 })
}
