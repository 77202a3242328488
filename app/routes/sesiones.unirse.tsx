import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { findSessionByCode } from '#app/services/sessions/cocreation-sessions.server.ts'
import { markPresent } from '#app/services/sessions/session-dots.server.ts'
import { isDomainError, type DomainError } from '#app/services/platform/errors.ts'
import { guestJoinSchema, joinSessionAsGuest } from '#app/services/sessions/session-guests.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { getGuest, guestCookie, guestCookieValue, guestTokensOf } from '#app/utils/guest-cookie.server.ts'
import { type FormResult } from '#app/utils/forms.server.ts'
import { retryAfterHeaders } from '#app/utils/headers.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'

/**
 * /sesiones/unirse — join a session by its six-digit code (typed, or from the link
 * `/sesiones/unirse?codigo=123456`). Signed-in people go straight to the board; people who are
 * signed out join a live session as guests with a nickname (their token added to the guest cookie, one per session joined).
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const CODE = /^\d{6}$/

const retryAfter = (error: DomainError) => ({ 'Retry-After': String(error.details.retryAfterSeconds ?? 60) })

/** A throttled address (too many wrong codes) is told when to come back, from the form or the link. */
export const headers: HeadersFunction = (args) => {
  const headers = new Headers(retryAfterHeaders(args))
  const fromLoader = args.loaderHeaders.get('Retry-After')
  if (fromLoader && !headers.has('Retry-After')) headers.set('Retry-After', fromLoader)
  return headers
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const code = new URL(request.url).searchParams.get('codigo')?.trim() ?? ''
  const t = getT(context.lang)
  const title = `${t('sessions.joinPage.pageTitle')} · Cocrea`
  if (!CODE.test(code)) return { title, code: '', session: null, codeError: code ? 'sessions.validation.code' : null, signedIn: !!user }
  let session
  try {
    session = await findSessionByCode(code, context.clientIp)
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'rate_limited') throw error
    return data({ title, code, session: null, codeError: 'errors.rate_limited_generic', signedIn: !!user }, { status: 429, headers: retryAfter(error) })
  }
  if (!session) return { title, code, session: null, codeError: 'sessions.errors.noSuchCode', signedIn: !!user }
  if (user) {
    await markPresent(user, session.id)
    throw redirect(`/tableros/${session.boardId}`)
  }
  // Already a guest of this session (the cookie from an earlier join): back to the board.
  const guest = await getGuest(request, { sessionId: session.id })
  if (guest) throw redirect(`/tableros/${session.boardId}`)
  return { title, code, session: { title: session.title, status: session.status }, codeError: session.status === 'live' ? null : 'sessions.errors.guestNotLive', signedIn: false }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const values = { sessionCode: String(formData.get('sessionCode') ?? ''), name: String(formData.get('name') ?? '') }
  const reply = (errors: Record<string, string[]>, status: number) => data<FormResult>({ errors, values }, { status })
  const user = getUser(context)
  try {
    if (user) {
      const code = values.sessionCode.trim()
      const session = CODE.test(code) ? await findSessionByCode(code, context.clientIp) : null
      if (!session) return reply({ sessionCode: [CODE.test(code) ? 'sessions.errors.noSuchCode' : 'sessions.validation.code'] }, CODE.test(code) ? 404 : 400)
      await markPresent(user, session.id)
      return redirect(`/tableros/${session.boardId}`)
    }
    const parsed = guestJoinSchema.safeParse(values)
    if (!parsed.success) return reply(fieldErrors(parsed.error), 400)
    // The guest tokens this browser already holds: joining a session again (reload, second tab, new nickname, back from another session) is the same guest.
    const held = guestTokensOf(request)
    const { guest, token } = await joinSessionAsGuest(parsed.data, { ip: context.clientIp, tokens: held })
    return redirect(`/tableros/${guest.boardId}`, { headers: { 'Set-Cookie': guestCookie(guestCookieValue(held, token)) } })
  } catch (error) {
    if (!isDomainError(error)) throw error
    if (error.code === 'rate_limited') return data<FormResult>({ errors: { form: ['errors.rate_limited_generic'] }, values }, { status: 429, headers: retryAfter(error) })
    if (error.code === 'not_found') return reply({ sessionCode: ['sessions.errors.noSuchCode'] }, 404)
    if (error.code === 'outside_phase') return reply({ form: ['sessions.errors.guestNotLive'] }, 422)
    return reply({ form: [error.messageKey] }, error.status)
  }
}

export default function JoinSession() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = reply?.errors ?? {}
  const busy = useNavigation().state === 'submitting'
  const codeErrors = errors.sessionCode ?? (d.codeError && d.codeError !== 'sessions.errors.guestNotLive' ? [d.codeError] : undefined)
  const formErrors = errors.form ?? (d.codeError === 'sessions.errors.guestNotLive' ? [d.codeError] : undefined)
  return (
    <div className="mx-auto max-w-md space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-900">{t('sessions.joinPage.title')}</h1>
        <p className="text-slate-700">{t('sessions.joinPage.lead')}</p>
        {d.session ? <p className="font-semibold">{t('sessions.joinPage.session', { title: d.session.title })}</p> : null}
      </header>
      <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm" noValidate>
        <FormErrors errors={formErrors} />
        <Field
          label={t('sessions.joinPage.code')}
          name="sessionCode"
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          autoComplete="off"
          required
          defaultValue={reply?.values.sessionCode ?? d.code}
          errors={codeErrors}
        />
        {d.signedIn ? null : (
          <Field
            label={t('sessions.joinPage.nickname')}
            hint={t('sessions.joinPage.nicknameHint')}
            name="name"
            required
            minLength={2}
            maxLength={40}
            autoComplete="nickname"
            defaultValue={reply?.values.name}
            errors={errors.name}
          />
        )}
        <Button type="submit" disabled={busy}>
          {d.signedIn ? t('sessions.joinPage.continue') : t('sessions.joinPage.submit')}
        </Button>
      </Form>
      {d.signedIn ? null : (
        <p className="text-sm">
          <Link to={`/login?${new URLSearchParams({ redirectTo: `/sesiones/unirse${d.code ? `?codigo=${d.code}` : ''}` })}`}>{t('sessions.joinPage.signInInstead')}</Link>
        </p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
