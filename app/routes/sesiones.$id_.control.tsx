import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { endSession, setSessionLocked, setSessionPhase, setTimer, startSession } from '#app/services/sessions/cocreation-sessions.server.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { lockSchema, sessionPhaseSchema, timerSchema } from '#app/services/sessions/session-schemas.ts'
import { type SessionView } from '#app/services/sessions/session-view.ts'
import { type Flash } from '#app/utils/flash.server.ts'
import { sessionPostByUser, type SessionPostRefusal } from '#app/utils/session-route.server.ts'

/**
 * POST /sesiones/:id/control — the facilitator's controls (plain forms of the session bar):
 * `intent` start | end | timer (action, minutes) | phase (phase) | lock (locked). Without
 * JavaScript: 303 back to `redirectTo` with a flash message saying what happened or why not.
 * A fetcher that sends `enhanced=1` gets JSON `{ok, session}` / `{ok:false, messageKey, fields}`.
 */
export type SessionControlReply = { ok: true; session: SessionView } | SessionPostRefusal

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/sesiones/${params.id}`)
}

export async function action(args: ActionFunctionArgs) {
  const { user, id, formData, fields, t, refuse, done, attempt } = await sessionPostByUser(args)
  return attempt(async () => {
    let session: SessionView
    let flash: Flash
    switch (formData.get('intent')) {
      case 'start':
        session = await startSession(user, id)
        flash = { key: 'sessions.flash.started' }
        break
      case 'end':
        session = await endSession(user, id)
        flash = { key: 'sessions.flash.ended' }
        break
      case 'timer': {
        const parsed = timerSchema.safeParse(fields)
        if (!parsed.success) {
          const errors = fieldErrors(parsed.error)
          return refuse(Object.values(errors)[0]?.[0] ?? 'validation.invalid', 400, errors)
        }
        session = await setTimer(user, id, parsed.data)
        flash = { key: 'sessions.flash.timer' }
        break
      }
      case 'phase': {
        const parsed = sessionPhaseSchema.safeParse(fields)
        if (!parsed.success) return refuse('sessions.validation.phase', 400, fieldErrors(parsed.error))
        session = await setSessionPhase(user, id, parsed.data.phase)
        flash = { key: 'sessions.flash.phase', values: { phase: t(`sessions.phases.${parsed.data.phase}`) } }
        break
      }
      case 'lock': {
        const parsed = lockSchema.safeParse(fields)
        if (!parsed.success) return refuse('validation.invalid', 400, fieldErrors(parsed.error))
        session = await setSessionLocked(user, id, parsed.data.locked)
        flash = { key: parsed.data.locked ? 'sessions.flash.locked' : 'sessions.flash.unlocked' }
        break
      }
      default:
        return refuse('validation.invalid', 400)
    }
    return done<SessionControlReply & { ok: true }>({ ok: true, session }, flash)
  })
}

/** Never shown (a GET goes to the session page); a component keeps this a page route, so fetchers get `data()` replies. */
export default function SessionControlRoute() {
  return null
}
