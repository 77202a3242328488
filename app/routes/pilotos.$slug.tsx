import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CommentThread } from '#app/components/ideas/comment-thread.tsx'
import { FollowButton } from '#app/components/ui/follow-button.tsx'
import { KpiChart, PilotStatusBadge, ProgressBar, ScheduleBadge } from '#app/components/pilots/pilot-ui.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { DataTable } from '#app/components/ui/data-table.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { commentsOpen, listComments } from '#app/services/ideas/comments.server.ts'
import { handleCommentIntent } from '#app/utils/comment-intents.server.ts'
import { isFollowing } from '#app/services/notifications/follows.server.ts'
import { DomainError } from '#app/services/platform/errors.ts'
import { can } from '#app/services/platform/permissions.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { kpiSchema, measurementSchema, milestoneDoneSchema, milestoneSchema, pilotStatusSchema, pilotUpdateSchema } from '#app/services/pilots/pilot-schemas.ts'
import { addKpi, addMeasurement, addMilestone, changePilotStatus, postPilotUpdate, setMilestoneDone } from '#app/services/pilots/pilot-reports.server.ts'
import { getPilotRecord, pilotAbilities, serializePilot } from '#app/services/pilots/pilots.server.ts'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatCurrencyGTQ, formatDate, formatNumber } from '#app/utils/format.ts'
import { parseForm, replyWithDomainError, type FormResult } from '#app/utils/forms.server.ts'
import { readUploadForm } from '#app/utils/uploads.server.ts'
import { pilotStatuses, type Language } from '#app/domain/vocabulary.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, ...(data ? [{ name: 'description', content: data.description }] : [])]

/** A calendar day (YYYY-MM-DD) shown in the reader's language; noon UTC keeps it the same day in Guatemala. */
const day = (value: string, lang: Language) => formatDate(new Date(`${value}T12:00:00Z`), lang)

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const record = await orErrorPage(getPilotRecord(params.slug ?? ''))
  const pilot = serializePilot(record)
  const target = { type: 'pilot' as const, id: pilot.id }
  const [comments, canComment, following, abilities] = await Promise.all([
    listComments(user, target),
    user && can(user, 'create:comment') ? commentsOpen(user, target) : Promise.resolve(false),
    isFollowing(user, { targetType: 'pilot', targetId: pilot.id }),
    pilotAbilities(user, record),
  ])
  return {
    title: `${pilot.title} · Cocrea`,
    description: pilot.summary.slice(0, 160),
    lang: context.lang,
    pilot,
    comments,
    canComment,
    following,
    canReport: abilities.report,
    viewerId: user?.id ?? null,
    path: new URL(request.url).pathname,
    now: Date.now(),
  }
}

