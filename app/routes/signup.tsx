import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Panel } from '#app/components/ui/panel.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { signUpFormSchema } from '#app/services/platform/schemas.ts'
import { startAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { signUp } from '#app/services/accounts/users.server.ts'
import { requireAnonymous } from '#app/utils/auth.server.ts'
import { sessionCookie } from '#app/utils/cookies.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { retryAfterHeaders } from '#app/utils/headers.ts'

export const headers = retryAfterHeaders

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  return { title: `${getT(context.lang)('auth.signUpTitle')} · Cocrea` }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, signUpFormSchema)
  if (!parsed.ok) return parsed.reply
  try {
    // New accounts keep the language the person was reading in.
    const user = await signUp({ ...parsed.value, language: context.lang, acceptedTerms: true }, context.clientIp)
    // The password was just set: open the session directly instead of hashing it again through sign-in.
    const { token, session } = await startAuthSession(user.id)
    return redirectWithFlash('/', { key: 'auth.welcome' }, { headers: { 'Set-Cookie': sessionCookie(token, session.expiresAt) } })
  } catch (error) {
    return replyWithDomainError(error, formData)
  }
}

export default function SignUp() {
  const { t } = useT()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const errors = actionData?.errors ?? {}
  return (
    <Panel page title={t('auth.signUpTitle')}>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <FormErrors errors={errors.form} values={actionData?.messageValues} />
        <Field label={t('auth.name')} hint={t('auth.nameHint')} name="name" autoComplete="name" required defaultValue={actionData?.values.name} errors={errors.name} />
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required defaultValue={actionData?.values.email} errors={errors.email} />
        <Field label={t('auth.password')} hint={t('auth.passwordHint')} name="password" type="password" autoComplete="new-password" required minLength={10} errors={errors.password} />
        <div>
          <div className="flex items-start gap-2">
            <input
              id="acceptTerms"
              type="checkbox"
              name="acceptTerms"
              required
              className="mt-1 h-5 w-5"
              aria-invalid={errors.acceptTerms ? true : undefined}
              aria-describedby={errors.acceptTerms ? 'acceptTerms-error' : undefined}
            />
            <label htmlFor="acceptTerms">{t('account.terms.label')}</label>
          </div>
          <p className="mt-1 text-sm">
            <Link to="/privacidad" className="underline">{t('account.terms.read')}</Link>
          </p>
          {errors.acceptTerms ? (
            <p id="acceptTerms-error" className="mt-1 text-sm text-red-800">
              {errors.acceptTerms.map((e) => t(e)).join(' ')}
            </p>
          ) : null}
        </div>
        <Button type="submit" disabled={busy} className="w-full">
          {t('auth.submitSignUp')}
        </Button>
      </Form>
      <p className="mt-6 text-sm">
        {t('auth.haveAccount')} <Link to="/login" className="font-medium underline">{t('auth.signInLink')}</Link>
      </p>
    </Panel>
  )
}
