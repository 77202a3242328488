import { commentDeleteSchema, commentEditSchema, commentSchema } from '#app/services/ideas/idea-schemas.ts'
import { addComment, deleteComment, editComment, requireCommentOn, type CommentTarget } from '#app/services/ideas/comments.server.ts'
import { type SessionUser } from '#app/services/accounts/auth-sessions.server.ts'
import { redirectWithFlash } from './flash.server.ts'
import { parseForm, replyWithDomainError } from './forms.server.ts'

export const COMMENT_INTENTS = ['comment', 'comment-edit', 'comment-delete'] as const

/**
 * The comment forms of any page with a thread (idea, challenge, pilot): call it from the
 * route's action with the page's target and path. Returns null when the intent is not a
 * comment intent; otherwise a redirect with a flash, or the form's reply (400/4xx) to re-render.
 */
export async function handleCommentIntent(actor: SessionUser, formData: FormData, target: CommentTarget, pagePath: string) {
  const intent = String(formData.get('intent') ?? '')
  if (!(COMMENT_INTENTS as readonly string[]).includes(intent)) return null
  const formTarget = String(formData.get('commentId') ?? formData.get('parentId') ?? '') || undefined
  try {
    if (intent === 'comment') {
      const parsed = parseForm(formData, commentSchema, intent, formTarget)
      if (!parsed.ok) return parsed.reply
      const comment = await addComment(actor, target, parsed.value)
      return redirectWithFlash(`${pagePath}#comment-${comment.id}`, { key: 'ideas.comments.added' })
    }
    if (intent === 'comment-edit') {
      const parsed = parseForm(formData, commentEditSchema, intent, formTarget)
      if (!parsed.ok) return parsed.reply
      await requireCommentOn(parsed.value.commentId, target)
      await editComment(actor, parsed.value.commentId, parsed.value.body)
      return redirectWithFlash(`${pagePath}#comment-${parsed.value.commentId}`, { key: 'ideas.comments.editedFlash' })
    }
    const parsed = parseForm(formData, commentDeleteSchema, intent, formTarget)
    if (!parsed.ok) return parsed.reply
    await requireCommentOn(parsed.value.commentId, target)
    await deleteComment(actor, parsed.value.commentId)
    return redirectWithFlash(pagePath, { key: 'ideas.comments.deleted' })
  } catch (error) {
    return replyWithDomainError(error, formData, intent, formTarget)
  }
}
