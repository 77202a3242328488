import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Panel } from '#app/components/ui/panel.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { checkPasswordResetLink, resetPassword } from '#app/services/accounts/account-links.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { passwordResetSchema } from '#app/services/platform/schemas.ts'
import { clearedSessionCookie } from '#app/utils/cookies.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'referrer', content: 'no-referrer' }]

/** The link from the e-mail: a used, expired or unknown one is said so at once, before any password is typed. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const title = `${getT(context.lang)('account.reset.title')} · Cocrea`
  const token = new URL(request.url).searchParams.get('token') ?? ''
  try {
    const { email } = await checkPasswordResetLink(token)
    return { title, token, email, refusal: null }
  } catch (error) {
    if (!isDomainError(error)) throw error
    return data({ title, token: '', email: '', refusal: error.messageKey }, { status: error.status })
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, passwordResetSchema)
  if (!parsed.ok) return parsed.reply
  try {
    await resetPassword(parsed.value)
    // Every session ended, this browser's too: its cookie goes with it.
    return redirectWithFlash('/login', { key: 'account.reset.done' }, { headers: { 'Set-Cookie': clearedSessionCookie() } })
  } catch (error) {
    return replyWithDomainError(error, formData)
  }
}

export default function ResetPassword() {
  const { t } = useT()
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const errors = actionData?.errors ?? {}
  // A link that stopped working while the form was open (used in another tab, expired) is said so as on opening.
  const linkError = errors.form?.find((e) => e.startsWith('account.reset.link'))
  const refusal = linkError ?? (actionData ? null : loaded.refusal)
  const token = loaded.token || actionData?.values.token || ''
  return (
    <Panel page title={t('account.reset.title')}>
      {refusal ? (
        <div className="mt-6 space-y-4">
          <FormErrors errors={[refusal]} />
          <p className="text-sm">
            <Link to="/olvide-mi-contrasena" className="font-medium underline">{t('account.reset.requestAgain')}</Link>
          </p>
        </div>
      ) : (
        <>
          {loaded.email ? <p className="mt-2 text-sm text-slate-700">{t('account.reset.lead', { email: loaded.email })}</p> : null}
          <Form method="post" action={`/restablecer-contrasena?${new URLSearchParams({ token })}`} className="mt-6 space-y-4" noValidate>
            <FormErrors errors={errors.form} values={actionData?.messageValues} />
            <input type="hidden" name="token" value={token} />
            {/* Lets password managers store the new password under the right account. */}
            <input type="email" name="username" value={loaded.email} autoComplete="username" readOnly hidden />
            <Field label={t('settings.newPassword')} hint={t('auth.passwordHint')} name="newPassword" type="password" autoComplete="new-password" required errors={errors.newPassword} />
            <Field label={t('settings.confirmPassword')} name="confirmPassword" type="password" autoComplete="new-password" required errors={errors.confirmPassword} />
            <Button type="submit" disabled={busy} className="w-full">
              {t('account.reset.submit')}
            </Button>
          </Form>
        </>
      )}
    </Panel>
  )
}
