import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { promoteElement, type Promotion } from '#app/services/sessions/session-promotion.server.ts'
import { promoteSchema } from '#app/services/sessions/session-schemas.ts'
import { sessionPostByUser, type SessionPostRefusal } from '#app/utils/session-route.server.ts'

/**
 * POST /sesiones/:id/promover `elementId`, `title?` — a facilitator turns a note or a frame into
 * an idea of the challenge. Without JavaScript: 303 back to `redirectTo` with a flash message;
 * a fetcher (`enhanced=1`) gets `{ok, promotion}` or `{ok:false, messageKey}`.
 */
export type PromoteReply = { ok: true; promotion: Promotion } | SessionPostRefusal

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/sesiones/${params.id}`)
}

export async function action(args: ActionFunctionArgs) {
  const { user, id, fields, refuse, done, attempt } = await sessionPostByUser(args)
  const parsed = promoteSchema.safeParse(fields)
  if (!parsed.success) return refuse('validation.invalid', 400)
  return attempt(async () => {
    const promotion = await promoteElement(user, id, parsed.data.elementId, { title: parsed.data.title })
    return done<PromoteReply & { ok: true }>({ ok: true, promotion }, { key: 'sessions.flash.promoted', values: { title: promotion.ideaTitle } })
  })
}

export default function PromoteRoute() {
  return null
}
