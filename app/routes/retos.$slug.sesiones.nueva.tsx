import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { getChallenge } from '#app/services/challenges/challenges.server.ts'
import { scheduleSession } from '#app/services/sessions/cocreation-sessions.server.ts'
import { scheduleSessionSchema } from '#app/services/sessions/session-schemas.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { boardTemplates } from '#app/domain/vocabulary.ts'

// The same limits as scheduleSessionSchema (numbers here so the browser bundle does not pull in zod).
const TITLE_MAX = 160
const AGENDA_MAX = 10_000

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, 'run:session')
  const challenge = await orErrorPage(getChallenge(user, params.slug ?? ''))
  const t = getT(context.lang)
  return {
    title: `${t('sessions.schedule.pageTitle', { challenge: challenge.title })} · Cocrea`,
    challenge: { slug: challenge.slug, title: challenge.title },
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUserWithPermission(context, request, 'run:session')
  const formData = await request.formData()
  try {
    const challenge = await getChallenge(user, params.slug ?? '')
    const parsed = parseForm(formData, scheduleSessionSchema)
    if (!parsed.ok) return parsed.reply
    const session = await scheduleSession(user, challenge, parsed.value, context.lang)
    return redirectWithFlash(`/sesiones/${session.id}`, { key: 'sessions.flash.scheduled', values: { code: session.code ?? '' } })
  } catch (error) {
    return replyWithDomainError(error, formData)
  }
}

export default function ScheduleSession() {
  const { t } = useT()
  const { challenge } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = reply?.errors ?? {}
  const values = reply?.values ?? {}
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-3xl font-bold text-brand-900">{t('sessions.schedule.title')}</h1>
        <p className="text-slate-700">
          <Link to={`/retos/${challenge.slug}`}>{t('sessions.schedule.forChallenge', { challenge: challenge.title })}</Link>
        </p>
      </header>
      <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm" noValidate>
        <FormErrors errors={errors.form} values={reply?.messageValues} />
        <Field label={t('sessions.schedule.fields.title')} name="title" required maxLength={TITLE_MAX} autoComplete="off" defaultValue={values.title} errors={errors.title} />
        <TextAreaField
          label={t('sessions.schedule.fields.agenda')}
          hint={t('sessions.schedule.fields.agendaHint')}
          name="agenda"
          rows={6}
          maxLength={AGENDA_MAX}
          defaultValue={values.agenda}
          errors={errors.agenda}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('sessions.schedule.fields.startsAt')}
            hint={t('sessions.schedule.fields.timeHint')}
            name="startsAt"
            type="datetime-local"
            required
            defaultValue={values.startsAt}
            errors={errors.startsAt}
          />
          <Field
            label={t('sessions.schedule.fields.endsAt')}
            hint={t('sessions.schedule.fields.timeHint')}
            name="endsAt"
            type="datetime-local"
            required
            defaultValue={values.endsAt}
            errors={errors.endsAt}
          />
        </div>
        <SelectField label={t('sessions.schedule.fields.template')} name="template" defaultValue={values.template ?? 'blank'} errors={errors.template}>
          {boardTemplates.map((template) => (
            <option key={template} value={template}>
              {t(`sessions.templates.${template}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('sessions.schedule.fields.dotBudget')}
          name="dotBudget"
          type="number"
          min={1}
          max={20}
          defaultValue={values.dotBudget ?? '3'}
          errors={errors.dotBudget}
        />
        <Button type="submit" disabled={busy}>
          {t('sessions.schedule.submit')}
        </Button>
      </Form>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
