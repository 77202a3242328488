import { type Router } from 'express'
import { z } from 'zod'
import { getChallenge } from '#app/services/challenges/challenges.server.ts'
import { endSession, getSession, scheduleSession, startSession } from '#app/services/sessions/cocreation-sessions.server.ts'
import { scheduleSessionSchema } from '#app/services/sessions/session-schemas.ts'
import { boardTemplates, sessionPhases, sessionStatuses } from '#app/domain/vocabulary.ts'
import { handle, parse, requireApiUser } from './handler.ts'
import { bearerAuth, errorResponses, registry } from './openapi.ts'

// ——— OpenAPI description (the handlers parse with app/services/sessions/session-schemas.ts) ———

const dateTime = z.string().openapi({ format: 'date-time', example: '2025-03-01T15:00:00.000Z' })
const Session = registry.register(
  'Session',
  z.object({
    id: z.uuid(),
    challengeId: z.uuid(),
    boardId: z.uuid(),
    title: z.string(),
    agenda: z.string().openapi({ description: 'Markdown as written' }),
    startsAt: dateTime,
    endsAt: dateTime,
    status: z.enum(sessionStatuses),
    phase: z.enum(sessionPhases).nullable().openapi({ description: 'While live: silent ideation, clustering, dot voting, reveal' }),
    locked: z.boolean(),
    dotBudget: z.int(),
    timer: z.object({ endsAt: dateTime.nullable(), remainingMs: z.int().nullable() }).openapi({ description: 'Running while endsAt is set; paused while remainingMs is set' }),
    code: z.string().nullable().openapi({ description: "Six digits, unique among sessions that have not ended; null unless the reader is one of the session's facilitators or participants", example: '482913' }),
  }),
)
const SessionBody = z.object({
  title: z.string().min(3).max(160),
  startsAt: dateTime.openapi({ description: 'ISO 8601 with offset; without one, Guatemala time' }),
  endsAt: dateTime,
  template: z.enum(boardTemplates),
  agenda: z.string().max(10_000).optional().openapi({ description: 'Markdown' }),
  dotBudget: z.int().min(1).max(20).optional().openapi({ description: 'Dots per participant in the voting phase (default 3)' }),
})
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const sessionReply = json(z.object({ session: Session }))

registry.registerPath({
  method: 'post',
  path: '/challenges/{id}/sessions',
  summary: 'Schedule a co-creation session with a new board from a template (facilitators)',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: z.object({ id: z.string().openapi({ description: 'The id or the slug' }) }), body: { content: json(SessionBody) } },
  responses: { 201: { description: 'Scheduled', content: sessionReply }, ...errorResponses(400, 401, 403, 404, 422) },
})
registry.registerPath({
  method: 'get',
  path: '/sessions/{id}',
  summary: 'One session (anyone who may see its challenge; the code only for its facilitators and participants)',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: 'The session', content: sessionReply }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'post',
  path: '/sessions/{id}/start',
  summary: 'Go live (facilitators): scheduled → live, silent ideation',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: 'Live', content: sessionReply }, ...errorResponses(401, 403, 404, 409) },
})
registry.registerPath({
  method: 'post',
  path: '/sessions/{id}/end',
  summary: 'End the session (facilitators): guests lose access at once',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: 'Ended', content: sessionReply }, ...errorResponses(401, 403, 404, 409) },
})

/** /api/v1 routes of co-creation sessions; each path is also in the OpenAPI registry. */
export function registerSessionRoutes(router: Router) {
  router.post(
    '/challenges/:id/sessions',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const challenge = await getChallenge(user, String(req.params.id))
      const input = parse(scheduleSessionSchema, req.body)
      res.status(201).json({ session: await scheduleSession(user, challenge, input, ctx.lang) })
    }),
  )

  router.get(
    '/sessions/:id',
    handle(async (req, res, ctx) => {
      res.json({ session: await getSession(ctx.auth?.user, String(req.params.id)) })
    }),
  )

  router.post(
    '/sessions/:id/start',
    handle(async (req, res, ctx) => {
      res.json({ session: await startSession(requireApiUser(ctx), String(req.params.id)) })
    }),
  )

  router.post(
    '/sessions/:id/end',
    handle(async (req, res, ctx) => {
      res.json({ session: await endSession(requireApiUser(ctx), String(req.params.id)) })
    }),
  )
}
