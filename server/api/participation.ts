import { type Router } from 'express'
import { z } from 'zod'
import { castVote, withdrawVote } from '#app/services/votes/votes.server.ts'
import { handle, parse, requireApiUser } from './handler.ts'
import { bearerAuth, errorResponses, registry } from './openapi.ts'

/** /api/v1 routes of this area; each path is also registered in the OpenAPI registry (./openapi.ts). */
export function registerParticipationRoutes(router: Router) {
  registerVoteRoutes(router)
}

// ——— votes ———

const VoteRequest = registry.register(
  'VoteRequest',
  z.object({
    count: z
      .number({ error: 'validation.invalid' })
      .int({ error: 'validation.invalid' })
      .min(1, { error: 'validation.invalid' })
      .max(1000, { error: 'validation.invalid' })
      .openapi({ description: 'support: 1. dots: how many of your dots sit on this idea (replaces what you had on it).', example: 2 }),
  }),
)

const VoteResult = registry.register(
  'VoteResult',
  z.object({
    votes: z.int().openapi({ description: "The idea's tally after the change", example: 14 }),
    mine: z.int().openapi({ description: 'What you now have on this idea (0 after withdrawing)', example: 2 }),
    remaining: z.int().nullable().openapi({ description: 'dots: what you have left in the challenge; support: null (nothing runs out)', example: 3 }),
  }),
)

const ideaIdParam = z.object({ id: z.uuid().openapi({ description: 'The idea id' }) })

registry.registerPath({
  method: 'put',
  path: '/ideas/{id}/vote',
  summary: 'Cast (or change) your vote on an idea',
  description:
    'support: `count` is 1 (one vote per idea, as many ideas as you like). dots: `count` is how many of your dots sit on this idea, at most `voting.maxPerIdea`, and all of yours in the challenge at most `voting.budget`. Setting the same count again changes nothing. Only while the challenge is in the voting phase. Rate-limited per person.',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: ideaIdParam, body: { content: { 'application/json': { schema: VoteRequest } } } },
  responses: {
    200: { description: 'The tally and what you have', content: { 'application/json': { schema: VoteResult } } },
    ...errorResponses(400, 401, 403, 404, 409, 422, 429),
  },
})

registry.registerPath({
  method: 'delete',
  path: '/ideas/{id}/vote',
  summary: 'Withdraw your vote from an idea',
  description: 'Gives back the dots you had on the idea. Withdrawing when you had nothing on it answers `mine: 0`. Only while the challenge is in the voting phase.',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: ideaIdParam },
  responses: {
    200: { description: 'The tally and what you have (mine is 0)', content: { 'application/json': { schema: VoteResult } } },
    ...errorResponses(401, 403, 404, 422, 429),
  },
})

/** `PUT` / `DELETE /ideas/{id}/vote`: thin — authenticate, validate, one service call, answer. */
export function registerVoteRoutes(router: Router) {
  router.put(
    '/ideas/:id/vote',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const { count } = parse(VoteRequest, req.body)
      res.json(await castVote(user, String(req.params.id), count))
    }),
  )
  router.delete(
    '/ideas/:id/vote',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      res.json(await withdrawVote(user, String(req.params.id)))
    }),
  )
}
