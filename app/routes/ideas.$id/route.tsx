import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useOutlet } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { CommentThread } from '#app/components/ideas/comment-thread.tsx'
import { FollowButton } from '#app/components/ui/follow-button.tsx'
import { ShareButton } from '#app/components/ui/share-button.tsx'
import { shareMeta } from '#app/utils/share-meta.ts'
import { shareFor } from '#app/utils/share.server.ts'
import { ReportButton } from '#app/components/ui/report-button.tsx'
import { VotePanel } from '#app/components/ideas/vote-control.tsx'
import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'
import { DecideStatus, InvitationAnswer, InviteCoauthor, MergeIdea } from './idea-forms.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { guestCreditsForIdea } from '#app/services/sessions/session-promotion.server.ts'
import { commentThread } from '#app/services/ideas/comments.server.ts'
import { handleCommentIntent } from '#app/utils/comment-intents.server.ts'
import { inviteSchema, mergeSchema, restoreSchema, statusSchema } from '#app/services/ideas/idea-schemas.ts'
import { acceptInvitation, declineInvitation, inviteCoauthor } from '#app/services/ideas/coauthors.server.ts'
import { allowedTransitions, restoreIdea, setIdeaStatus } from '#app/services/ideas/idea-lifecycle.server.ts'
import { getIdea, mergeCandidates } from '#app/services/ideas/ideas.server.ts'
import { mergeIdeas } from '#app/services/ideas/merge.server.ts'
import { isFollowing } from '#app/services/notifications/follows.server.ts'
import { can } from '#app/services/platform/permissions.ts'
import { acceptsIdeas } from '#app/services/challenges/phases.ts'
import { getVotingState } from '#app/services/votes/votes.server.ts'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { PersonName } from '#app/components/ui/person-name.tsx'
import { KeyFacts } from '#app/components/ui/fact-box.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, ...shareMeta(data?.share ?? undefined, data?.lang)]

const ideaOr404 = (user: ReturnType<typeof getUser>, id: string | undefined) => orErrorPage(getIdea(user, id ?? ''))

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = getUser(context)
  const detail = await ideaOr404(user, params.id)
  const { idea, challenge } = detail
  const t = getT(context.lang)
  const target = { type: 'idea' as const, id: idea.id }
  const canDecide = can(user, 'decide:idea')
  const canMerge = can(user, 'merge:idea') && idea.status !== 'merged' && idea.status !== 'hidden'
  const [{ comments, canComment: open }, candidates, voting, following] = await Promise.all([
    commentThread(user, target),
    canMerge ? mergeCandidates(idea) : Promise.resolve([]),
    getVotingState(user, challenge),
    isFollowing(user, { targetType: 'idea', targetId: idea.id }),
  ])
  const guestCredits = detail.visible ? await guestCreditsForIdea(idea.id) : []
  const url = new URL(request.url)
  return {
    title: `${idea.title ?? t('ideas.page.hiddenNotice')} · Cocrea`,
    idea,
    visible: detail.visible,
    challenge: { id: challenge.id, slug: challenge.slug, title: challenge.title, phase: challenge.phase },
    viewerId: user?.id ?? null,
    isAuthor: detail.isAuthor,
    pendingInvitation: detail.pendingInvitation,
    canEdit: detail.isAuthor && can(user, 'update:idea:own') && acceptsIdeas(challenge.phase) && (idea.status === 'published' || idea.status === 'submitted'),
    canInvite: detail.isAuthor && can(user, 'update:idea:own') && idea.status !== 'hidden' && idea.status !== 'merged',
    canDecide,
    transitions: canDecide ? allowedTransitions(idea.status) : [],
    canMerge,
    candidates,
    comments,
    canComment: open,
    voting,
    following,
    signedIn: !!user,
    now: Date.now(),
    guestCredits,
    path: url.pathname,
    lang: context.lang,
    // Hidden content is not offered for sharing (and its preview would say nothing).
    share: detail.visible && idea.title ? shareFor(`/ideas/${idea.id}`, { title: idea.title, description: idea.description ?? '' }) : null,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const id = params.id ?? ''
  const path = `/ideas/${id}`
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const t = getT(context.lang)
  const commentReply = await handleCommentIntent(user, formData, { type: 'idea', id }, path)
  if (commentReply) return commentReply
  try {
    switch (intent) {
      case 'invite': {
        const parsed = parseForm(formData, inviteSchema, intent)
        if (!parsed.ok) return parsed.reply
        const invitee = await inviteCoauthor(user, id, parsed.value.email)
        return redirectWithFlash(path, { key: 'ideas.flash.invited', values: { name: invitee.name } })
      }
      case 'accept':
        await acceptInvitation(user, id)
        return redirectWithFlash(path, { key: 'ideas.flash.accepted' })
      case 'decline':
        await declineInvitation(user, id)
        return redirectWithFlash(path, { key: 'ideas.flash.declined' })
      case 'status': {
        const parsed = parseForm(formData, statusSchema, intent)
        if (!parsed.ok) return parsed.reply
        const updated = await setIdeaStatus(user, id, parsed.value.status, parsed.value.reason)
        return redirectWithFlash(path, { key: 'ideas.flash.statusChanged', values: { status: t(`ideas.status.${updated.status}`) } })
      }
      case 'restore': {
        const parsed = parseForm(formData, restoreSchema, intent)
        if (!parsed.ok) return parsed.reply
        const updated = await restoreIdea(user, id, parsed.value.reason)
        return redirectWithFlash(path, { key: 'ideas.flash.statusChanged', values: { status: t(`ideas.status.${updated.status}`) } })
      }
      case 'merge': {
        const parsed = parseForm(formData, mergeSchema, intent)
        if (!parsed.ok) return parsed.reply
        const { target } = await mergeIdeas(user, id, parsed.value.targetId, parsed.value.reason)
        return redirectWithFlash(`/ideas/${target.id}`, { key: 'ideas.flash.merged' })
      }
    }
  } catch (error) {
    return replyWithDomainError(error, formData, intent)
  }
  throw data({ code: 'validation' }, { status: 400 })
}

