import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useOutlet } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { ChallengePhaseBadge } from '#app/components/challenges/challenge-phase-badge.tsx'
import { CommentThread } from '#app/components/ideas/comment-thread.tsx'
import { FollowButton } from '#app/components/ui/follow-button.tsx'
import { ShareButton } from '#app/components/ui/share-button.tsx'
import { shareMeta } from '#app/utils/share-meta.ts'
import { shareFor } from '#app/utils/share.server.ts'
import { IdeaList } from '#app/components/ideas/idea-list.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { SelectField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { phaseSchema } from '#app/services/challenges/challenge-schemas.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { allowedMoves, canEditChallenge, getChallenge, getChallengeRow, listChallengePageIdeas, moveChallengePhase, serializeChallenge } from '#app/services/challenges/challenges.server.ts'
import { commentThread } from '#app/services/ideas/comments.server.ts'
import { handleCommentIntent } from '#app/utils/comment-intents.server.ts'
import { listChallengeSessions } from '#app/services/sessions/cocreation-sessions.server.ts'
import { ChallengeFacts, ChallengeTimeline, IdeasPager, VoteResults } from './challenge-sections.tsx'
import { ChallengeSessions } from '#app/components/session/challenge-sessions.tsx'
import { isFollowing } from '#app/services/notifications/follows.server.ts'
import { evaluationLinks } from '#app/services/evaluation/evaluation.server.ts'
import { can } from '#app/services/platform/permissions.ts'
import { acceptsIdeas, phaseDateField, phaseIndex, phaseOrder } from '#app/services/challenges/phases.ts'
import { getVotingState } from '#app/services/votes/votes.server.ts'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { replyWithDomainError } from '#app/utils/forms.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, ...shareMeta(data?.share, data?.lang)]


export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const row = await orErrorPage(getChallengeRow(user, params.slug ?? ''))
  const challenge = serializeChallenge(row)
  const target = { type: 'challenge' as const, id: row.id }
  const requested = Number(new URL(request.url).searchParams.get('pagina') ?? 1)
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1
  const [ideaPage, top, voting, { comments, canComment }, following] = await Promise.all([
    listChallengePageIdeas(row.id, { page }),
    page === 1 ? null : listChallengePageIdeas(row.id, { page: 1, pageSize: 10 }),
    getVotingState(user, { ...row, search: null }),
    commentThread(user, target),
    isFollowing(user, { targetType: 'challenge', targetId: row.id }),
  ])
  const sessions = (await listChallengeSessions(row.id)).map((s) => ({ id: s.id, title: s.title, status: s.status, startsAt: s.startsAt, when: formatDate(s.startsAt, context.lang, 'datetime') }))
  const lang = context.lang
  const timeline = phaseOrder.map((phase) => {
    const at = phase === 'draft' ? row.createdAt : row[phaseDateField(phase)]
    return { phase, at: at ? formatDate(at, lang, 'datetime') : null, atIso: at?.toISOString() ?? null }
  })
  const ideas = ideaPage.items
  // Page 1 is ordered by votes, so its head is the ranking; other pages fetch the top 10 apart.
  const ranked = (top?.items ?? ideas).filter((i) => i.votes > 0).slice(0, 10)
  return {
    title: `${row.title} · Cocrea`,
    ranked,
    ideasPage: { page, total: ideaPage.total, pages: Math.max(1, Math.ceil(ideaPage.total / ideaPage.pageSize)) },
    share: shareFor(`/retos/${row.slug}`, { title: row.title, description: row.problem, image: challenge.coverImageUrl }),
    lang,
    challenge,
    timeline,
    ideas,
    voting,
    showResults: phaseIndex(row.phase) >= phaseIndex('voting'),
    acceptsIdeas: acceptsIdeas(row.phase),
    canEdit: canEditChallenge(user, row),
    moves: allowedMoves(user, row),
    evaluationLinks: await evaluationLinks(user, row),
    comments,
    canComment,
    following,
    viewerId: user?.id ?? null,
    path: new URL(request.url).pathname,
    now: Date.now(),
    sessions,
    canRunSession: can(user, 'run:session'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  try {
    const challenge = await getChallenge(user, params.slug ?? '')
    const commentReply = await handleCommentIntent(user, formData, { type: 'challenge', id: challenge.id }, `/retos/${challenge.slug}`)
    if (commentReply) return commentReply
    const parsed = phaseSchema.safeParse({ phase: formData.get('phase') })
    if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: {}, intent: 'phase' }, { status: 400 })
    const moved = await moveChallengePhase(user, challenge, parsed.data.phase)
    return redirectWithFlash(`/retos/${moved.slug}`, { key: 'challenges.moved', values: { phase: getT(context.lang)(`challenges.phases.${moved.phase}`) } })
  } catch (error) {
    return replyWithDomainError(error, formData, 'phase')
  }
}

export default function ChallengePage() {
  const outlet = useOutlet()
  // Pages under /retos/:slug/… (edit, new idea) are nested routes: they replace the page (its loader already refused hidden drafts).
  return outlet ?? <ChallengeDetails />
}

