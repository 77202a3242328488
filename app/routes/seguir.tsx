import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { follow, followTargetSchema, unfollow } from '#app/services/notifications/follows.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

const followFormSchema = followTargetSchema.extend({ intent: z.enum(['follow', 'unfollow']) })

export function loader() {
  return redirect('/')
}

/**
 * The follow button's form (works without JavaScript): follows or unfollows, then goes back to
 * the page it came from with a message. A refusal (blocked account, unknown target) comes back
 * the same way, as a message, and changes nothing.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const to = safeRedirect(formData.get('redirectTo'))
  const user = context.auth?.user
  if (!user) throw redirect(`/login?${new URLSearchParams({ redirectTo: to })}`)
  const parsed = followFormSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return redirectWithFlash(to, { key: 'errors.validation', kind: 'info' })
  const { intent, ...target } = parsed.data
  try {
    if (intent === 'follow') await follow(user, target)
    else await unfollow(user, target)
  } catch (error) {
    if (!isDomainError(error)) throw error
    return redirectWithFlash(to, { key: error.messageKey, kind: 'info' })
  }
  return redirectWithFlash(to, { key: intent === 'follow' ? 'notifications.follow.followed' : 'notifications.follow.unfollowed' })
}