export default function IdeaRoute() {
  const outlet = useOutlet()
  // Pages under /ideas/:id/… (edit) are nested routes: they replace the page (its loader already refused what may not be seen).
  return outlet ?? <IdeaPage />
}

function IdeaPage() {
  const { t } = useT()
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { idea, challenge } = d
  const errorsFor = (intent: string) => (reply?.intent === intent ? reply.errors : {})
  const valuesFor = (intent: string) => (reply?.intent === intent ? reply.values : {})
  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-slate-700">
          {t('ideas.page.challenge')}: <Link to={`/retos/${challenge.slug}`}>{challenge.title}</Link>
        </p>
        <h1 className="text-3xl font-bold break-words text-brand-900">{idea.title ?? t('ideas.page.hiddenNotice')}</h1>
        <KeyFacts
          facts={[
            { label: t('ideas.page.statusLabel'), value: t(`ideas.status.${idea.status}`), testId: 'idea-status' },
            { label: t('challenges.page.votes'), value: t('ideas.page.votesCount', { count: idea.votes }), detail: <time dateTime={idea.createdAt}>{t('ideas.page.published', { date: formatDate(idea.createdAt, d.lang) })}</time> },
          ]}
        />
        {idea.statusReason ? <p className="whitespace-pre-wrap text-slate-800">{t('ideas.page.reason', { reason: idea.statusReason })}</p> : null}
        {idea.status === 'hidden' ? <p className="rounded border border-amber-600 bg-amber-50 p-3">{t('ideas.page.hiddenNotice')}</p> : null}
        {idea.mergedIntoId ? (
          <p className="rounded border border-sky-700 bg-sky-50 p-3">
            {t('ideas.page.mergedNotice')}{' '}
            <Link to={`/ideas/${idea.mergedIntoId}`} className="font-semibold">
              {t('ideas.page.mergedLink')}
            </Link>
          </p>
        ) : null}
      </header>

      {d.visible ? (
        <>
          <section aria-labelledby="authors-title">
            <h2 id="authors-title" className="text-lg font-semibold">
              {t('ideas.page.authors')}
            </h2>
            <ul className="flex flex-wrap gap-2" data-testid="idea-authors">
              {idea.authors.map((a) => (
                <li key={a.id} className="flex items-center gap-2 rounded-full bg-slate-100 py-1 pr-3 pl-1">
                  {a.deleted ? null : <Avatar name={a.name} size="sm" />}
                  <PersonName person={a} />
                </li>
              ))}
            </ul>
            {d.guestCredits.length ? (
              <p className="mt-2 text-sm text-slate-700" data-testid="idea-guest-credits">
                {t('sessions.promote.guestCredits', { names: d.guestCredits.join(', ') })}
              </p>
            ) : null}
          </section>

          {d.signedIn || d.share ? (
            <div className="flex flex-wrap items-center gap-3">
              {d.signedIn ? <FollowButton targetType="idea" targetId={idea.id} following={d.following} /> : null}
              {d.share ? <ShareButton share={d.share} /> : null}
              {d.signedIn ? <ReportButton targetType="idea" targetId={idea.id} /> : null}
            </div>
          ) : null}

          <VotePanel ideaId={idea.id} votes={idea.votes} title={idea.title ?? ''} status={idea.status} voting={d.voting} />

          <section aria-labelledby="description-title" className="space-y-2">
            <h2 id="description-title" className="text-lg font-semibold">
              {t('ideas.page.description')}
            </h2>
            <p className="whitespace-pre-wrap break-words" data-testid="idea-description">
              {idea.description}
            </p>
            <h2 className="text-lg font-semibold">{t('ideas.page.expectedBenefit')}</h2>
            <p className="whitespace-pre-wrap break-words" data-testid="idea-benefit">
              {idea.expectedBenefit || t('ideas.page.noBenefit')}
            </p>
          </section>
          {d.canEdit ? (
            <p>
              <Link to={`/ideas/${idea.id}/editar`} className="font-semibold">
                {t('ideas.page.edit')}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}

      {d.pendingInvitation ? <InvitationAnswer errors={reply?.intent === 'accept' || reply?.intent === 'decline' ? reply.errors.form : undefined} /> : null}

      {d.canInvite ? <InviteCoauthor errorsFor={errorsFor} valuesFor={valuesFor} /> : null}

      {d.canDecide ? <DecideStatus status={idea.status} transitions={d.transitions} errorsFor={errorsFor} valuesFor={valuesFor} /> : null}

      {d.canMerge ? <MergeIdea candidates={d.candidates} errorsFor={errorsFor} valuesFor={valuesFor} /> : null}

      {d.visible ? (
        <CommentThread comments={d.comments} lang={d.lang} viewerId={d.viewerId} canComment={d.canComment} signInRedirect={d.path} reply={reply} now={d.now} />
      ) : null}
    </article>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
