import { fieldErrors } from '#app/services/platform/schemas.ts'
import { type Router } from 'express'
import { z } from 'zod'
import { serviceAreas } from '#app/data/service-areas.ts'
import { challengeInputSchema, challengeListQuerySchema, challengePatchSchema, phaseSchema } from '#app/services/challenges/challenge-schemas.ts'
import {
  createChallenge,
  getChallenge,
  getChallengeRow,
  listChallenges,
  moveChallengePhase,
  serializeChallenge,
  updateChallenge,
} from '#app/services/challenges/challenges.server.ts'
import { phases, votingMethods } from '#app/domain/vocabulary.ts'
import { validationError } from './errors.ts'
import { handle, requireApiUser } from './handler.ts'
import { bearerAuth, errorResponses, registry } from './openapi.ts'

/** Parses with this area's schemas, keeping its own message keys (translated by the error handler). */
function parseChallengeBody<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {})
  if (!result.success) throw validationError(fieldErrors(result.error))
  return result.data
}

// ——— OpenAPI description (the handlers below parse with the shared schemas of app/services/challenges/challenge-schemas.ts) ———

const dateTime = z.string().openapi({ format: 'date-time', example: '2025-03-01T15:00:00.000Z' })
const Challenge = registry.register(
  'Challenge',
  z.object({
    id: z.uuid(),
    slug: z.string().openapi({ example: 'reducir-la-espera-para-renovar-el-dpi' }),
    title: z.string(),
    phase: z.enum(phases),
    institution: z.object({ id: z.uuid(), name: z.string(), acronym: z.string() }),
    voting: z.object({ method: z.enum(votingMethods), budget: z.int(), maxPerIdea: z.int() }),
    problem: z.string().openapi({ description: 'Markdown as written' }),
    problemHtml: z.string().openapi({ description: 'The problem rendered and sanitised' }),
    serviceArea: z.string(),
    territory: z.object({ department: z.string().nullable(), municipality: z.string().nullable() }),
    sdgTargets: z.array(z.string()).openapi({ example: ['16.6', '16.9'] }),
    coverImageUrl: z.string().nullable(),
    dates: z.object({
      opensAt: dateTime.nullable(),
      cocreationAt: dateTime.nullable(),
      votingAt: dateTime.nullable(),
      evaluationAt: dateTime.nullable(),
      pilotingAt: dateTime.nullable(),
      closesAt: dateTime.nullable(),
    }),
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
)
const ChallengeBody = z.object({
  title: z.string().min(8).max(160),
  problem: z.string().min(30).max(20_000).openapi({ description: 'Markdown; raw HTML is shown as text' }),
  institutionId: z.uuid().openapi({ description: 'Officials: their own institution' }),
  serviceArea: z.enum(serviceAreas),
  department: z.string().nullable().optional().openapi({ description: 'One of Guatemala’s 22 departments' }),
  municipality: z.string().nullable().optional().openapi({ description: 'A municipality of the department' }),
  sdgTargets: z.array(z.string()).optional().openapi({ example: ['16.6'] }),
  opensAt: dateTime.nullable().optional().openapi({ description: 'ISO 8601 with offset; without one, Guatemala time' }),
  cocreationAt: dateTime.nullable().optional(),
  votingAt: dateTime.nullable().optional(),
  evaluationAt: dateTime.nullable().optional(),
  pilotingAt: dateTime.nullable().optional(),
  closesAt: dateTime.nullable().optional(),
  votingMethod: z.enum(votingMethods),
  votingBudget: z.int().min(1).max(100).optional().openapi({ description: 'dots only; support is always 1' }),
  votingMaxPerIdea: z.int().min(1).max(100).optional(),
})
const idParam = z.object({ id: z.string().openapi({ description: 'The id or the slug' }) })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })

registry.registerPath({
  method: 'get',
  path: '/challenges',
  summary: 'Challenges, newest first (drafts only for those who may see them)',
  request: {
    query: z.object({
      phase: z.enum(phases).optional(),
      q: z.string().optional().openapi({ description: 'Full-text search in Spanish, accents ignored' }),
      page: z.int().min(1).optional(),
      institution: z.uuid().optional(),
      serviceArea: z.enum(serviceAreas).optional(),
      department: z.string().optional(),
      sdg: z.string().optional(),
    }),
  },
  responses: {
    200: { description: 'A page of challenges', content: json(z.object({ items: z.array(Challenge), page: z.int(), total: z.int(), pageSize: z.int() })) },
  },
})
registry.registerPath({
  method: 'get',
  path: '/challenges/{id}',
  summary: 'One challenge',
  request: { params: idParam },
  responses: { 200: { description: 'The challenge', content: json(Challenge) }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'post',
  path: '/challenges',
  summary: 'Propose a challenge (a draft): officials for their institution, the lab for any',
  security: [{ [bearerAuth.name]: [] }],
  request: { body: { content: json(ChallengeBody) } },
  responses: { 201: { description: 'Created', content: json(z.object({ challenge: Challenge })) }, ...errorResponses(400, 401, 403) },
})
registry.registerPath({
  method: 'patch',
  path: '/challenges/{id}',
  summary: 'Edit a challenge (facilitators any; officials their institution’s drafts). Voting rules freeze when voting opens (409).',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: idParam, body: { content: json(ChallengeBody.partial()) } },
  responses: { 200: { description: 'Saved', content: json(z.object({ challenge: Challenge })) }, ...errorResponses(400, 401, 403, 404, 409) },
})
registry.registerPath({
  method: 'post',
  path: '/challenges/{id}/phase',
  summary: 'Move to a phase (facilitators): forward to any later phase or back one step',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: idParam, body: { content: json(z.object({ phase: z.enum(phases) })) } },
  responses: { 200: { description: 'Moved', content: json(z.object({ challenge: Challenge })) }, ...errorResponses(400, 401, 403, 404, 409) },
})

/** /api/v1 routes of this area; each path is also registered in the OpenAPI registry (./openapi.ts). */
export function registerChallengeRoutes(router: Router) {
  router.get(
    '/challenges',
    handle(async (req, res, ctx) => {
      const query = challengeListQuerySchema.parse(req.query)
      const { items, total, page, pageSize } = await listChallenges(ctx.auth?.user, query)
      res.json({ items: items.map(serializeChallenge), page, total, pageSize })
    }),
  )

  router.get(
    '/challenges/:id',
    handle(async (req, res, ctx) => {
      res.json(serializeChallenge(await getChallengeRow(ctx.auth?.user, String(req.params.id))))
    }),
  )

  router.post(
    '/challenges',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const input = parseChallengeBody(challengeInputSchema, req.body)
      res.status(201).json({ challenge: serializeChallenge(await createChallenge(user, input)) })
    }),
  )

  router.patch(
    '/challenges/:id',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const challenge = await getChallenge(user, String(req.params.id))
      const patch = parseChallengeBody(challengePatchSchema, req.body)
      res.json({ challenge: serializeChallenge(await updateChallenge(user, challenge.id, patch)) })
    }),
  )

  router.post(
    '/challenges/:id/phase',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const challenge = await getChallenge(user, String(req.params.id))
      const { phase } = parseChallengeBody(phaseSchema, req.body)
      res.json({ challenge: serializeChallenge(await moveChallengePhase(user, challenge, phase)) })
    }),
  )
}
