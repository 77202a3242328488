import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '#app/i18n/i18n.ts'
import { getDotState, getGuest, voteOnNote, type DotState } from '#app/services/sessions/cocreation-sessions.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { dotVoteSchema } from '#app/services/sessions/session-schemas.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

/**
 * POST /sesiones/:id/puntos `noteId`, `delta` (1 places a dot, −1 withdraws one) — signed-in
 * participants and guests of the session, in its voting phase. A fetcher (`enhanced=1`) gets
 * the participant's dot state as JSON; a plain form goes back to `redirectTo`.
 */
export type DotVoteReply = ({ ok: true } & DotState) | { ok: false; messageKey: string }

/** GET: the participant's dots (and everyone's totals once revealed), for the board's dot-vote controls. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const participant = getUser(context) ?? (await getGuest(request, { sessionId: params.id ?? '' }))
  try {
    return data<DotVoteReply>({ ok: true, ...(await getDotState(participant, params.id ?? '')) }, { headers: { 'Cache-Control': 'private, no-store' } })
  } catch (error) {
    if (!isDomainError(error)) throw error
    return data<DotVoteReply>({ ok: false, messageKey: error.messageKey }, { status: error.status })
  }
}

const seeOther = (response: Response) => new Response(null, { status: 303, headers: response.headers })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = params.id ?? ''
  const formData = await request.formData()
  const back = safeRedirect(formData.get('redirectTo'), `/sesiones/${id}`)
  const enhanced = formData.get('enhanced') === '1'
  const refuse = async (messageKey: string, status: number) =>
    enhanced
      ? data<DotVoteReply>({ ok: false, messageKey }, { status })
      : seeOther(await redirectWithFlash(back, { key: 'sessions.flash.refused', values: { reason: getT(context.lang)(messageKey) }, kind: 'info' }))
  const participant = getUser(context) ?? (await getGuest(request, { sessionId: params.id ?? '' }))
  if (!participant) return refuse('errors.unauthenticated', 401)
  const parsed = dotVoteSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return refuse('validation.invalid', 400)
  try {
    const state = await voteOnNote(participant, id, parsed.data.noteId, parsed.data.delta as 1 | -1)
    if (enhanced) return data<DotVoteReply>({ ok: true, ...state })
    return redirect(back, 303)
  } catch (error) {
    if (!isDomainError(error)) throw error
    return refuse(error.messageKey, error.status)
  }
}

export default function DotVoteRoute() {
  return null
}
