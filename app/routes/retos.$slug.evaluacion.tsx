import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { criteriaFromForm, criteriaSchema, jurorSchema, MAX_CRITERIA, removeJurorSchema, reopenSchema, shortlistSchema } from '#app/services/evaluation/evaluation-schemas.ts'
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
import { CriteriaList } from '#app/components/evaluation/criteria-list.tsx'

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
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errorsFor = (intent: string) => (reply?.intent === intent ? reply.errors : {})
  const valuesFor = (intent: string) => (reply?.intent === intent ? reply.values : {})
  const published = !!d.publishedAt
  const closed = !!d.selectedAt
  const criteriaErrors = errorsFor('criteria')
  const criteriaValues = valuesFor('criteria')
  // The form's rows: the criteria there are, then empty rows up to the maximum (three at least).
  const rowCount = Math.min(MAX_CRITERIA, Math.max(d.criteria.length + 3, 5))
  const rows = Array.from({ length: rowCount }, (_, i) => d.criteria[i] ?? null)
  const total = d.criteria.reduce((s, c) => s + c.weight, 0)
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

      <section aria-labelledby="criteria-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="criteria-title" className="text-xl font-semibold">
          {t('evaluation.criteria.title')}
        </h2>
        <p className="text-sm text-slate-700">{t('evaluation.criteria.lead')}</p>
        {published || closed ? (
          <>
            <FormErrors errors={[...(criteriaErrors.form ?? []), ...(errorsFor('publish').form ?? [])]} />
            <CriteriaList criteria={d.criteria} />
            <p>{t('evaluation.criteria.voteShareValue', { share: d.voteShare, jury: 100 - d.voteShare })}</p>
            {!closed ? (
              <Form method="post" className="space-y-3 border-t border-slate-200 pt-4" noValidate>
                <h3 className="font-semibold">{t('evaluation.criteria.reopenTitle')}</h3>
                <input type="hidden" name="intent" value="reopen" />
                <FormErrors errors={errorsFor('reopen').form} />
                <TextAreaField label={t('evaluation.criteria.reopenReason')} hint={t('evaluation.criteria.reopenHint')} name="reason" rows={2} required defaultValue={valuesFor('reopen').reason} errors={errorsFor('reopen').reason} />
                <Button type="submit" variant="secondary">
                  {t('evaluation.criteria.reopen')}
                </Button>
              </Form>
            ) : null}
          </>
        ) : (
          <>
            <Form method="post" className="space-y-4" noValidate>
              <input type="hidden" name="intent" value="criteria" />
              <FormErrors errors={[...(criteriaErrors.form ?? []), ...(criteriaErrors.weights ?? []), ...(criteriaErrors.criteria ?? [])]} />
              <p className="text-sm text-slate-700">{t('evaluation.criteria.blankHint')}</p>
              {rows.map((c, i) => {
                const v = (k: string, fallback: string) => criteriaValues[`${k}.${i}`] ?? fallback
                return (
                  <fieldset key={c?.id ?? `new-${i}`} className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-[2fr_3fr_1fr]">
                    <legend className="px-1 font-semibold">{t('evaluation.criteria.row', { n: i + 1 })}</legend>
                    {c ? <input type="hidden" name={`id.${i}`} value={c.id} /> : null}
                    <Field label={t('evaluation.criteria.nameN', { n: i + 1 })} name={`name.${i}`} maxLength={120} defaultValue={v('name', c?.name ?? '')} errors={criteriaErrors[`name.${i}`]} />
                    <Field label={t('evaluation.criteria.descriptionN', { n: i + 1 })} name={`description.${i}`} maxLength={1000} defaultValue={v('description', c?.description ?? '')} errors={criteriaErrors[`description.${i}`]} />
                    <Field label={t('evaluation.criteria.weightN', { n: i + 1 })} name={`weight.${i}`} type="number" min={1} max={100} inputMode="numeric" defaultValue={v('weight', c ? String(c.weight) : '')} errors={criteriaErrors[`weight.${i}`]} />
                  </fieldset>
                )
              })}
              <Field
                label={t('evaluation.criteria.voteShare')}
                hint={t('evaluation.criteria.voteShareHint')}
                name="voteShare"
                type="number"
                min={0}
                max={100}
                inputMode="numeric"
                defaultValue={criteriaValues.voteShare ?? String(d.voteShare)}
                errors={criteriaErrors.voteShare}
              />
              <Button type="submit">{t('evaluation.criteria.save')}</Button>
            </Form>
            {d.criteria.length ? (
              <Form method="post" className="space-y-2 border-t border-slate-200 pt-4">
                <input type="hidden" name="intent" value="publish" />
                <p className="text-sm">{t('evaluation.criteria.total', { total })}</p>
                <p className="text-sm text-slate-700">{t('evaluation.criteria.publishHint')}</p>
                <FormErrors errors={[...(errorsFor('publish').form ?? []), ...(errorsFor('publish').weights ?? [])]} />
                <Button type="submit">{t('evaluation.criteria.publish')}</Button>
              </Form>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="jury-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="jury-title" className="text-xl font-semibold">
          {t('evaluation.jury.title')}
        </h2>
        <p className="text-sm text-slate-700">{t('evaluation.jury.lead')}</p>
        <FormErrors errors={errorsFor('removeJuror').form} />
        {d.jury.length === 0 ? (
          <p>{t('evaluation.jury.none')}</p>
        ) : (
          <ul className="space-y-2" data-testid="jury">
            {d.jury.map((j) => {
              const p = d.progress.find((x) => x.id === j.id)
              return (
                <li key={j.id} className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-2 last:border-0">
                  <span>
                    <span className="font-semibold">{j.name}</span> — {j.affiliation || t(`evaluation.roles.${j.role}`)}
                    {p ? (
                      <span className="block text-sm text-slate-700">
                        {t('evaluation.jury.progress', { done: p.done, of: p.of })}
                        {p.conflicts ? ` · ${t('evaluation.jury.conflicts', { count: p.conflicts })}` : ''}
                      </span>
                    ) : null}
                  </span>
                  {!closed ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="removeJuror" />
                      <input type="hidden" name="userId" value={j.id} />
                      <Button type="submit" variant="secondary" aria-label={t('evaluation.jury.remove', { name: j.name })}>
                        {t('evaluation.jury.remove', { name: j.name })}
                      </Button>
                    </Form>
                  ) : null}
                </li>
              )
            })}
          </ul>
        )}
        {!closed ? (
          <Form method="post" className="space-y-3 border-t border-slate-200 pt-4" noValidate>
            <input type="hidden" name="intent" value="addJuror" />
            <FormErrors errors={errorsFor('addJuror').form} />
            <Field label={t('evaluation.jury.email')} hint={t('evaluation.jury.emailHint')} name="email" type="email" autoComplete="off" required defaultValue={valuesFor('addJuror').email} errors={errorsFor('addJuror').email} />
            <Field label={t('evaluation.jury.affiliation')} hint={t('evaluation.jury.affiliationHint')} name="affiliation" maxLength={200} defaultValue={valuesFor('addJuror').affiliation} errors={errorsFor('addJuror').affiliation} />
            <Button type="submit" variant="secondary">
              {t('evaluation.jury.add')}
            </Button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="shortlist-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="shortlist-title" className="text-xl font-semibold">
          {t('evaluation.shortlist.title')}
        </h2>
        {d.shortlist.length === 0 ? (
          <p>{t('evaluation.shortlist.none')}</p>
        ) : (
          <ul className="space-y-1" data-testid="shortlist">
            {d.shortlist.map((i) => (
              <li key={i.id}>
                <Link to={`/ideas/${i.id}`}>{i.title}</Link> <span className="text-sm text-slate-700">· {t('evaluation.shortlist.votes', { count: i.votes })}</span>
              </li>
            ))}
          </ul>
        )}
        {!closed ? (
          <>
            <h3 className="font-semibold">{t('evaluation.shortlist.candidates')}</h3>
            <FormErrors errors={errorsFor('shortlist').form} />
            {d.candidates.length === 0 ? (
              <p className="text-sm">{t('evaluation.shortlist.noCandidates')}</p>
            ) : (
              <ul className="space-y-2">
                {d.candidates.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-3">
                    <span>
                      {i.title} <span className="text-sm text-slate-700">· {t('evaluation.shortlist.votes', { count: i.votes })}</span>
                    </span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="shortlist" />
                      <input type="hidden" name="ideaId" value={i.id} />
                      <Button type="submit" variant="secondary" aria-label={t('evaluation.shortlist.add', { title: i.title })}>
                        {t('evaluation.shortlist.add', { title: i.title })}
                      </Button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
