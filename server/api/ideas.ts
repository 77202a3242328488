import { type Router } from 'express'
import { z } from 'zod'
import { getChallenge } from '#app/services/challenges/challenges.server.ts'
import { addComment, listComments } from '#app/services/ideas/comments.server.ts'
import { COMMENT_MAX, commentApiSchema, ideaSchema } from '#app/services/ideas/idea-schemas.ts'
import { submitIdea } from '#app/services/ideas/idea-lifecycle.server.ts'
import { getIdea, listIdeas } from '#app/services/ideas/ideas.server.ts'
import { handle, parse, requireApiUser } from './handler.ts'
import { bearerAuth, errorResponses, registry } from './openapi.ts'

const Author = z.object({ id: z.uuid(), name: z.string(), deleted: z.boolean().optional().openapi({ description: 'the account was deleted: the name is "Cuenta eliminada" and there is no profile' }) })
const IdeaSchema = registry.register(
  'Idea',
  z.object({
    id: z.uuid(),
    challengeId: z.uuid(),
    title: z.string().nullable().openapi({ description: 'null when the idea is hidden by moderation and the caller may not see it' }),
    description: z.string().nullable().openapi({ description: 'plain text, never HTML' }),
    expectedBenefit: z.string().nullable(),
    status: z.enum(['submitted', 'published', 'shortlisted', 'selected', 'not_selected', 'merged', 'hidden']),
    statusReason: z.string().nullable().openapi({ description: 'the public reason of the last decision' }),
    votes: z.number().int(),
    authors: z.array(Author).openapi({ description: 'accepted authors only' }),
    mergedIntoId: z.uuid().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  }),
)
const CommentBase = z.object({
  id: z.uuid(),
  body: z.string().nullable().openapi({ description: 'plain text, never HTML; null when deleted or hidden' }),
  parentId: z.uuid().nullable(),
  author: Author,
  createdAt: z.string().openapi({ format: 'date-time' }),
  editedAt: z.string().nullable().openapi({ format: 'date-time' }),
  deleted: z.boolean(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
})
const CommentSchema = registry.register('Comment', CommentBase.extend({ replies: z.array(CommentBase).optional().openapi({ description: 'one level of replies (top-level comments only)' }) }))
const challengeParam = z.object({ id: z.string().openapi({ description: 'the challenge id or slug' }) })
const ideaParam = z.object({ id: z.uuid() })
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).optional().default(1) })
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } })

registry.registerPath({
  method: 'get',
  path: '/challenges/{id}/ideas',
  summary: 'The public ideas of a challenge, newest first (20 per page)',
  request: { params: challengeParam, query: pageQuery },
  responses: { 200: { description: 'A page of ideas', ...json(z.object({ items: z.array(IdeaSchema), page: z.number().int(), total: z.number().int() })) }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'post',
  path: '/challenges/{id}/ideas',
  summary: 'Submit an idea while the challenge is open or in co-creation',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: challengeParam, body: json(ideaSchema) },
  responses: { 201: { description: 'Published', ...json(z.object({ idea: IdeaSchema })) }, ...errorResponses(400, 401, 403, 404, 422) },
})
registry.registerPath({
  method: 'get',
  path: '/ideas/{id}',
  summary: 'One idea',
  request: { params: ideaParam },
  responses: { 200: { description: 'The idea', ...json(IdeaSchema) }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'get',
  path: '/ideas/{id}/comments',
  summary: 'The comments of an idea: top-level comments oldest first, each with its replies',
  request: { params: ideaParam },
  responses: { 200: { description: 'The thread', ...json(z.object({ items: z.array(CommentSchema) })) }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'post',
  path: '/ideas/{id}/comments',
  summary: `Comment on an idea (plain text, 1–${COMMENT_MAX} characters), or reply to a top-level comment`,
  security: [{ [bearerAuth.name]: [] }],
  request: { params: ideaParam, body: json(commentApiSchema) },
  responses: { 201: { description: 'Published', ...json(z.object({ comment: CommentSchema })) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
})

/** /api/v1 routes of this area; each path is also registered in the OpenAPI registry (./openapi.ts). */
export function registerIdeaRoutes(router: Router) {
  router.get(
    '/challenges/:id/ideas',
    handle(async (req, res, ctx) => {
      const { page } = parse(pageQuery, req.query)
      const challenge = await getChallenge(ctx.auth?.user, String(req.params.id))
      res.json(await listIdeas(challenge.id, { page }))
    }),
  )

  router.post(
    '/challenges/:id/ideas',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const input = parse(ideaSchema, req.body)
      const challenge = await getChallenge(user, String(req.params.id))
      const idea = await submitIdea(user, challenge, input)
      res.status(201).json({ idea })
    }),
  )

  router.get(
    '/ideas/:id',
    handle(async (req, res, ctx) => {
      const { idea } = await getIdea(ctx.auth?.user, String(req.params.id))
      const { redacted: _redacted, ...body } = idea
      res.json(body)
    }),
  )

  router.get(
    '/ideas/:id/comments',
    handle(async (req, res, ctx) => {
      res.json({ items: await listComments(ctx.auth?.user, { type: 'idea', id: String(req.params.id) }) })
    }),
  )

  router.post(
    '/ideas/:id/comments',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const input = parse(commentApiSchema, req.body)
      const comment = await addComment(user, { type: 'idea', id: String(req.params.id) }, input)
      res.status(201).json({ comment })
    }),
  )
}
