import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { CommentThread } from '#app/components/ideas/comment-thread.tsx'
import { FollowButton } from '#app/components/ui/follow-button.tsx'
import { ShareButton } from '#app/components/ui/share-button.tsx'
import { shareMeta } from '#app/utils/share-meta.ts'
import { shareFor } from '#app/utils/share.server.ts'
import { PilotStatusBadge, ProgressBar, ScheduleBadge } from '#app/components/pilots/pilot-ui.tsx'
import { PilotManage } from './pilot-manage.tsx'
import { PilotDetails, PilotKpis, PilotMilestones, PilotUpdates } from './pilot-sections.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { commentThread } from '#app/services/ideas/comments.server.ts'
import { handleCommentIntent } from '#app/utils/comment-intents.server.ts'
import { isFollowing } from '#app/services/notifications/follows.server.ts'
import { DomainError } from '#app/services/platform/errors.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import {
  kpiSchema,
  measurementCorrectionSchema,
  measurementSchema,
  measurementWithdrawalSchema,
  milestoneDoneSchema,
  milestoneSchema,
  pilotStatusSchema,
  pilotUpdateSchema,
} from '#app/services/pilots/pilot-schemas.ts'
import { addKpi, addMeasurement, addMilestone, changePilotStatus, correctMeasurement, postPilotUpdate, setMilestoneDone, withdrawMeasurement } from '#app/services/pilots/pilot-reports.server.ts'
import { getPilotRecord, pilotAbilities, serializePilot } from '#app/services/pilots/pilots.server.ts'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError, type FormResult } from '#app/utils/forms.server.ts'
import { readUploadForm } from '#app/utils/uploads.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, ...shareMeta(data?.share, data?.lang)]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const record = await orErrorPage(getPilotRecord(params.slug ?? ''))
  const pilot = serializePilot(record)
  const target = { type: 'pilot' as const, id: pilot.id }
  const [{ comments, canComment }, following, abilities] = await Promise.all([
    commentThread(user, target),
    isFollowing(user, { targetType: 'pilot', targetId: pilot.id }),
    pilotAbilities(user, record),
  ])
  return {
    title: `${pilot.title} · Cocrea`,
    share: shareFor(`/pilotos/${pilot.slug}`, { title: pilot.title, description: pilot.summary }),
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
    if (intent === 'measurement-correct' || intent === 'measurement-withdraw') {
      const target = String(formData.get('measurementId') ?? '')
      if (intent === 'measurement-correct') {
        const parsed = parseForm(formData, measurementCorrectionSchema, intent, target)
        if (!parsed.ok) return parsed.reply
        await correctMeasurement(user, pilotId, parsed.value)
        return redirectWithFlash(`${pagePath}#measurement-${target}`, { key: 'pilots.flash.measurementCorrected' })
      }
      const parsed = parseForm(formData, measurementWithdrawalSchema, intent, target)
      if (!parsed.ok) return parsed.reply
      await withdrawMeasurement(user, pilotId, parsed.value)
      return redirectWithFlash(`${pagePath}#measurement-${target}`, { key: 'pilots.flash.measurementWithdrawn' })
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
    return replyWithDomainError(error, formData, intent, intent.startsWith('measurement-') ? String(formData.get('measurementId') ?? '') : undefined)
  }
}

export default function PilotPage() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const { pilot, lang } = d
  const reply = useActionData<typeof action>()
  // A reply is for one form: its intent, and for a form per measurement, that measurement (target).
  const isFor = (intent: string, target?: string) => !!reply && 'intent' in reply && reply.intent === intent && (target === undefined || reply.target === target)
  const errorsFor = (intent: string, target?: string): Record<string, string[]> => (isFor(intent, target) && reply && 'errors' in reply ? reply.errors : {})
  const valuesFor = (intent: string, target?: string): Record<string, string> => (isFor(intent, target) && reply && 'values' in reply ? reply.values : {})
  const pilotIntents = ['status', 'milestone', 'milestone-done', 'kpi', 'measurement', 'measurement-correct', 'measurement-withdraw', 'update']
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
        <div className="flex flex-wrap items-center gap-3">
          {d.viewerId ? <FollowButton targetType="pilot" targetId={pilot.id} following={d.following} /> : null}
          <ShareButton share={d.share} />
        </div>
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

          <PilotMilestones pilot={pilot} lang={lang} canReport={d.canReport} />

          <PilotKpis pilot={pilot} lang={lang} canReport={d.canReport} errorsFor={errorsFor} valuesFor={valuesFor} />

          <PilotUpdates pilot={pilot} lang={lang} />

          <CommentThread comments={d.comments} lang={lang} viewerId={d.viewerId} canComment={d.canComment} signInRedirect={d.path} reply={commentReply} now={d.now} />
        </div>

        <aside className="space-y-6">
          <PilotDetails pilot={pilot} lang={lang} />

          {d.canReport ? <PilotManage pilot={pilot} errorsFor={errorsFor} valuesFor={valuesFor} lang={lang} /> : null}
        </aside>
      </div>
    </article>
  )
}
