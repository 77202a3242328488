import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getDotState, voteOnNote, type DotState } from '#app/services/sessions/session-dots.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { dotVoteSchema } from '#app/services/sessions/session-schemas.ts'
import { sessionParticipant, sessionPostByParticipant, type SessionPostRefusal } from '#app/utils/session-route.server.ts'

/**
 * POST /sesiones/:id/puntos `noteId`, `delta` (1 places a dot, −1 withdraws one) — signed-in
 * participants and guests of the session, in its voting phase. A fetcher (`enhanced=1`) gets
 * the participant's dot state as JSON; a plain form goes back to `redirectTo`.
 */
export type DotVoteReply = ({ ok: true } & DotState) | SessionPostRefusal

/** GET: the participant's dots (and everyone's totals once revealed), for the board's dot-vote controls. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const participant = await sessionParticipant(request, context, params.id ?? '')
  try {
    return data<DotVoteReply>({ ok: true, ...(await getDotState(participant, params.id ?? '')) }, { headers: { 'Cache-Control': 'private, no-store' } })
  } catch (error) {
    if (!isDomainError(error)) throw error
    return data<DotVoteReply>({ ok: false, messageKey: error.messageKey }, { status: error.status })
  }
}

export async function action(args: ActionFunctionArgs) {
  const { participant, id, fields, refuse, done, attempt } = await sessionPostByParticipant(args)
  if (!participant) return refuse('errors.unauthenticated', 401)
  const parsed = dotVoteSchema.safeParse(fields)
  if (!parsed.success) return refuse('validation.invalid', 400)
  return attempt(async () => {
    const state = await voteOnNote(participant, id, parsed.data.noteId, parsed.data.delta as 1 | -1)
    return done({ ok: true as const, ...state }, null)
  })
}

export default function DotVoteRoute() {
  return null
}