const reply400 = (formData: FormData, intent: string, errors: Record<string, string[]>) =>
  data<FormResult>({ errors, values: Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)])), intent }, { status: 400 })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const record = await orErrorPage(getPilotRecord(params.slug ?? ''))
  const pilotId = record.pilot.id
  const pagePath = `/pilotos/${record.pilot.slug}`
  const { formData, file, fileError } = await readUploadForm(request, { field: 'attachment', kind: 'attachment', fallbackName: 'adjunto' })
  const commentReply = await handleCommentIntent(user, formData, { type: 'pilot', id: pilotId }, pagePath)
  if (commentReply) return commentReply
  const intent = String(formData.get('intent') ?? '')
  const done = (key: string) => redirectWithFlash(pagePath, { key })
  try {
    if (intent === 'status') {
      const parsed = parseForm(formData, pilotStatusSchema, intent)
      if (!parsed.ok) return parsed.reply
      await changePilotStatus(user, pilotId, parsed.value)
      return done('pilots.flash.statusChanged')
    }
    if (intent === 'milestone') {
      const parsed = parseForm(formData, milestoneSchema, intent)
      if (!parsed.ok) return parsed.reply
      await addMilestone(user, pilotId, parsed.value)
      return done('pilots.flash.milestoneAdded')
    }
    if (intent === 'milestone-done') {
      const parsed = parseForm(formData, milestoneDoneSchema, intent)
      if (!parsed.ok) return parsed.reply
      await setMilestoneDone(user, pilotId, parsed.value.milestoneId, parsed.value.done)
      return done(parsed.value.done ? 'pilots.flash.milestoneDone' : 'pilots.flash.milestoneReopened')
    }
    if (intent === 'kpi') {
      const parsed = parseForm(formData, kpiSchema, intent)
      if (!parsed.ok) return parsed.reply
      await addKpi(user, pilotId, parsed.value)
      return done('pilots.flash.kpiAdded')
    }
    if (intent === 'measurement') {
      const parsed = parseForm(formData, measurementSchema, intent)
      if (!parsed.ok) return parsed.reply
      const kpiId = String(formData.get('kpiId') ?? '')
      if (!record.kpis.some((k) => k.kpi.id === kpiId)) return reply400(formData, intent, { kpiId: ['validation.invalid'] })
      await addMeasurement(user, pilotId, kpiId, parsed.value)
      return done('pilots.flash.measurementAdded')
    }
    if (intent === 'update') {
      const parsed = pilotUpdateSchema.safeParse(Object.fromEntries(formData))
      if (!parsed.success || fileError) {
        const errors = parsed.success ? {} : fieldErrors(parsed.error)
        if (fileError) errors.attachment = [fileError]
        return reply400(formData, intent, errors)
      }
      // Refused before anything is written to disk.
      if (!(await pilotAbilities(user, record)).report) throw new DomainError('forbidden', 'pilots.errors.notYourPilot')
      const update = await postPilotUpdate(user, pilotId, parsed.data, file)
      return redirectWithFlash(`${pagePath}#update-${update.id}`, { key: 'pilots.flash.updatePosted' })
    }
    return reply400(formData, intent, { form: ['errors.validation'] })
  } catch (error) {
    return replyWithDomainError(error, formData, intent)
  }
}

