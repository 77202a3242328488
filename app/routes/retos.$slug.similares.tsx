import { type LoaderFunctionArgs } from '@remix-run/node'
import { getChallenge } from '#app/services/challenges/challenges.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { similarIdeas } from '#app/services/ideas/ideas.server.ts'
import { getUser } from '#app/utils/auth.server.ts'

/** GET /retos/:slug/similares?titulo=… → {items:[{id,title,status}]}: ideas of the challenge whose titles look alike (JSON). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const titulo = new URL(request.url).searchParams.get('titulo') ?? ''
  try {
    const challenge = await getChallenge(getUser(context), params.slug ?? '')
    const items = await similarIdeas(challenge.id, titulo, 5)
    return Response.json({ items }, { headers: { 'Cache-Control': 'private, max-age=10' } })
  } catch (error) {
    if (isDomainError(error)) return Response.json({ error: { code: error.code } }, { status: error.status })
    throw error
  }
}
