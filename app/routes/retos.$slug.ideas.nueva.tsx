import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { SimilarIdeas } from '#app/components/ideas/similar-ideas.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { getChallenge } from '#app/services/challenges/challenges.server.ts'
import { ideaSchema } from '#app/services/ideas/idea-schemas.ts'

// The same limits as ideaSchema (kept as numbers here so the browser bundle does not pull in zod).
const IDEA_TITLE_MAX = 200
const IDEA_TEXT_MAX = 10_000
import { submitIdea } from '#app/services/ideas/idea-lifecycle.server.ts'
import { acceptsIdeas } from '#app/services/challenges/phases.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const challengeOr404 = (user: Parameters<typeof getChallenge>[0], slug: string | undefined) => orErrorPage(getChallenge(user, slug ?? ''))

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const challenge = await challengeOr404(user, params.slug)
  const t = getT(context.lang)
  return {
    title: `${t('ideas.new.pageTitle', { challenge: challenge.title })} · Cocrea`,
    challenge: { slug: challenge.slug, title: challenge.title },
    open: acceptsIdeas(challenge.phase),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const challenge = await challengeOr404(user, params.slug)
  const formData = await request.formData()
  try {
    const parsed = parseForm(formData, ideaSchema)
    if (!parsed.ok) return parsed.reply
    const idea = await submitIdea(user, challenge, parsed.value)
    return redirectWithFlash(`/ideas/${idea.id}`, { key: 'ideas.flash.submitted' })
  } catch (error) {
    return replyWithDomainError(error, formData)
  }
}

export default function NewIdea() {
  const { t } = useT()
  const { challenge, open } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = reply?.errors ?? {}
  const busy = useNavigation().state === 'submitting'
  const [title, setTitle] = useState(reply?.values.title ?? '')
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-3xl font-bold text-brand-900">{t('ideas.new.title')}</h1>
        <p className="text-slate-700">
          <Link to={`/retos/${challenge.slug}`}>{t('ideas.new.forChallenge', { challenge: challenge.title })}</Link>
        </p>
      </header>
      {open ? null : (
        <p role="alert" className="rounded border border-amber-600 bg-amber-50 p-3">
          {t('ideas.new.closed')}
        </p>
      )}
      <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm" noValidate>
        <FormErrors errors={errors.form} values={reply?.messageValues} />
        <Field
          label={t('ideas.fields.title')}
          hint={t('ideas.fields.titleHint')}
          name="title"
          required
          maxLength={IDEA_TITLE_MAX}
          autoComplete="off"
          defaultValue={reply?.values.title}
          errors={errors.title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <SimilarIdeas slug={challenge.slug} title={title} />
        <TextAreaField
          label={t('ideas.fields.description')}
          hint={t('ideas.fields.descriptionHint')}
          name="description"
          rows={8}
          required
          maxLength={IDEA_TEXT_MAX}
          defaultValue={reply?.values.description}
          errors={errors.description}
        />
        <TextAreaField
          label={t('ideas.fields.expectedBenefit')}
          hint={t('ideas.fields.expectedBenefitHint')}
          name="expectedBenefit"
          rows={4}
          maxLength={IDEA_TEXT_MAX}
          defaultValue={reply?.values.expectedBenefit}
          errors={errors.expectedBenefit}
        />
        <Button type="submit" disabled={busy || !open}>
          {t('ideas.new.submit')}
        </Button>
      </Form>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
