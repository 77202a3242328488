import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Panel } from '#app/components/ui/panel.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { resendVerificationLink, verifyEmail } from '#app/services/accounts/account-links.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { retryAfterHeaders } from '#app/utils/headers.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

export const headers = retryAfterHeaders

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'referrer', content: 'no-referrer' }]

/** The link from the e-mail: opening it proves the address (ADR 035); a used, expired or unknown one is said so. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const title = `${getT(context.lang)('account.verify.title')} · Cocrea`
  const token = new URL(request.url).searchParams.get('token') ?? ''
  try {
    await verifyEmail(token)
  } catch (error) {
    if (!isDomainError(error)) throw error
    return data({ title, refusal: error.messageKey }, { status: error.status })
  }
  throw await redirectWithFlash('/', { key: 'account.verify.done', kind: 'success' })
}

/** "Reenviar enlace" from the banner (a plain form: works without JavaScript), back to the page it was sent from. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  const back = safeRedirect(formData.get('redirectTo'))
  try {
    const outcome = await resendVerificationLink(user, context.clientIp)
    return redirectWithFlash(back, outcome === 'sent' ? { key: 'account.verify.resent', values: { email: user.email } } : { key: 'account.verify.already' })
  } catch (error) {
    if (!isDomainError(error)) throw error
    return redirectWithFlash(back, { key: error.messageKey, values: error.details.retryAfterSeconds ? { seconds: error.details.retryAfterSeconds } : undefined, kind: 'info' })
  }
}

export default function VerifyEmail() {
  const { t } = useT()
  const { refusal } = useLoaderData<typeof loader>()
  return (
    <Panel page title={t('account.verify.title')}>
      <div className="mt-6 space-y-4">
        <FormErrors errors={[refusal]} />
        <p className="text-sm">
          <Link to="/" className="font-medium underline">{t('errors.backHome')}</Link>
        </p>
      </div>
    </Panel>
  )
}
