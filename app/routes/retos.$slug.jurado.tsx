import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { CriteriaList } from '#app/components/evaluation/criteria-list.tsx'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { RATIONALE_MAX, scoresFromForm, scoresSchema } from '#app/services/evaluation/evaluation-schemas.ts'
import { getJurorView } from '#app/services/evaluation/evaluation.server.ts'
import { submitScores } from '#app/services/evaluation/scoring.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { replyWithDomainError, type FormResult } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const view = await orErrorPage(getJurorView(user, params.slug ?? ''))
  const t = getT(context.lang)
  return {
    title: `${t('evaluation.juror.title')} · ${view.challenge.title} · Cocrea`,
    challenge: { slug: view.challenge.slug, title: view.challenge.title },
    criteria: view.criteria,
    published: view.published,
    open: view.open,
    opensOn: view.opensAt && view.opensAt.getTime() > Date.now() ? formatDate(view.opensAt, context.lang) : null,
    items: view.items,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  const ideaId = String(formData.get('ideaId') ?? '')
  try {
    const view = await getJurorView(user, params.slug ?? '')
    const ids = view.criteria.map((c) => c.id)
    const parsed = scoresSchema.safeParse(scoresFromForm(formData, ids))
    if (!parsed.success) {
      const errors: Record<string, string[]> = {}
      for (const issue of parsed.error.issues) {
        const [, index, field] = issue.path
        const id = ids[Number(index)]
        const key = id && field === 'rationale' ? `rationale.${id}` : id ? `score.${id}` : 'form'
        const message = /^([a-z]+\.)?validation\./.test(issue.message) ? issue.message : 'validation.invalid'
        errors[key] = [...new Set([...(errors[key] ?? []), message])]
      }
      const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]))
      return data<FormResult>({ errors, values, intent: 'score', target: ideaId }, { status: 400 })
    }
    await submitScores(user, ideaId, parsed.data)
    const title = view.items.find((i) => i.id === ideaId)?.title ?? ''
    return redirectWithFlash(`/retos/${view.challenge.slug}/jurado`, { key: 'evaluation.juror.sent', values: { title } })
  } catch (error) {
    return replyWithDomainError(error, formData, 'score', ideaId)
  }
}

export default function JuryPage() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const nameOf = new Map(d.criteria.map((c) => [c.id, c.name]))
  return (
    <article className="mx-auto max-w-4xl space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-slate-700">
          <Link to={`/retos/${d.challenge.slug}`}>{d.challenge.title}</Link>
        </p>
        <h1 className="text-3xl font-bold text-brand-900">{t('evaluation.juror.title')}</h1>
        <p className="text-slate-700">{t('evaluation.juror.lead')}</p>
        {d.opensOn ? (
          <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-900">{t('evaluation.juror.opensOn', { date: d.opensOn })}</p>
        ) : !d.published ? (
          <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-900">{t('evaluation.juror.notPublished')}</p>
        ) : !d.open ? (
          <p className="rounded border border-slate-300 bg-white p-3">{t('evaluation.juror.closed')}</p>
        ) : null}
      </header>

      {d.published ? (
        <section aria-labelledby="criteria-title" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="criteria-title" className="text-xl font-semibold">
            {t('evaluation.criteria.title')}
          </h2>
          <CriteriaList criteria={d.criteria} className="mt-3" />
        </section>
      ) : null}

      {d.items.length === 0 ? <p>{t('evaluation.juror.none')}</p> : null}

      {d.items.map((idea) => {
        const mine = reply && 'target' in reply && reply.target === idea.id ? reply : null
        const errors = mine?.errors ?? {}
        const values = mine?.values ?? {}
        return (
          <section key={idea.id} aria-labelledby={`idea-${idea.id}`} className="space-y-4 rounded-lg bg-white p-6 shadow-sm" data-testid="jury-idea">
            <h2 id={`idea-${idea.id}`} className="text-xl font-semibold">
              <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
            </h2>
            <p className="text-sm text-slate-700">{t('evaluation.shortlist.votes', { count: idea.votes })}</p>
            {idea.conflict ? <p className="rounded border border-slate-400 bg-slate-50 p-3">{t('evaluation.juror.conflict')}</p> : null}
            {idea.submitted ? <p className="font-semibold text-emerald-800">{t('evaluation.juror.submitted')}</p> : null}

            {idea.canScore && d.published ? (
              <Form method="post" className="space-y-4" noValidate>
                <input type="hidden" name="ideaId" value={idea.id} />
                <FormErrors errors={errors.form} />
                {d.criteria.map((c) => (
                  <fieldset key={c.id} className="space-y-2 rounded border border-slate-200 p-3">
                    <legend className="px-1 font-semibold">{c.name}</legend>
                    <SelectField label={t('evaluation.juror.score', { criterion: c.name })} name={`score.${c.id}`} defaultValue={values[`score.${c.id}`] ?? ''} errors={errors[`score.${c.id}`]} required>
                      <option value="">{t('evaluation.juror.choose')}</option>
                      {[1, 2, 3, 4, 5].map((v) => (
                        <option key={v} value={v}>
                          {t('evaluation.juror.scoreOption', { n: v })}
                        </option>
                      ))}
                    </SelectField>
                    <TextAreaField
                      label={t('evaluation.juror.rationale', { criterion: c.name })}
                      name={`rationale.${c.id}`}
                      rows={3}
                      maxLength={RATIONALE_MAX}
                      required
                      defaultValue={values[`rationale.${c.id}`] ?? ''}
                      errors={errors[`rationale.${c.id}`]}
                    />
                  </fieldset>
                ))}
                <Button type="submit">{t('evaluation.juror.submit')}</Button>
              </Form>
            ) : null}

            {idea.mine.length ? (
              <div>
                <h3 className="font-semibold">{t('evaluation.juror.yours')}</h3>
                <ul className="mt-1 space-y-1 text-sm" data-testid="my-scores">
                  {idea.mine.map((s) => (
                    <li key={s.criterionId}>
                      <strong>
                        {nameOf.get(s.criterionId)}: {s.score}
                      </strong>{' '}
                      — <span className="whitespace-pre-wrap">{s.rationale}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}

            {!idea.conflict ? (
              <div>
                <h3 className="font-semibold">{t('evaluation.juror.others')}</h3>
                {idea.othersTotal === 0 ? (
                  <p className="text-sm text-slate-700">{t('evaluation.juror.onlyJuror')}</p>
                ) : idea.others === null ? (
                  <p className="text-sm text-slate-700" data-testid="others-hidden">
                    {t('evaluation.juror.othersHidden', { done: idea.othersSubmitted, of: idea.othersTotal })}
                  </p>
                ) : idea.others.length === 0 ? (
                  <p className="text-sm text-slate-700">{t('evaluation.juror.othersNone')}</p>
                ) : (
                  <ul className="mt-1 space-y-1 text-sm" data-testid="others-scores">
                    {idea.others.map((s) => (
                      <li key={`${s.juror}-${s.criterionId}`}>
                        <strong>
                          {s.juror} · {nameOf.get(s.criterionId)}: {s.score}
                        </strong>{' '}
                        — <span className="whitespace-pre-wrap">{s.rationale}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ) : null}
          </section>
        )
      })}
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
