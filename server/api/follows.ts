import { type Router } from 'express'
import { z } from 'zod'
import { follow, followTargetSchema, followTargetTypes, listFollows, unfollow } from '#app/services/notifications/follows.server.ts'
import { handle, parse, requireApiUser } from './handler.ts'
import { bearerAuth, errorResponses, registry } from './openapi.ts'

const FollowParams = z.object({
  targetType: z.enum(followTargetTypes).openapi({ description: 'What is followed', example: 'challenge' }),
  targetId: z.uuid().openapi({ description: 'Its id' }),
})
const FollowState = registry.register('FollowState', z.object({ following: z.boolean() }))
const Follow = registry.register(
  'Follow',
  z.object({
    targetType: z.enum(followTargetTypes),
    targetId: z.uuid(),
    title: z.string().nullable().openapi({ description: 'null when the target no longer exists' }),
    link: z.string().nullable().openapi({ description: 'Path of its page on the site', example: '/retos/dpi-en-linea' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  }),
)

const security = [{ [bearerAuth.name]: [] }]
for (const [method, summary, following] of [
  ['put', 'Follow a challenge, idea or pilot (idempotent): its news become notifications', true],
  ['delete', 'Stop following (idempotent)', false],
] as const) {
  registry.registerPath({
    method,
    path: '/follows/{targetType}/{targetId}',
    summary,
    security,
    request: { params: FollowParams },
    responses: {
      200: { description: following ? 'Followed' : 'Not followed', content: { 'application/json': { schema: FollowState } } },
      ...errorResponses(400, 401, 403, ...(following ? [404] : [])),
    },
  })
}
registry.registerPath({
  method: 'get',
  path: '/follows',
  summary: 'What the signed-in person follows, newest first',
  security,
  responses: { 200: { description: 'Followed targets', content: { 'application/json': { schema: z.object({ items: z.array(Follow) }) } } }, ...errorResponses(401) },
})

/** /api/v1/follows: follow and unfollow challenges, ideas and pilots. Mounted by v1.ts next to the other areas. */
export function registerFollowRoutes(router: Router) {
  router.put(
    '/follows/:targetType/:targetId',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      res.json(await follow(user, parse(followTargetSchema, req.params)))
    }),
  )
  router.delete(
    '/follows/:targetType/:targetId',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      res.json(await unfollow(user, parse(followTargetSchema, req.params)))
    }),
  )
  router.get(
    '/follows',
    handle(async (_req, res, ctx) => {
      const items = await listFollows(requireApiUser(ctx))
      res.json({ items: items.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })) })
    }),
  )
}
