import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { VOTE_ERROR_PARAM, VOTE_IDEA_PARAM, voteErrorKeys, type VoteActionData } from '#app/components/ideas/vote-control.tsx'
import { isDomainError, type DomainError } from '#app/services/platform/errors.ts'
import { castVote, withdrawVote } from '#app/services/votes/votes.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { safeRedirect } from '#app/utils/redirect.ts'

/**
 * POST /ideas/:id/voto — the vote form of the challenge and idea pages. count 0 withdraws.
 * Without JavaScript: 303 back to `redirectTo` with a flash message, or — when the vote was
 * refused — with the reason in the address (`?votoError=…&votoIdea=…`), which the vote control
 * of that idea shows next to it as an alert. With JavaScript (a fetcher sends `enhanced=1`):
 * JSON for the control, and the page revalidates.
 */
const voteFormSchema = z.object({
  count: z.coerce.number().int().min(0).max(1000),
  redirectTo: z.string().optional(),
  enhanced: z.literal('1').optional(),
})

/** Nothing to show at this address: a GET goes to the idea. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/ideas/${params.id}`)
}

const seeOther = (response: Response) => new Response(null, { status: 303, headers: response.headers })

function withError(to: string, ideaId: string, messageKey: string) {
  const url = new URL(to, 'http://local')
  url.searchParams.set(VOTE_ERROR_PARAM, messageKey)
  url.searchParams.set(VOTE_IDEA_PARAM, ideaId)
  return `${url.pathname}${url.search}${url.hash}`
}

/** The message a person sees for a refusal (only keys the control knows how to show). */
function messageKeyOf(error: DomainError) {
  if (error.code === 'rate_limited') return 'errors.rate_limited'
  return (voteErrorKeys as readonly string[]).includes(error.messageKey) ? error.messageKey : `errors.${error.code === 'validation' ? 'outside_phase' : error.code}`
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = params.id ?? ''
  const formData = await request.formData()
  const parsed = voteFormSchema.safeParse(Object.fromEntries(formData))
  const back = safeRedirect(formData.get('redirectTo'), `/ideas/${ideaId}`)
  const enhanced = formData.get('enhanced') === '1'
  const refuse = (messageKey: string, status: number, values?: Record<string, number>, headers: HeadersInit = {}) =>
    enhanced
      ? data<VoteActionData>({ ok: false, ideaId, messageKey, values }, { status, headers })
      : redirect(withError(back, ideaId, messageKey === 'errors.rate_limited' ? 'errors.rate_limited_generic' : messageKey), { status: 303, headers })

  const user = getUser(context)
  if (!user) {
    if (enhanced) return refuse('errors.unauthenticated', 401)
    return redirect(`/login?${new URLSearchParams({ redirectTo: back })}`, 303)
  }
  if (!parsed.success) return refuse('votes.errors.count', 400)

  const { count } = parsed.data
  try {
    const result = count === 0 ? await withdrawVote(user, ideaId) : await castVote(user, ideaId, count)
    if (enhanced) return data<VoteActionData>({ ok: true, ideaId, ...result })
    const flash =
      result.mine === 0 ? { key: 'votes.withdrawn' } : result.remaining === null ? { key: 'votes.cast' } : { key: 'votes.castDots', values: { count: result.mine } }
    return seeOther(await redirectWithFlash(back, flash))
  } catch (error) {
    if (!isDomainError(error)) throw error
    const seconds = error.details.retryAfterSeconds
    return refuse(messageKeyOf(error), error.status, seconds ? { seconds } : undefined, seconds ? { 'Retry-After': String(seconds) } : {})
  }
}

/** Never shown (the loader sends a GET to the idea); a component keeps this a page route, so fetchers get `data()` replies. */
export default function VoteRoute() {
  return null
}
