import { Form, useLocation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'

/** Until the person confirms their address (ADR 035): what is held back, and a plain form to send the link again. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const { t } = useT()
  const location = useLocation()
  return (
    <aside aria-label={t('account.verify.title')} className="mx-auto mt-4 w-full max-w-6xl px-4" data-testid="verify-email-banner">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
        <p className="min-w-0 flex-1 break-words">{t('account.verify.banner', { email })}</p>
        <Form method="post" action="/verificar-correo">
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="font-semibold underline">
            {t('account.verify.resend')}
          </button>
        </Form>
      </div>
    </aside>
  )
}
