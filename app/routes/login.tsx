import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Panel } from '#app/components/ui/panel.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { signInSchema } from '#app/services/platform/schemas.ts'
import { signIn } from '#app/services/accounts/users.server.ts'
import { requireAnonymous } from '#app/utils/auth.server.ts'
import { languageCookie, sessionCookie } from '#app/utils/cookies.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { retryAfterHeaders } from '#app/utils/headers.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

export const headers = retryAfterHeaders

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  return { title: `${getT(context.lang)('auth.signInTitle')} · Cocrea` }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, signInSchema)
  if (!parsed.ok) return parsed.reply
  try {
    const { token, session, user } = await signIn(parsed.value, context.clientIp)
    const headers = new Headers()
    headers.append('Set-Cookie', sessionCookie(token, session.expiresAt))
    headers.append('Set-Cookie', languageCookie(user.language))
    return redirect(safeRedirect(formData.get('redirectTo')), { headers })
  } catch (error) {
    return replyWithDomainError(error, formData)
  }
}

export default function Login() {
  const { t } = useT()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const errors = actionData?.errors ?? {}
  return (
    <Panel page title={t('auth.signInTitle')}>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <FormErrors errors={errors.form} values={actionData?.messageValues} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required defaultValue={actionData?.values.email} errors={errors.email} />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" required errors={errors.password} />
        <Button type="submit" disabled={busy} className="w-full">
          {t('auth.submitSignIn')}
        </Button>
        {/* After the button: the keyboard path goes e-mail → password → "Entrar", as people expect. */}
        <p className="text-sm">
          <Link to="/olvide-mi-contrasena" className="font-medium underline">{t('account.forgotLink')}</Link>
        </p>
      </Form>
      <p className="mt-6 text-sm">
        {t('auth.noAccount')} <Link to="/signup" className="font-medium underline">{t('auth.signUpLink')}</Link>
      </p>
    </Panel>
  )
}
