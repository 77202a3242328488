import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Button } from '#app/components/ui/button.tsx'
import { invalidateAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { clearedSessionCookie } from '#app/utils/cookies.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'

/** Signing out is a POST (a link could be followed by a prefetch or a crawler); GET shows a confirmation. */
export function loader({ context }: LoaderFunctionArgs) {
  return { signedIn: !!context.auth }
}

export async function action({ context }: ActionFunctionArgs) {
  if (context.auth) await invalidateAuthSession(context.auth.session.id)
  return redirectWithFlash('/', { key: 'auth.signedOut' }, { headers: { 'Set-Cookie': clearedSessionCookie() } })
}

export default function Logout() {
  const { t } = useT()
  const { signedIn } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-md rounded-lg bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold text-brand-900">{t('auth.signOutTitle')}</h1>
      {signedIn ? (
        <Form method="post" className="mt-4 space-y-4">
          <p>{t('auth.signOutConfirm')}</p>
          <Button type="submit">{t('nav.signOut')}</Button>
        </Form>
      ) : (
        <p className="mt-4">{t('auth.signedOut')}</p>
      )}
    </section>
  )
}