export default function PilotPage() {
  const { t } = useTranslation()
  const d = useLoaderData<typeof loader>()
  const { pilot, lang } = d
  const reply = useActionData<typeof action>()
  const errorsFor = (intent: string): Record<string, string[]> => (reply && 'intent' in reply && reply.intent === intent ? reply.errors : {})
  const valuesFor = (intent: string): Record<string, string> => (reply && 'intent' in reply && reply.intent === intent ? reply.values : {})
  const territory = [pilot.territory.municipality, pilot.territory.department].filter(Boolean).join(', ')
  const pilotIntents = ['status', 'milestone', 'milestone-done', 'kpi', 'measurement', 'update']
  const commentReply = reply && 'intent' in reply && !pilotIntents.includes(reply.intent ?? '') ? reply : undefined

  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <PilotStatusBadge status={pilot.status} />
          <ScheduleBadge schedule={pilot.schedule} />
        </div>
        <h1 className="text-3xl font-bold text-brand-900">{pilot.title}</h1>
        <p className="text-lg text-slate-700">{t('pilots.page.by', { institution: pilot.institution.name })}</p>
        {pilot.statusReason ? (
          <p className="text-slate-800" data-testid="status-reason">
            {t('pilots.page.statusReason', { reason: pilot.statusReason })}
          </p>
        ) : null}
        <div className="max-w-xl">
          <ProgressBar progress={pilot.progress} />
        </div>
        {d.viewerId ? <FollowButton targetType="pilot" targetId={pilot.id} following={d.following} /> : null}
        {/* A refused report from someone who has no management forms is shown here. */}
        {!d.canReport && reply && 'intent' in reply && pilotIntents.includes(reply.intent ?? '') ? <FormErrors errors={reply.errors.form} /> : null}
      </header>

      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-8">
          <section aria-labelledby="summary-title" className="rounded-lg bg-white p-6 shadow-sm">
            <h2 id="summary-title" className="text-xl font-semibold">
              {t('pilots.page.summary')}
            </h2>
            {/* Rendered from Markdown and sanitised on the server (app/utils/markdown.server.ts). */}
            <div className="prose mt-4 max-w-none space-y-3" dangerouslySetInnerHTML={{ __html: pilot.summaryHtml }} />
          </section>

          <section aria-labelledby="milestones-title" className="space-y-3 rounded-lg bg-white p-6 shadow-sm">
            <h2 id="milestones-title" className="text-xl font-semibold">
              {t('pilots.page.milestones')}
            </h2>
            {pilot.milestones.length === 0 ? <p>{t('pilots.page.noMilestones')}</p> : null}
            <ol className="space-y-3" data-testid="milestones">
              {pilot.milestones.map((m) => (
                <li key={m.id} id={`milestone-${m.id}`} className={`border-l-4 pl-3 ${m.completedAt ? 'border-emerald-700' : m.overdue ? 'border-red-700' : 'border-slate-300'}`}>
                  <p className="font-semibold">{m.title}</p>
                  {m.description ? <p className="text-sm text-slate-700">{m.description}</p> : null}
                  <p className="text-sm">
                    {t('pilots.page.milestoneWeight', { weight: m.weight })} · {t('pilots.page.milestoneDue', { date: day(m.dueDate, lang) })} ·{' '}
                    <strong className={m.completedAt ? 'text-emerald-800' : m.overdue ? 'text-red-800' : ''}>
                      {m.completedAt ? t('pilots.page.milestoneDone', { date: formatDate(m.completedAt, lang) }) : m.overdue ? t('pilots.page.milestoneOverdue') : t('pilots.page.milestonePending')}
                    </strong>
                  </p>
                  {d.canReport ? (
                    <Form method="post" className="mt-1">
                      <input type="hidden" name="intent" value="milestone-done" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <input type="hidden" name="done" value={m.completedAt ? 'false' : 'true'} />
                      <Button type="submit" variant="secondary" className="px-2 py-1 text-sm">
                        {m.completedAt ? t('pilots.manage.reopen', { title: m.title }) : t('pilots.manage.complete', { title: m.title })}
                      </Button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>

          <section aria-labelledby="kpis-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
            <h2 id="kpis-title" className="text-xl font-semibold">
              {t('pilots.page.kpis')}
            </h2>
            {pilot.kpis.length === 0 ? <p>{t('pilots.page.noKpis')}</p> : null}
            {pilot.kpis.map((k) => {
              const latest = k.measurements.at(-1)
              return (
                <div key={k.id} className="space-y-2 border-t border-slate-200 pt-4 first-of-type:border-0" data-testid="kpi">
                  <h3 className="font-semibold">{k.name}</h3>
                  <p className="text-sm">
                    {t('pilots.page.kpiBaseline', { value: formatNumber(k.baseline, lang), unit: k.unit })} · {t('pilots.page.kpiTarget', { value: formatNumber(k.target, lang), unit: k.unit })}
                  </p>
                  <p className="text-sm">
                    {latest ? t('pilots.page.kpiLatest', { value: formatNumber(latest.value, lang), unit: k.unit, date: day(latest.measuredOn, lang) }) : t('pilots.page.kpiNoMeasurements')}
                  </p>
                  {k.measurements.length ? (
                    <>
                      <KpiChart measurements={k.measurements} target={k.target} baseline={k.baseline} valueLabel={k.name} targetLabel={t('pilots.page.target')} />
                      <DataTable
                        density="compact"
                        caption={t('pilots.page.measurements', { name: k.name })}
                        rows={k.measurements}
                        rowKey={(m) => m.id}
                        columns={[
                          { key: 'measuredOn', header: t('pilots.page.measuredOn'), cell: (m) => <time dateTime={m.measuredOn}>{day(m.measuredOn, lang)}</time> },
                          { key: 'value', header: t('pilots.page.value'), numeric: true, cell: (m) => `${formatNumber(m.value, lang)} ${k.unit}` },
                          { key: 'note', header: t('pilots.page.note'), cell: (m) => m.note },
                        ]}
                      />
                    </>
                  ) : null}
                </div>
              )
            })}
          </section>

          <section aria-labelledby="updates-title" className="space-y-4">
            <h2 id="updates-title" className="text-2xl font-semibold text-brand-900">
              {t('pilots.page.updates')}
            </h2>
            {pilot.updates.length === 0 ? <p>{t('pilots.page.noUpdates')}</p> : null}
            <ol className="space-y-4" data-testid="updates">
              {pilot.updates.map((u) => (
                <li key={u.id} id={`update-${u.id}`} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
                  <p className="text-sm text-slate-700">
                    <time dateTime={u.createdAt}>{formatDate(u.createdAt, lang, 'datetime')}</time> · {t('pilots.page.updateBy', { name: u.author.name })}
                  </p>
                  <p className="whitespace-pre-line">{u.body}</p>
                  {u.progress !== null ? <p className="text-sm font-medium">{t('pilots.page.reportedProgress', { progress: u.progress })}</p> : null}
                  {u.attachment ? (
                    <p className="text-sm">
                      <a href={u.attachment.url}>{t('pilots.page.attachment', { name: u.attachment.name })}</a>
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>

          <CommentThread comments={d.comments} lang={lang} viewerId={d.viewerId} canComment={d.canComment} signInRedirect={d.path} reply={commentReply} now={d.now} />
        </div>

        <aside className="space-y-6">
          <section aria-labelledby="details-title" className="rounded-lg bg-white p-6 shadow-sm">
            <h2 id="details-title" className="text-xl font-semibold">
              {t('pilots.page.details')}
            </h2>
            <dl className="mt-4 space-y-2 text-sm">
              <dt className="font-medium">{t('pilots.page.institution')}</dt>
              <dd>{pilot.institution.name}</dd>
              <dt className="font-medium">{t('pilots.page.leadOfficial')}</dt>
              <dd data-testid="pilot-lead">{pilot.lead.name}</dd>
              <dt className="font-medium">{t('pilots.page.team')}</dt>
              <dd>{pilot.team.length ? pilot.team.map((m) => m.name).join(', ') : t('pilots.page.noTeam')}</dd>
              <dt className="font-medium">{t('pilots.page.dates')}</dt>
              <dd>{t('pilots.page.datesRange', { start: day(pilot.startDate, lang), end: day(pilot.endDate, lang) })}</dd>
              <dt className="font-medium">{t('pilots.page.budget')}</dt>
              <dd>{formatCurrencyGTQ(pilot.budgetGtq, lang)}</dd>
              <dt className="font-medium">{t('pilots.page.territory')}</dt>
              <dd>{territory || t('pilots.wholeCountry')}</dd>
              {pilot.challenge ? (
                <>
                  <dt className="font-medium">{t('pilots.page.challenge')}</dt>
                  <dd>
                    <Link to={`/retos/${pilot.challenge.slug}`}>{pilot.challenge.title}</Link>
                  </dd>
                </>
              ) : null}
              <dt className="font-medium">{t('pilots.page.ideas')}</dt>
              <dd>
                <ul className="list-disc pl-5">
                  {pilot.ideas.map((i) => (
                    <li key={i.id}>
                      <Link to={`/ideas/${i.id}`}>{i.title}</Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </section>

          {d.canReport ? (
            <section aria-labelledby="manage-title" className="space-y-6 rounded-lg bg-white p-6 shadow-sm">
              <h2 id="manage-title" className="text-xl font-semibold">
                {t('pilots.page.manage')}
              </h2>

              <Form method="post" encType="multipart/form-data" className="space-y-3" noValidate aria-labelledby="update-form-title">
                <h3 id="update-form-title" className="font-semibold">
                  {t('pilots.manage.updateTitle')}
                </h3>
                <input type="hidden" name="intent" value="update" />
                <FormErrors errors={errorsFor('update').form} />
                <TextAreaField label={t('pilots.manage.body')} name="body" rows={4} required defaultValue={valuesFor('update').body} errors={errorsFor('update').body} />
                <Field label={t('pilots.manage.progress')} name="progress" type="number" min={0} max={100} defaultValue={valuesFor('update').progress} errors={errorsFor('update').progress} />
                <Field label={t('pilots.manage.attachment')} name="attachment" type="file" accept="image/png,image/jpeg,image/webp,application/pdf" errors={errorsFor('update').attachment} />
                <Button type="submit">{t('pilots.manage.postUpdate')}</Button>
              </Form>

              <Form method="post" className="space-y-3" noValidate aria-labelledby="status-form-title">
                <h3 id="status-form-title" className="font-semibold">
                  {t('pilots.manage.statusTitle')}
                </h3>
                <input type="hidden" name="intent" value="status" />
                <FormErrors errors={errorsFor('status').form} />
                <SelectField label={t('pilots.manage.status')} name="status" defaultValue={valuesFor('status').status ?? pilotStatuses.find((s) => s !== pilot.status)} errors={errorsFor('status').status}>
                  {pilotStatuses
                    .filter((s) => s !== pilot.status)
                    .map((s) => (
                      <option key={s} value={s}>
                        {t(`pilots.statuses.${s}`)}
                      </option>
                    ))}
                </SelectField>
                <TextAreaField label={t('pilots.manage.reason')} hint={t('pilots.manage.reasonHint')} name="reason" rows={2} required defaultValue={valuesFor('status').reason} errors={errorsFor('status').reason} />
                <Button type="submit">{t('pilots.manage.changeStatus')}</Button>
              </Form>

              <Form method="post" className="space-y-3" noValidate aria-labelledby="milestone-form-title">
                <h3 id="milestone-form-title" className="font-semibold">
                  {t('pilots.manage.milestoneTitle')}
                </h3>
                <input type="hidden" name="intent" value="milestone" />
                <FormErrors errors={errorsFor('milestone').form} />
                <Field label={t('pilots.manage.milestoneName')} name="title" required defaultValue={valuesFor('milestone').title} errors={errorsFor('milestone').title} />
                <TextAreaField label={t('pilots.manage.milestoneDescription')} name="description" rows={2} defaultValue={valuesFor('milestone').description} errors={errorsFor('milestone').description} />
                <Field label={t('pilots.manage.weight')} hint={t('pilots.manage.weightHint')} name="weight" type="number" min={1} max={100} required defaultValue={valuesFor('milestone').weight} errors={errorsFor('milestone').weight} />
                <Field label={t('pilots.manage.dueDate')} name="dueDate" type="date" required defaultValue={valuesFor('milestone').dueDate} errors={errorsFor('milestone').dueDate} />
                <Button type="submit">{t('pilots.manage.addMilestone')}</Button>
              </Form>

              <Form method="post" className="space-y-3" noValidate aria-labelledby="kpi-form-title">
                <h3 id="kpi-form-title" className="font-semibold">
                  {t('pilots.manage.kpiTitle')}
                </h3>
                <input type="hidden" name="intent" value="kpi" />
                <FormErrors errors={errorsFor('kpi').form} />
                <Field label={t('pilots.manage.kpiName')} name="name" required defaultValue={valuesFor('kpi').name} errors={errorsFor('kpi').name} />
                <Field label={t('pilots.manage.unit')} name="unit" required defaultValue={valuesFor('kpi').unit} errors={errorsFor('kpi').unit} />
                <Field label={t('pilots.manage.baseline')} name="baseline" inputMode="decimal" required defaultValue={valuesFor('kpi').baseline} errors={errorsFor('kpi').baseline} />
                <Field label={t('pilots.manage.target')} name="target" inputMode="decimal" required defaultValue={valuesFor('kpi').target} errors={errorsFor('kpi').target} />
                <Button type="submit">{t('pilots.manage.addKpi')}</Button>
              </Form>

              {pilot.kpis.length ? (
                <Form method="post" className="space-y-3" noValidate aria-labelledby="measurement-form-title">
                  <h3 id="measurement-form-title" className="font-semibold">
                    {t('pilots.manage.measurementTitle')}
                  </h3>
                  <input type="hidden" name="intent" value="measurement" />
                  <FormErrors errors={errorsFor('measurement').form} />
                  <SelectField label={t('pilots.manage.kpi')} name="kpiId" defaultValue={valuesFor('measurement').kpiId} errors={errorsFor('measurement').kpiId}>
                    {pilot.kpis.map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.name} ({k.unit})
                      </option>
                    ))}
                  </SelectField>
                  <Field label={t('pilots.manage.measuredOn')} name="measuredOn" type="date" required defaultValue={valuesFor('measurement').measuredOn} errors={errorsFor('measurement').measuredOn} />
                  <Field label={t('pilots.manage.value')} name="value" inputMode="decimal" required defaultValue={valuesFor('measurement').value} errors={errorsFor('measurement').value} />
                  <Field label={t('pilots.manage.note')} name="note" defaultValue={valuesFor('measurement').note} errors={errorsFor('measurement').note} />
                  <Button type="submit">{t('pilots.manage.addMeasurement')}</Button>
                </Form>
              ) : null}
            </section>
          ) : null}
        </aside>
      </div>
    </article>
  )
}
