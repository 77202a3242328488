import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { ideaSchema } from '#app/services/ideas/idea-schemas.ts'

// The same limits as ideaSchema (kept as numbers here so the browser bundle does not pull in zod).
const IDEA_TITLE_MAX = 200
const IDEA_TEXT_MAX = 10_000
import { updateIdea } from '#app/services/ideas/idea-lifecycle.server.ts'
import { getIdea } from '#app/services/ideas/ideas.server.ts'
import { acceptsIdeas } from '#app/services/challenges/phases.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const detail = await orErrorPage(getIdea(user, params.id ?? ''))
  // Only its authors edit an idea: everyone else gets the 403 page.
  if (!detail.isAuthor) throw data({ code: 'forbidden' }, { status: 403 })
  const { idea, challenge } = detail
  return {
    title: `${getT(context.lang)('ideas.edit.pageTitle', { title: idea.title ?? '' })} · Cocrea`,
    idea: { id: idea.id, title: idea.title ?? '', description: idea.description ?? '', expectedBenefit: idea.expectedBenefit ?? '' },
    open: acceptsIdeas(challenge.phase) && (idea.status === 'published' || idea.status === 'submitted'),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  try {
    const parsed = parseForm(formData, ideaSchema)
    if (!parsed.ok) return parsed.reply
    const idea = await updateIdea(user, params.id ?? '', parsed.value)
    return redirectWithFlash(`/ideas/${idea.id}`, { key: 'ideas.flash.updated' })
  } catch (error) {
    return replyWithDomainError(error, formData)
  }
}

export default function EditIdea() {
  const { t } = useT()
  const { idea, open } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = reply?.errors ?? {}
  const value = (name: 'title' | 'description' | 'expectedBenefit') => reply?.values[name] ?? idea[name]
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">{t('ideas.edit.title')}</h1>
      {open ? (
        <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm" noValidate>
          <FormErrors errors={errors.form} />
          <Field label={t('ideas.fields.title')} name="title" required maxLength={IDEA_TITLE_MAX} defaultValue={value('title')} errors={errors.title} />
          <TextAreaField label={t('ideas.fields.description')} name="description" rows={8} required maxLength={IDEA_TEXT_MAX} defaultValue={value('description')} errors={errors.description} />
          <TextAreaField label={t('ideas.fields.expectedBenefit')} name="expectedBenefit" rows={4} maxLength={IDEA_TEXT_MAX} defaultValue={value('expectedBenefit')} errors={errors.expectedBenefit} />
          <Button type="submit">{t('ideas.edit.save')}</Button>
        </Form>
      ) : (
        <p role="alert" className="rounded border border-amber-600 bg-amber-50 p-3">
          {t('ideas.edit.closed')}
        </p>
      )}
      <p>
        <Link to={`/ideas/${idea.id}`}>{t('ideas.edit.cancel')}</Link>
      </p>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
