import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'

/** A refusal only because the person has not confirmed their e-mail yet (ADR 035) says so instead of "no permission". */
function isEmailUnverified(error: unknown) {
  return isRouteErrorResponse(error) && (error.data as { code?: string } | null)?.code === 'email_unverified'
}

/** One error page for every route, in the person's language, never with a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useT()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [title, body] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFoundBody')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t(isEmailUnverified(error) ? 'errors.email_unverified' : 'errors.forbidden')]
        : status === 413
          ? [t('errors.tooLargeTitle'), t('errors.tooLargeBody', { limit: '8 MB' })]
          : status === 503
            ? [t('errors.unavailableTitle'), t('errors.unavailable')]
            : status === 400
              ? [t('errors.badRequestTitle'), t('errors.badRequestBody')]
              : [t('errors.serverErrorTitle'), t('errors.serverErrorBody')]
  return (
    <section className="mx-auto max-w-2xl space-y-4 px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-slate-700">{body}</p>
      <p>
        <Link to="/" className="font-semibold">
          {t('errors.backHome')}
        </Link>
      </p>
    </section>
  )
}
