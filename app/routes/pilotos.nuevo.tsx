import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { departmentNames } from '#app/data/guatemala.ts'
import { getT } from '#app/i18n/i18n.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { pilotInputSchema } from '#app/services/pilots/pilot-schemas.ts'
import { createPilot, pilotFormOptions } from '#app/services/pilots/pilot-creation.server.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { requireUserWithPermission } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** Facilitators turn a challenge's selected ideas into a pilot; everyone else gets the 403 page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUserWithPermission(context, request, 'create:pilot')
  const options = await pilotFormOptions(new URL(request.url).searchParams.get('reto'))
  return { title: `${getT(context.lang)('pilots.form.newTitle')} · Cocrea`, ...options }
}

type Reply = { errors: Record<string, string[]>; values: Record<string, string>; ideaIds: string[]; teamIds: string[] }

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(context, request, 'create:pilot')
  const formData = await request.formData()
  const input: Record<string, unknown> = {}
  for (const [key, value] of formData.entries()) if (typeof value === 'string') input[key] = value
  input.ideaIds = formData.getAll('ideaIds').map(String)
  input.teamIds = formData.getAll('teamIds').map(String)
  const reply = (errors: Record<string, string[]>, status = 400) =>
    data<Reply>(
      {
        errors,
        values: Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
        ideaIds: input.ideaIds as string[],
        teamIds: input.teamIds as string[],
      },
      { status },
    )
  const parsed = pilotInputSchema.safeParse(input)
  if (!parsed.success) return reply(fieldErrors(parsed.error))
  try {
    const created = await createPilot(user, parsed.data)
    return redirectWithFlash(`/pilotos/${created.pilot.slug}`, { key: 'pilots.flash.created', values: { title: created.pilot.title } })
  } catch (error) {
    if (!isDomainError(error)) throw error
    return reply(error.details.fields ?? { form: [error.messageKey] }, error.status)
  }
}

export default function NewPilot() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = reply?.errors ?? {}
  const v = reply?.values ?? {}
  const challenge = d.challenge
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-brand-900">{t('pilots.form.newTitle')}</h1>
        <p className="mt-2 text-slate-700">{t('pilots.form.newLead')}</p>
      </div>

      {d.challenges.length === 0 ? (
        <p>{t('pilots.form.noChallenges')}</p>
      ) : (
        <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
          <div className="grow">
            <SelectField label={t('pilots.form.chooseChallenge')} hint={t('pilots.form.chooseChallengeHint')} name="reto" defaultValue={challenge?.slug ?? ''}>
              <option value="">{t('pilots.form.select')}</option>
              {d.challenges.map((c) => (
                <option key={c.id} value={c.slug}>
                  {c.title}
                </option>
              ))}
            </SelectField>
          </div>
          <Button type="submit" variant="secondary">
            {t('pilots.form.choose')}
          </Button>
        </Form>
      )}

      {challenge ? (
        <section className="rounded-lg bg-white p-6 shadow-sm">
          <Form method="post" className="space-y-5" noValidate>
            <FormErrors errors={errors.form} />
            <input type="hidden" name="challengeId" value={challenge.id} />
            <fieldset className="space-y-2" aria-describedby={errors.ideaIds ? 'ideas-error' : undefined}>
              <legend className="font-medium">{t('pilots.form.ideas')}</legend>
              {d.selectedIdeas.map((idea) => (
                <div key={idea.id} className="flex items-center gap-2">
                  <input type="checkbox" id={`idea-${idea.id}`} name="ideaIds" value={idea.id} defaultChecked={reply ? reply.ideaIds.includes(idea.id) : d.selectedIdeas.length === 1} />
                  <label htmlFor={`idea-${idea.id}`}>{idea.title}</label>
                </div>
              ))}
              {errors.ideaIds ? (
                <ul id="ideas-error" className="text-sm font-medium text-red-700">
                  {errors.ideaIds.map((e) => (
                    <li key={e}>{t(e)}</li>
                  ))}
                </ul>
              ) : null}
            </fieldset>
            <Field label={t('pilots.form.title')} name="title" required maxLength={160} defaultValue={v.title} errors={errors.title} />
            <TextAreaField label={t('pilots.form.summary')} hint={t('pilots.form.summaryHint')} name="summary" rows={6} required defaultValue={v.summary} errors={errors.summary} />
            <SelectField label={t('pilots.form.institution')} name="institutionId" defaultValue={v.institutionId ?? challenge.institutionId} errors={errors.institutionId}>
              {d.institutions.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.acronym} — {i.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('pilots.form.lead')} name="leadId" defaultValue={v.leadId ?? ''} errors={errors.leadId}>
              <option value="">{t('pilots.form.select')}</option>
              {d.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.institutionAcronym ? ` (${p.institutionAcronym})` : ''}
                </option>
              ))}
            </SelectField>
            <fieldset className="space-y-2">
              <legend className="font-medium">{t('pilots.form.team')}</legend>
              <div className="grid gap-1 sm:grid-cols-2">
                {d.people.map((p) => (
                  <div key={p.id} className="flex items-center gap-2">
                    <input type="checkbox" id={`team-${p.id}`} name="teamIds" value={p.id} defaultChecked={reply?.teamIds.includes(p.id)} />
                    <label htmlFor={`team-${p.id}`}>{p.name}</label>
                  </div>
                ))}
              </div>
              {errors.teamIds ? (
                <ul className="text-sm font-medium text-red-700">
                  {errors.teamIds.map((e) => (
                    <li key={e}>{t(e)}</li>
                  ))}
                </ul>
              ) : null}
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t('pilots.form.startDate')} name="startDate" type="date" required defaultValue={v.startDate} errors={errors.startDate} />
              <Field label={t('pilots.form.endDate')} name="endDate" type="date" required defaultValue={v.endDate} errors={errors.endDate} />
            </div>
            <Field label={t('pilots.form.budget')} name="budgetGtq" inputMode="decimal" required defaultValue={v.budgetGtq ?? '0'} errors={errors.budgetGtq} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField label={t('pilots.form.department')} name="department" defaultValue={v.department ?? challenge.department ?? ''} errors={errors.department}>
                <option value="">{t('pilots.wholeCountry')}</option>
                {departmentNames.map((dep) => (
                  <option key={dep} value={dep}>
                    {dep}
                  </option>
                ))}
              </SelectField>
              <Field label={t('pilots.form.municipality')} name="municipality" defaultValue={v.municipality ?? challenge.municipality ?? ''} errors={errors.municipality} />
            </div>
            <div className="flex items-center gap-4">
              <Button type="submit">{t('pilots.form.submit')}</Button>
              <Link to="/pilotos">{t('pilots.form.cancel')}</Link>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
