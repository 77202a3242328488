import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { criteriaFromForm, criteriaSchema, jurorSchema, removeJurorSchema, reopenSchema, shortlistSchema } from '#app/services/evaluation/evaluation-schemas.ts'
import { publishEvaluation, reopenEvaluation, saveCriteria } from '#app/services/evaluation/criteria.server.ts'
import { getEvaluationAdmin } from '#app/services/evaluation/evaluation.server.ts'
import { addJuror, removeJuror } from '#app/services/evaluation/jury.server.ts'
import { shortlistIdea } from '#app/services/evaluation/selection.server.ts'
import { requirePermission } from '#app/services/platform/permissions.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { parseForm, replyWithDomainError, type FormResult } from '#app/utils/forms.server.ts'
import { CriteriaEditor, JuryPanel, ShortlistPanel } from './evaluation-panels.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const view = await orErrorPage(getEvaluationAdmin(user, params.slug ?? ''))
  const t = getT(context.lang)
  const { challenge, ranking: _ranking, ...rest } = view
  return {
    title: `${t('evaluation.title')} · ${challenge.title} · Cocrea`,
    challenge: { slug: challenge.slug, title: challenge.title, phase: challenge.phase },
    ...rest,
    lang: context.lang,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const slug = params.slug ?? ''
  const path = `/retos/${slug}/evaluacion`
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  try {
    // Permission before validation: someone who may not manage the evaluation learns nothing from the form's messages.
    requirePermission(user, 'manage:evaluation')
    switch (intent) {
      case 'criteria': {
        const parsed = criteriaSchema.safeParse(criteriaFromForm(formData))
        if (!parsed.success) {
          // criteria.2.weight → weight.2 (the row's field); the rest keeps its name (voteShare, weights, criteria).
          const errors: Record<string, string[]> = {}
          for (const issue of parsed.error.issues) {
            const [first, index, field] = issue.path
            const key = first === 'criteria' && typeof index === 'number' && field ? `${String(field)}.${index}` : String(first ?? 'form')
            const message = /^([a-z]+\.)?validation\./.test(issue.message) ? issue.message : 'validation.invalid'
            errors[key] = [...new Set([...(errors[key] ?? []), message])]
          }
          const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]))
          return data<FormResult>({ errors, values, intent }, { status: 400 })
        }
        await saveCriteria(user, slug, parsed.data)
        return redirectWithFlash(path, { key: 'evaluation.criteria.saved' })
      }
      case 'publish':
        await publishEvaluation(user, slug)
        return redirectWithFlash(path, { key: 'evaluation.criteria.published' })
      case 'reopen': {
        const parsed = parseForm(formData, reopenSchema, intent)
        if (!parsed.ok) return parsed.reply
        await reopenEvaluation(user, slug, parsed.value.reason)
        return redirectWithFlash(path, { key: 'evaluation.criteria.reopened' })
      }
      case 'addJuror': {
        const parsed = parseForm(formData, jurorSchema, intent)
        if (!parsed.ok) return parsed.reply
        const added = await addJuror(user, slug, parsed.value)
        return redirectWithFlash(path, { key: 'evaluation.jury.added', values: { name: added.name } })
      }
      case 'removeJuror': {
        const parsed = parseForm(formData, removeJurorSchema, intent)
        if (!parsed.ok) return parsed.reply
        await removeJuror(user, slug, parsed.value.userId)
        return redirectWithFlash(path, { key: 'evaluation.jury.removed' })
      }
      case 'shortlist': {
        const parsed = parseForm(formData, shortlistSchema, intent)
        if (!parsed.ok) return parsed.reply
        await shortlistIdea(user, slug, parsed.value.ideaId)
        return redirectWithFlash(path, { key: 'evaluation.shortlist.added' })
      }
    }
  } catch (error) {
    return replyWithDomainError(error, formData, intent)
  }
  throw data({ code: 'validation' }, { status: 400 })
}

export default function EvaluationAdminPage() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errorsFor = (intent: string) => (reply?.intent === intent ? reply.errors : {})
  const valuesFor = (intent: string) => (reply?.intent === intent ? reply.values : {})
  const published = !!d.publishedAt
  const closed = !!d.selectedAt
  return (
    <article className="mx-auto max-w-4xl space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-slate-700">
          <Link to={`/retos/${d.challenge.slug}`}>{d.challenge.title}</Link>
        </p>
        <h1 className="text-3xl font-bold text-brand-900">{t('evaluation.title')}</h1>
        <p data-testid="evaluation-status">
          {closed
            ? t('evaluation.status.selected', { date: formatDate(d.selectedAt!, d.lang) })
            : published
              ? t('evaluation.status.published', { date: formatDate(d.publishedAt!, d.lang) })
              : t('evaluation.status.draft')}
        </p>
        <p className="flex flex-wrap gap-4">
          <Link to={`/retos/${d.challenge.slug}/resultados`} className="font-semibold">
            {t('evaluation.links.results')}
          </Link>
          {published && !closed ? (
            <Link to={`/retos/${d.challenge.slug}/seleccion`} className="font-semibold">
              {t('evaluation.selection.title')}
            </Link>
          ) : null}
        </p>
      </header>

      <CriteriaEditor view={d} closed={closed} errorsFor={errorsFor} valuesFor={valuesFor} />

      <JuryPanel view={d} closed={closed} errorsFor={errorsFor} valuesFor={valuesFor} />

      <ShortlistPanel view={d} closed={closed} errorsFor={errorsFor} />
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