function ChallengeDetails() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const { challenge, timeline, ideas, voting, showResults, acceptsIdeas: ideasOpen, canEdit, moves, lang } = d
  const reply = useActionData<typeof action>()
  const errors: Record<string, string[]> = reply?.intent === 'phase' ? reply.errors : {}
  const { ranked, ideasPage } = d

  return (
    <article className="space-y-8">
      {challenge.phase === 'draft' ? (
        <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-900" role="note">
          {t('challenges.page.draftNotice')}
        </p>
      ) : null}
      <header className="space-y-3">
        {challenge.coverImageUrl ? <img src={challenge.coverImageUrl} alt="" className="max-h-72 w-full rounded-lg object-cover" /> : null}
        <ChallengePhaseBadge phase={challenge.phase} />
        <h1 className="text-3xl font-bold text-brand-900">{challenge.title}</h1>
        <p className="text-lg text-slate-700">{t('challenges.page.by', { institution: challenge.institution.name })}</p>
        <div className="flex flex-wrap items-center gap-3">
          {d.viewerId ? <FollowButton targetType="challenge" targetId={challenge.id} following={d.following} /> : null}
          <ShareButton share={d.share} />
        </div>
        {d.evaluationLinks.results || d.evaluationLinks.jury || d.evaluationLinks.manage ? (
          <nav aria-label={t('evaluation.title')} className="flex flex-wrap gap-4" data-testid="evaluation-links">
            {d.evaluationLinks.results ? <Link to={`/retos/${challenge.slug}/resultados`} className="font-semibold">{t('evaluation.links.results')}</Link> : null}
            {d.evaluationLinks.jury ? <Link to={`/retos/${challenge.slug}/jurado`} className="font-semibold">{t('evaluation.links.jury')}</Link> : null}
            {d.evaluationLinks.manage ? <Link to={`/retos/${challenge.slug}/evaluacion`} className="font-semibold">{t('evaluation.links.manage')}</Link> : null}
          </nav>
        ) : null}
        {canEdit ? (
          <p>
            <Link to={`/retos/${challenge.slug}/editar`} className="font-semibold">
              {t('challenges.page.edit')}
            </Link>
          </p>
        ) : null}
      </header>

      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-8">
          <section aria-labelledby="problem-title" className="rounded-lg bg-white p-6 shadow-sm">
            <h2 id="problem-title" className="text-xl font-semibold">
              {t('challenges.page.problem')}
            </h2>
            {/* Rendered from Markdown and sanitised on the server (app/utils/markdown.server.ts). */}
            <div className="prose mt-4 max-w-none space-y-3" data-testid="problem" dangerouslySetInnerHTML={{ __html: challenge.problemHtml }} />
          </section>

          <section aria-labelledby="ideas-title" className="space-y-4">
            <div className="flex flex-wrap items-center justify-between gap-4">
              <h2 id="ideas-title" className="text-xl font-semibold">
                {t('challenges.page.ideas')}
              </h2>
              {ideasOpen ? (
                <Link to={`/retos/${challenge.slug}/ideas/nueva`} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800">
                  {t('challenges.page.proposeIdea')}
                </Link>
              ) : null}
            </div>
            <IdeaList challenge={{ id: challenge.id, slug: challenge.slug, phase: challenge.phase }} ideas={ideas} voting={voting} />
            <IdeasPager {...ideasPage} />
          </section>

          {showResults ? <VoteResults ranked={ranked} /> : null}

          <CommentThread comments={d.comments} lang={lang} viewerId={d.viewerId} canComment={d.canComment} signInRedirect={d.path} reply={reply?.intent === 'phase' ? undefined : reply} now={d.now} />
        </div>

        <aside className="space-y-6">
          <ChallengeTimeline timeline={timeline} phase={challenge.phase} />

          <ChallengeSessions slug={challenge.slug} sessions={d.sessions} canSchedule={d.canRunSession && challenge.phase !== 'closed'} />

          <ChallengeFacts challenge={challenge} lang={lang} />

          {moves.length > 0 || reply?.errors ? (
            <section aria-labelledby="manage-title" className="rounded-lg bg-white p-6 shadow-sm">
              <h2 id="manage-title" className="text-xl font-semibold">
                {t('challenges.page.manage')}
              </h2>
              <Form method="post" className="mt-4 space-y-3" noValidate>
                <input type="hidden" name="intent" value="phase" />
                <FormErrors errors={errors.form} />
                <SelectField label={t('challenges.page.moveTo')} name="phase" defaultValue={moves[0]} errors={errors.phase}>
                  {moves.map((p) => (
                    <option key={p} value={p}>
                      {t(`challenges.phases.${p}`)}
                    </option>
                  ))}
                </SelectField>
                <Button type="submit">{t('challenges.page.move')}</Button>
              </Form>
            </section>
          ) : null}
        </aside>
      </div>
    </article>
  )
}
