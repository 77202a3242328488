import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { TextAreaField } from '#app/components/ui/field.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { reportSchema, reportTargetTypes } from '#app/services/moderation/moderation-schemas.ts'
import { report, reportable } from '#app/services/moderation/reports.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'

const targetQuery = z.object({ targetType: z.enum(reportTargetTypes), targetId: z.uuid() })
const reportFormSchema = reportSchema.extend({ redirectTo: z.string().optional() })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** The report form on a page of its own: where the small report control leads, and where its errors are shown. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const url = new URL(request.url)
  const query = targetQuery.safeParse(Object.fromEntries(url.searchParams))
  if (!query.success) throw data({ code: 'not_found' }, { status: 404 })
  const target = { type: query.data.targetType, id: query.data.targetId }
  const content = await orErrorPage(reportable(user, target))
  return {
    title: `${getT(context.lang)('moderation.report.title')} · Cocrea`,
    target: query.data,
    excerpt: content.excerpt,
    link: content.link,
    redirectTo: safeRedirect(url.searchParams.get('redirectTo'), content.link),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  try {
    const parsed = parseForm(formData, reportFormSchema, 'report')
    if (!parsed.ok) return parsed.reply
    const { redirectTo, ...input } = parsed.value
    const { created } = await report(user, input)
    return redirectWithFlash(safeRedirect(redirectTo, '/'), { key: created ? 'moderation.report.sent' : 'moderation.report.already' })
  } catch (error) {
    if (isDomainError(error) && error.code === 'unauthenticated') throw error
    return replyWithDomainError(error, formData, 'report')
  }
}

export default function Report() {
  const { t } = useT()
  const { target, excerpt, link, redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? {}
  return (
    <section className="mx-auto max-w-2xl space-y-4 rounded-lg bg-white p-6 shadow-sm" aria-labelledby="report-title">
      <h1 id="report-title" className="text-2xl font-bold text-brand-900">
        {t('moderation.report.title')}
      </h1>
      <p className="text-slate-700">{t('moderation.report.lead')}</p>
      <figure className="rounded border border-slate-300 bg-slate-50 p-3">
        <figcaption className="text-sm font-medium text-slate-600">{t(target.targetType === 'idea' ? 'moderation.report.whatIdea' : 'moderation.report.whatComment')}</figcaption>
        <blockquote className="mt-1 text-slate-900" data-testid="reported-excerpt">
          {excerpt}
        </blockquote>
      </figure>
      <Form method="post" className="space-y-4" noValidate>
        <input type="hidden" name="targetType" value={target.targetType} />
        <input type="hidden" name="targetId" value={target.targetId} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormErrors errors={errors.form} values={actionData?.messageValues} />
        <TextAreaField
          label={t('moderation.report.reason')}
          hint={t('moderation.report.reasonHint')}
          name="reason"
          rows={3}
          maxLength={500}
          required
          defaultValue={actionData?.values.reason}
          errors={errors.reason}
        />
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit">{t('moderation.report.submit')}</Button>
          <Link to={link}>{t('moderation.report.cancel')}</Link>
        </div>
      </Form>
    </section>
  )
}
