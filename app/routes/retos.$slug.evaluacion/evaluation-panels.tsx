import type { SerializeFrom } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { CriteriaList } from '#app/components/evaluation/criteria-list.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { MAX_CRITERIA } from '#app/services/evaluation/evaluation-schemas.ts'
import type { getEvaluationAdmin } from '#app/services/evaluation/evaluation.server.ts'

type Props = {
  view: Omit<SerializeFrom<Awaited<ReturnType<typeof getEvaluationAdmin>>>, 'ranking' | 'challenge'>
  /** Once the selection is recorded nothing here changes. */
  closed: boolean
  /** The field errors and sent values of the form the last reply was for (empty for the others). */
  errorsFor: (intent: string) => Record<string, string[]>
  valuesFor: (intent: string) => Record<string, string>
}

/** The weighted criteria: edited and published before scoring, reopened only with a public reason. */
export function CriteriaEditor({ view: d, closed, errorsFor, valuesFor }: Props) {
  const { t } = useT()
  const published = !!d.publishedAt
  const criteriaErrors = errorsFor('criteria')
  const criteriaValues = valuesFor('criteria')
  // The form's rows: the criteria there are, then empty rows up to the maximum (three at least).
  const rowCount = Math.min(MAX_CRITERIA, Math.max(d.criteria.length + 3, 5))
  const rows = Array.from({ length: rowCount }, (_, i) => d.criteria[i] ?? null)
  const total = d.criteria.reduce((s, c) => s + c.weight, 0)
  return (
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
  )
}

/** The jurors, how far each has scored, and the form to add one. */
export function JuryPanel({ view: d, closed, errorsFor, valuesFor }: Props) {
  const { t } = useT()
  return (
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
  )
}

/** The ideas on the shortlist and the candidates that can join it. */
export function ShortlistPanel({ view: d, closed, errorsFor }: Omit<Props, 'valuesFor'>) {
  const { t } = useT()
  return (
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
  )
}
