import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isLanguage } from '#app/i18n/i18n.ts'
import { setLanguage } from '#app/services/accounts/users.server.ts'
import { languageCookie } from '#app/utils/cookies.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

export function loader() {
  return redirect('/')
}

/** The language switcher: remembers the choice in a cookie, and in the profile of a signed-in person. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const lng = form.get('lng')
  const to = safeRedirect(form.get('redirectTo'))
  if (!isLanguage(lng)) return redirect(to)
  if (context.auth) await setLanguage(context.auth.user, lng)
  return redirect(to, { headers: { 'Set-Cookie': languageCookie(lng) } })
}
