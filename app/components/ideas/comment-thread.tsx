import { Form, Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { ReportButton } from '../ui/report-button.tsx'
import { type CommentView } from '#app/services/ideas/comments.server.ts'
import { type Language } from '#app/domain/vocabulary.ts'
import { formatDate } from '#app/utils/format.ts'
import { Button } from '../ui/button.tsx'
import { TextAreaField } from '../ui/field.tsx'
import { FormErrors } from '../ui/form-errors.tsx'
import { Avatar } from '../ui/avatar.tsx'
import { PersonName } from '../ui/person-name.tsx'
import { useResetOnSuccess } from '#app/utils/use-reset-on-success.ts'

/** The reply of a route action to one of the thread's forms (see handleCommentIntent). */
export type CommentFormReply = { intent?: string; target?: string; errors: Record<string, string[]>; values: Record<string, string> } | undefined

const EDIT_WINDOW_MS = 15 * 60 * 1000

type Props = {
  comments: CommentView[]
  lang: Language
  /** The signed-in person, if any. */
  viewerId: string | null
  /** Whether the viewer may write here now (signed in, target open, phase allows it). */
  canComment: boolean
  /** Where "sign in to comment" comes back to. */
  signInRedirect: string
  /** The action's reply, so the form that was sent shows its errors and keeps what was typed. */
  reply?: CommentFormReply
  /** When the page was rendered (ms), so the server and the browser agree on what can still be edited. */
  now: number
}

/**
 * A comment thread with one level of replies and reply/edit/delete forms that work without
 * JavaScript (they post to the current route with an `intent`). Bodies are plain text and
 * always rendered as text, with their line breaks. Reusable on challenge and pilot pages.
 */
export function CommentThread({ comments, lang, viewerId, canComment, signInRedirect, reply, now }: Props) {
  const { t } = useT()
  const newReply = reply?.intent === 'comment' && !reply.target ? reply : undefined
  // The comment box empties after it was posted (a refused one keeps the text with the message).
  const commentForm = useResetOnSuccess()
  return (
    <section aria-labelledby="comments-title" className="space-y-4">
      <h2 id="comments-title" className="text-2xl font-semibold text-brand-900">
        {t('ideas.comments.title')}
      </h2>
      {comments.length === 0 ? <p className="text-slate-700">{t('ideas.comments.none')}</p> : null}
      <ol className="space-y-4">
        {comments.map((c) => (
          <li key={c.id}>
            <CommentItem comment={c} {...{ lang, viewerId, canComment, reply, now }} />
            {c.replies?.length ? (
              <ol className="mt-3 ml-6 space-y-3 border-l-2 border-slate-200 pl-4" aria-label={t('ideas.comments.replyTo', { name: c.author.name })}>
                {c.replies.map((r) => (
                  <li key={r.id}>
                    <CommentItem comment={r} {...{ lang, viewerId, canComment, reply, now }} />
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
      {canComment ? (
        <Form method="post" className="space-y-3 rounded-lg bg-white p-4 shadow-sm" noValidate {...commentForm}>
          <input type="hidden" name="intent" value="comment" />
          <FormErrors errors={newReply?.errors.form} />
          <TextAreaField label={t('ideas.comments.body')} name="body" rows={4} maxLength={5000} required defaultValue={newReply?.values.body} errors={newReply?.errors.body} />
          <Button type="submit">{t('ideas.comments.add')}</Button>
        </Form>
      ) : viewerId ? (
        <p className="text-slate-700">{t('ideas.comments.closedHere')}</p>
      ) : (
        <p>
          <Link to={`/login?${new URLSearchParams({ redirectTo: signInRedirect })}`} className="font-semibold">
            {t('ideas.comments.signIn')}
          </Link>
        </p>
      )}
    </section>
  )
}

function CommentItem({ comment: c, lang, viewerId, canComment, reply, now }: { comment: CommentView } & Pick<Props, 'lang' | 'viewerId' | 'canComment' | 'reply' | 'now'>) {
  const { t } = useT()
  const own = !!viewerId && viewerId === c.author.id && !c.deleted && !c.hidden
  const editable = own && now - new Date(c.createdAt).getTime() <= EDIT_WINDOW_MS
  const mine = (intent: string) => (reply?.intent === intent && reply.target === c.id ? reply : undefined)
  const replyReply = mine('comment')
  const editReply = mine('comment-edit')
  const itemReply = replyReply ?? editReply ?? mine('comment-delete')
  const replyForm = useResetOnSuccess({ closeDetails: true })
  return (
    <article id={`comment-${c.id}`} className="rounded-lg bg-white p-4 shadow-sm" data-comment={c.id}>
      <header className="flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
        {c.deleted ? null : (
          <>
            {c.author.deleted ? null : <Avatar name={c.author.name} size="sm" />}
            <PersonName person={c.author} />
          </>
        )}
        <time dateTime={c.createdAt}>{formatDate(c.createdAt, lang, 'datetime')}</time>
        {c.editedAt && !c.deleted ? <span>{`(${t('ideas.comments.edited')})`}</span> : null}
      </header>
      {c.deleted ? (
        <p className="mt-2 text-slate-600 italic">{t('ideas.comments.deletedPlaceholder')}</p>
      ) : c.hidden ? (
        <p className="mt-2 text-slate-600 italic">{t('ideas.comments.hiddenPlaceholder', { reason: c.hiddenReason ?? '' })}</p>
      ) : (
        <p className="mt-2 whitespace-pre-wrap break-words text-slate-900">{c.body}</p>
      )}
      <div className="mt-2 space-y-2">
        {/* A refusal for this comment (window closed, gone…) shows here, even when its form is no longer offered. */}
        <FormErrors errors={[...(itemReply?.errors.form ?? []), ...(itemReply?.errors.parentId ?? [])]} />
        {canComment && !c.parentId && !c.deleted && !c.hidden ? (
          <details open={!!replyReply}>
            <summary className="cursor-pointer text-sm font-semibold text-brand-800">{t('ideas.comments.reply')}</summary>
            <Form method="post" className="mt-2 space-y-2" noValidate {...replyForm}>
              <input type="hidden" name="intent" value="comment" />
              <input type="hidden" name="parentId" value={c.id} />
              <TextAreaField label={t('ideas.comments.replyLabel', { name: c.author.name })} name="body" rows={3} maxLength={5000} required defaultValue={replyReply?.values.body} errors={replyReply?.errors.body} />
              <Button type="submit" variant="secondary">
                {t('ideas.comments.sendReply')}
              </Button>
            </Form>
          </details>
        ) : null}
        {editable ? (
          <details open={!!editReply}>
            <summary className="cursor-pointer text-sm font-semibold text-brand-800">{t('ideas.comments.edit')}</summary>
            <Form method="post" className="mt-2 space-y-2" noValidate>
              <input type="hidden" name="intent" value="comment-edit" />
              <input type="hidden" name="commentId" value={c.id} />
              <TextAreaField label={t('ideas.comments.editLabel')} name="body" rows={3} maxLength={5000} required defaultValue={editReply?.values.body ?? c.body ?? ''} errors={editReply?.errors.body} />
              <Button type="submit" variant="secondary">
                {t('ideas.comments.save')}
              </Button>
            </Form>
          </details>
        ) : null}
        {viewerId && !own && !c.deleted && !c.hidden ? <ReportButton targetType="comment" targetId={c.id} /> : null}
        {own ? (
          // Deleting asks first, without JavaScript: the disclosure holds the confirmation.
          <details data-testid="delete-comment">
            <summary className="cursor-pointer text-sm font-semibold text-red-800">{t('ideas.comments.delete')}</summary>
            <Form method="post" noValidate className="mt-2 space-y-2 rounded border border-red-200 bg-red-50 p-3">
              <p className="text-sm text-slate-900">{t('ideas.comments.deleteConfirm')}</p>
              <input type="hidden" name="intent" value="comment-delete" />
              <input type="hidden" name="commentId" value={c.id} />
              <Button type="submit" variant="secondary" className="text-sm">
                {t('ideas.comments.deleteYes')}
              </Button>
            </Form>
          </details>
        ) : null}
      </div>
    </article>
  )
}
