import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Panel } from '#app/components/ui/panel.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { requestPasswordReset } from '#app/services/accounts/account-links.server.ts'
import { passwordResetRequestSchema } from '#app/services/platform/schemas.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { retryAfterHeaders } from '#app/utils/headers.ts'

export const headers = retryAfterHeaders

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export function loader({ context }: LoaderFunctionArgs) {
  return { title: `${getT(context.lang)('account.reset.requestTitle')} · Cocrea` }
}

/** The same answer whether or not the address has an account (ADR 035). */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, passwordResetRequestSchema)
  if (!parsed.ok) return parsed.reply
  try {
    await requestPasswordReset(parsed.value, context.clientIp)
    return { sent: true as const, email: parsed.value.email }
  } catch (error) {
    return replyWithDomainError(error, formData)
  }
}

export default function ForgotPassword() {
  const { t } = useT()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const sent = actionData && 'sent' in actionData ? actionData : null
  const failed = actionData && 'errors' in actionData ? actionData : null
  return (
    <Panel page title={t('account.reset.requestTitle')}>
      {sent ? (
        <div className="mt-6 space-y-4">
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
            {t('account.reset.requested', { email: sent.email })}
          </p>
          <p className="text-sm">
            <Link to="/olvide-mi-contrasena" className="font-medium underline">{t('account.reset.requestAgain')}</Link>
            {' · '}
            <Link to="/login" className="font-medium underline">{t('account.reset.backToSignIn')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">{t('account.reset.requestLead')}</p>
          <Form method="post" className="mt-6 space-y-4" noValidate>
            <FormErrors errors={failed?.errors.form} values={failed?.messageValues} />
            <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required defaultValue={failed?.values.email} errors={failed?.errors.email} />
            <Button type="submit" disabled={busy} className="w-full">
              {t('account.reset.requestSubmit')}
            </Button>
          </Form>
          <p className="mt-6 text-sm">
            <Link to="/login" className="font-medium underline">{t('account.reset.backToSignIn')}</Link>
          </p>
        </>
      )}
    </Panel>
  )
}
