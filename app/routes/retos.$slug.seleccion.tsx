import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { RATIONALE_MAX, selectionFromForm, selectionSchema } from '#app/services/evaluation/evaluation-schemas.ts'
import { getEvaluation } from '#app/services/evaluation/evaluation.server.ts'
import { recordSelection } from '#app/services/evaluation/selection.server.ts'
import { requirePermission } from '#app/services/platform/permissions.server.ts'
import { requireUser, requireUserWithPermission } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatNumber } from '#app/utils/format.ts'
import { replyWithDomainError, type FormResult } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** The shortlisted ideas still waiting for a decision, in ranking order. */
async function pendingIdeas(user: Parameters<typeof getEvaluation>[0], slug: string) {
  const view = await getEvaluation(user, slug)
  const waiting = new Set(view.shortlist.filter((i) => i.status === 'shortlisted').map((i) => i.id))
  return { view, ideas: (view.ranking ?? []).filter((r) => waiting.has(r.ideaId)) }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, 'select:idea')
  const { view, ideas } = await orErrorPage(pendingIdeas(user, params.slug ?? ''))
  const t = getT(context.lang)
  return {
    title: `${t('evaluation.selection.title')} · ${view.challenge.title} · Cocrea`,
    challenge: { slug: view.challenge.slug, title: view.challenge.title },
    open: !!view.publishedAt && !view.selectedAt && view.challenge.phase === 'evaluation',
    scoreFirst: view.scoreFirst,
    ideas: ideas.map((r) => ({ id: r.ideaId, title: r.title, rank: r.rank, finalScore: r.finalScore })),
    lang: context.lang,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  try {
    // Permission before validation (a 403, whatever the form holds).
    requirePermission(user, 'select:idea')
    const { ideas } = await pendingIdeas(user, params.slug ?? '')
    const ids = ideas.map((i) => i.ideaId)
    const parsed = selectionSchema.safeParse(selectionFromForm(formData, ids))
    if (!parsed.success) {
      const errors: Record<string, string[]> = {}
      for (const issue of parsed.error.issues) {
        const [, index, field] = issue.path
        const id = ids[Number(index)]
        const key = id && field === 'rationale' ? `rationale.${id}` : id ? `decision.${id}` : 'form'
        const message = /^([a-z]+\.)?validation\./.test(issue.message) ? issue.message : 'validation.invalid'
        errors[key] = [...new Set([...(errors[key] ?? []), message])]
      }
      const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]))
      return data<FormResult>({ errors, values, intent: 'select' }, { status: 400 })
    }
    const { challenge } = await recordSelection(user, params.slug ?? '', parsed.data)
    return redirectWithFlash(`/retos/${challenge.slug}/resultados`, { key: 'evaluation.selection.done' })
  } catch (error) {
    return replyWithDomainError(error, formData, 'select')
  }
}

export default function SelectionPage() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = reply?.errors ?? {}
  const values = reply?.values ?? {}
  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-slate-700">
          <Link to={`/retos/${d.challenge.slug}/evaluacion`}>{t('evaluation.title')}</Link> · <Link to={`/retos/${d.challenge.slug}`}>{d.challenge.title}</Link>
        </p>
        <h1 className="text-3xl font-bold text-brand-900">{t('evaluation.selection.title')}</h1>
        <p className="text-slate-700">{t('evaluation.selection.lead')}</p>
      </header>
      {!d.open ? (
        <p className="rounded border border-slate-300 bg-white p-4">{t('evaluation.selection.notOpen')}</p>
      ) : d.scoreFirst ? (
        <p className="rounded border border-amber-700 bg-amber-50 p-4 text-amber-900">{t('evaluation.results.scoreFirst')}</p>
      ) : d.ideas.length === 0 ? (
        <p>{t('evaluation.errors.emptyShortlist')}</p>
      ) : (
        <Form method="post" className="space-y-6" noValidate>
          <FormErrors errors={errors.form} />
          {d.ideas.map((idea) => {
            const chosen = values[`decision.${idea.id}`]
            const decisionErrors = errors[`decision.${idea.id}`]
            return (
              <fieldset key={idea.id} className="space-y-3 rounded-lg bg-white p-6 shadow-sm" aria-describedby={decisionErrors ? `decision-error-${idea.id}` : undefined}>
                <legend className="sr-only">{t('evaluation.selection.decision', { title: idea.title })}</legend>
                <h2 className="text-lg font-semibold" aria-hidden="true">
                  {idea.title}
                </h2>
                <p className="text-sm text-slate-700">{t('evaluation.selection.rankLine', { rank: idea.rank, score: formatNumber(idea.finalScore, d.lang, { maximumFractionDigits: 2 }) })}</p>
                <div className="flex flex-wrap gap-6">
                  <label className="flex items-center gap-2" htmlFor={`sel-${idea.id}`}>
                    <input type="radio" id={`sel-${idea.id}`} name={`decision.${idea.id}`} value="selected" defaultChecked={chosen === 'selected'} />
                    {t('evaluation.selection.selected')}
                  </label>
                  <label className="flex items-center gap-2" htmlFor={`nosel-${idea.id}`}>
                    <input type="radio" id={`nosel-${idea.id}`} name={`decision.${idea.id}`} value="not_selected" defaultChecked={chosen === 'not_selected'} />
                    {t('evaluation.selection.notSelected')}
                  </label>
                </div>
                {decisionErrors ? (
                  <ul id={`decision-error-${idea.id}`} className="text-sm font-medium text-red-700">
                    {decisionErrors.map((e) => (
                      <li key={e}>{t(e)}</li>
                    ))}
                  </ul>
                ) : null}
                <TextAreaField
                  label={t('evaluation.selection.rationale', { title: idea.title })}
                  name={`rationale.${idea.id}`}
                  rows={3}
                  maxLength={RATIONALE_MAX}
                  required
                  defaultValue={values[`rationale.${idea.id}`] ?? ''}
                  errors={errors[`rationale.${idea.id}`]}
                />
              </fieldset>
            )
          })}
          <Button type="submit">{t('evaluation.selection.submit')}</Button>
        </Form>
      )}
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
