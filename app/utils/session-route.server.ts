import { data, redirect, type ActionFunctionArgs, type AppLoadContext } from '@remix-run/node'
import { getT } from '#app/i18n/i18n.ts'
import { type SessionUser } from '#app/services/accounts/auth-sessions.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { type Participant } from '#app/services/sessions/cocreation-sessions.server.ts'
import { getExportData } from '#app/services/sessions/session-summary.server.ts'
import { getUser, requireUser } from './auth.server.ts'
import { redirectWithFlash, type Flash } from './flash.server.ts'
import { getGuest } from './guest-cookie.server.ts'
import { safeRedirect } from './redirect.ts'

/**
 * The one prelude of the session's form routes (control, promote, dots: /sesiones/:id/…):
 * who acts, the form, where to go back, and how to answer. Without JavaScript a form goes 303
 * back to `redirectTo` with a flash message saying what happened or why not; a fetcher that
 * sends `enhanced=1` gets JSON `{ok: true, …}` or `{ok: false, messageKey, fields?}`.
 * The services check what the actor may do with the session.
 */
export type SessionPostRefusal = { ok: false; messageKey: string; fields?: Record<string, string[]> }

const seeOther = (response: Response) => new Response(null, { status: 303, headers: response.headers })

/** A person who must be signed in (control, promote): anyone else goes to the sign-in page, as before the form is read. */
export async function sessionPostByUser(args: ActionFunctionArgs) {
  const user = requireUser(args.context, args.request)
  return { ...(await sessionPost(args)), user }
}

/** A participant: a signed-in person or a guest of this session (dots); null when neither. */
export async function sessionPostByParticipant(args: ActionFunctionArgs) {
  const post = await sessionPost(args)
  return { ...post, participant: await sessionParticipant(args.request, args.context, post.id) }
}

/** The signed-in person, else the guest of this session whose token the browser's cookie carries. */
export async function sessionParticipant(request: Request, context: AppLoadContext, sessionId: string): Promise<Participant | null> {
  return getUser(context) ?? (await getGuest(request, { sessionId }))
}

async function sessionPost({ request, params, context }: ActionFunctionArgs) {
  const id = params.id ?? ''
  const formData = await request.formData()
  const back = safeRedirect(formData.get('redirectTo'), `/sesiones/${id}`)
  const enhanced = formData.get('enhanced') === '1'
  const t = getT(context.lang)
  const refuse = async (messageKey: string, status: number, fields?: Record<string, string[]>) =>
    enhanced
      ? data<SessionPostRefusal>({ ok: false, messageKey, fields }, { status })
      : seeOther(await redirectWithFlash(back, { key: 'sessions.flash.refused', values: { reason: t(messageKey) }, kind: 'info' }))
  /** Done: the reply for a fetcher, else back with the flash (or without one). */
  const done = async <T extends { ok: true }>(reply: T, flash: Flash | null) => {
    if (enhanced) return data<T>(reply)
    return flash ? seeOther(await redirectWithFlash(back, flash)) : redirect(back, 303)
  }
  /** Runs the change; a refusal by the service is answered as one, anything else goes up. */
  const attempt = async <R>(work: () => Promise<R>) => {
    try {
      return await work()
    } catch (error) {
      if (!isDomainError(error)) throw error
      return refuse(error.messageKey, error.status)
    }
  }
  return { id, formData, fields: Object.fromEntries(formData), t, refuse, done, attempt }
}

/** What a session's export routes (notes CSV, board SVG and PNG) draw from; a refusal is plain text in the reader's language with its status. */
export async function exportDataOrRefusal(user: SessionUser | null, sessionId: string, lang: AppLoadContext['lang']) {
  return getExportData(user, sessionId).catch((error: unknown) => {
    if (!isDomainError(error)) throw error
    throw new Response(getT(lang)(error.messageKey), { status: error.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  })
}
