import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '#app/i18n/i18n.ts'
import { promoteElement, type Promotion } from '#app/services/sessions/cocreation-sessions.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { promoteSchema } from '#app/services/sessions/session-schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

/**
 * POST /sesiones/:id/promover `elementId`, `title?` — a facilitator turns a note or a frame into
 * an idea of the challenge. Without JavaScript: 303 back to `redirectTo` with a flash message;
 * a fetcher (`enhanced=1`) gets `{ok, promotion}` or `{ok:false, messageKey}`.
 */
export type PromoteReply = { ok: true; promotion: Promotion } | { ok: false; messageKey: string }

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/sesiones/${params.id}`)
}

const seeOther = (response: Response) => new Response(null, { status: 303, headers: response.headers })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const id = params.id ?? ''
  const formData = await request.formData()
  const back = safeRedirect(formData.get('redirectTo'), `/sesiones/${id}`)
  const enhanced = formData.get('enhanced') === '1'
  const refuse = async (messageKey: string, status: number) =>
    enhanced
      ? data<PromoteReply>({ ok: false, messageKey }, { status })
      : seeOther(await redirectWithFlash(back, { key: 'sessions.flash.refused', values: { reason: getT(context.lang)(messageKey) }, kind: 'info' }))
  const parsed = promoteSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return refuse('validation.invalid', 400)
  try {
    const promotion = await promoteElement(user, id, parsed.data.elementId, { title: parsed.data.title })
    if (enhanced) return data<PromoteReply>({ ok: true, promotion })
    return seeOther(await redirectWithFlash(back, { key: 'sessions.flash.promoted', values: { title: promotion.ideaTitle } }))
  } catch (error) {
    if (!isDomainError(error)) throw error
    return refuse(error.messageKey, error.status)
  }
}

export default function PromoteRoute() {
  return null
}
