import { type Router } from 'express'
import { z } from 'zod'
import { criteriaSchema, jurySchema, scoresSchema, selectionSchema } from '#app/services/evaluation/evaluation-schemas.ts'
import { publishEvaluation, saveCriteria } from '#app/services/evaluation/criteria.server.ts'
import { getEvaluation, listPublicScores, type EvaluationView } from '#app/services/evaluation/evaluation.server.ts'
import { requireJurorOfIdea, setJury } from '#app/services/evaluation/jury.server.ts'
import { submitScores } from '#app/services/evaluation/scoring.server.ts'
import { recordSelection, shortlistIdeaById } from '#app/services/evaluation/selection.server.ts'
import { requirePermission } from '#app/services/platform/permissions.server.ts'
import { roles } from '#app/domain/vocabulary.ts'
import { handle, parse, requireApiUser } from './handler.ts'
import { bearerAuth, errorResponses, registry } from './openapi.ts'

// ——— OpenAPI description (the handlers parse with the shared schemas of app/services/evaluation/evaluation-schemas.ts) ———

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })
const idParam = z.object({ id: z.string().openapi({ description: 'The challenge’s id or slug' }) })
const dateTime = z.string().openapi({ format: 'date-time' })
const Juror = z.object({ id: z.uuid(), name: z.string(), role: z.enum(roles), affiliation: z.string().openapi({ example: 'Sociedad civil — Acción Ciudadana' }) })
const RankedIdea = registry.register(
  'RankedIdea',
  z.object({
    ideaId: z.uuid(),
    title: z.string(),
    votes: z.int(),
    criteria: z.array(
      z.object({
        criterionId: z.uuid(),
        name: z.string(),
        weight: z.int(),
        scores: z.array(z.int()).openapi({ description: 'The scores counted (1–5)' }),
        missing: z.int().openapi({ description: 'Jurors expected to score it who have not (left out of the mean)' }),
        mean: z.number().nullable(),
        points: z.number().openapi({ description: 'weight × mean ÷ 5 (0 when nobody scored it)' }),
      }),
    ),
    juryScore: z.number().openapi({ description: 'Σ points, 0–100' }),
    maxVotes: z.int().openapi({ description: 'The most votes of any shortlisted idea' }),
    voteScore: z.number().openapi({ description: 'votes ÷ maxVotes × 100 (0 when nobody voted)' }),
    voteShare: z.int(),
    finalScore: z.number().openapi({ description: '(100 − voteShare)% × juryScore + voteShare% × voteScore' }),
    rank: z.int().openapi({ description: 'Ties (same final, jury score and votes) share the rank' }),
    tied: z.boolean(),
    decision: z.object({ selected: z.boolean(), rationale: z.string(), decidedAt: dateTime }).nullable(),
  }),
)
const Evaluation = registry.register(
  'Evaluation',
  z.object({
    challengeId: z.uuid(),
    criteria: z.array(z.object({ id: z.uuid(), name: z.string(), description: z.string(), weight: z.int() })),
    voteShare: z.int().openapi({ description: 'Percent of the final score carried by the citizen vote' }),
    publishedAt: dateTime.nullable().openapi({ description: 'When the criteria were published (then frozen); null while they may change' }),
    selectedAt: dateTime.nullable(),
    resultsPublic: z.boolean(),
    scoreFirst: z.boolean().openapi({ description: 'You are on the jury and still have ideas to score: until you submit them (or the results are public) you see nobody else’s scores, nor the provisional ranking' }),
    jury: z.array(Juror),
    ranking: z.array(RankedIdea).nullable().openapi({ description: 'Null until the results are public (the selection is recorded); facilitators see it before, unless they still have ideas to score as jurors' }),
  }),
)
const Score = registry.register(
  'JuryScore',
  z.object({
    juror: Juror,
    idea: z.object({ id: z.uuid(), title: z.string() }),
    criterion: z.object({ id: z.uuid(), name: z.string(), weight: z.int() }),
    score: z.int().min(1).max(5),
    rationale: z.string(),
    submittedAt: dateTime,
  }),
)

registry.registerPath({
  method: 'get',
  path: '/challenges/{id}/evaluation',
  summary: 'Criteria, vote share, jury (public name and role only) and, once public, the ranking with its arithmetic',
  request: { params: idParam },
  responses: { 200: { description: 'The evaluation', content: json(Evaluation) }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'get',
  path: '/challenges/{id}/scores',
  summary: 'Every jury score with its rationale, by juror (no personal data beyond public name and role); empty until the results are public',
  request: { params: idParam },
  responses: { 200: { description: 'Scores', content: json(z.object({ resultsPublic: z.boolean(), items: z.array(Score) })) }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'put',
  path: '/challenges/{id}/evaluation',
  summary: 'Set the criteria and vote share (facilitators), while not published; 409 once frozen',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: idParam, body: { content: json(z.object({ criteria: z.array(z.object({ id: z.uuid().optional(), name: z.string(), description: z.string().optional(), weight: z.int().min(1).max(100) })), voteShare: z.int().min(0).max(100) })) } },
  responses: { 200: { description: 'Saved', content: json(Evaluation) }, ...errorResponses(400, 401, 403, 404, 409) },
})
registry.registerPath({
  method: 'post',
  path: '/challenges/{id}/evaluation/publish',
  summary: 'Publish (and freeze) the criteria (facilitators)',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: idParam },
  responses: { 200: { description: 'Published', content: json(Evaluation) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
})
registry.registerPath({
  method: 'put',
  path: '/challenges/{id}/jury',
  summary: 'Name the whole jury (facilitators): people added are notified, people left out are removed (409 if they have scored), affiliations updated; 409 after the selection',
  security: [{ [bearerAuth.name]: [] }],
  request: {
    params: idParam,
    body: { content: json(z.object({ members: z.array(z.object({ userId: z.uuid(), affiliation: z.string().max(200).optional().openapi({ example: 'Sociedad civil — Acción Ciudadana' }) })).max(50) })) },
  },
  responses: { 200: { description: 'The jury now', content: json(z.object({ jury: z.array(Juror) })) }, ...errorResponses(400, 401, 403, 404, 409) },
})
registry.registerPath({
  method: 'post',
  path: '/ideas/{id}/shortlist',
  summary: 'Put a published idea on its challenge’s shortlist (facilitators); 409 if it is not published or the selection is recorded',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: 'Shortlisted', content: json(z.object({ idea: z.object({ id: z.uuid(), challengeId: z.uuid(), title: z.string(), status: z.literal('shortlisted') }) })) }, ...errorResponses(401, 403, 404, 409) },
})
registry.registerPath({
  method: 'post',
  path: '/ideas/{id}/scores',
  summary: 'A juror scores a shortlisted idea on every criterion (1–5 with a rationale), once; 403 for an idea they wrote or co-wrote',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: z.object({ id: z.uuid() }), body: { content: json(z.object({ scores: z.array(z.object({ criterionId: z.uuid(), score: z.int().min(1).max(5), rationale: z.string() })) })) } },
  responses: { 201: { description: 'Submitted' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
})
registry.registerPath({
  method: 'post',
  path: '/challenges/{id}/selection',
  summary: 'Record the selection (facilitators): a decision and rationale for every shortlisted idea; the challenge moves to piloting',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: idParam, body: { content: json(z.object({ decisions: z.array(z.object({ ideaId: z.uuid(), selected: z.boolean(), rationale: z.string() })) })) } },
  responses: { 200: { description: 'Recorded', content: json(Evaluation) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
})

/** The API's `evaluation`: the service's view without the challenge row. */
export function serializeEvaluation(view: EvaluationView) {
  const { challenge, shortlist: _shortlist, ...rest } = view
  return { challengeId: challenge.id, ...rest }
}

/** /api/v1 routes of this area; each path is also registered in the OpenAPI registry (./openapi.ts). */
export function registerEvaluationRoutes(router: Router) {
  router.get(
    '/challenges/:id/evaluation',
    handle(async (req, res, ctx) => {
      res.json(serializeEvaluation(await getEvaluation(ctx.auth?.user, String(req.params.id))))
    }),
  )

  router.get(
    '/challenges/:id/scores',
    handle(async (req, res, ctx) => {
      const { resultsPublic, items } = await listPublicScores(ctx.auth?.user, String(req.params.id))
      res.json({ resultsPublic, items })
    }),
  )

  router.put(
    '/challenges/:id/evaluation',
    handle(async (req, res, ctx) => {
      const user = requirePermission(requireApiUser(ctx), 'manage:evaluation')
      const input = parse(criteriaSchema, req.body)
      await saveCriteria(user, String(req.params.id), input)
      res.json(serializeEvaluation(await getEvaluation(user, String(req.params.id))))
    }),
  )

  router.post(
    '/challenges/:id/evaluation/publish',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      await publishEvaluation(user, String(req.params.id))
      res.json(serializeEvaluation(await getEvaluation(user, String(req.params.id))))
    }),
  )

  router.put(
    '/challenges/:id/jury',
    handle(async (req, res, ctx) => {
      const user = requirePermission(requireApiUser(ctx), 'manage:evaluation')
      const input = parse(jurySchema, req.body)
      const challenge = await setJury(user, String(req.params.id), input)
      res.json({ jury: (await getEvaluation(user, challenge.id)).jury })
    }),
  )

  router.post(
    '/ideas/:id/shortlist',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const idea = await shortlistIdeaById(user, String(req.params.id))
      res.json({ idea: { id: idea.id, challengeId: idea.challengeId, title: idea.title, status: idea.status } })
    }),
  )

  router.post(
    '/ideas/:id/scores',
    handle(async (req, res, ctx) => {
      const user = await requireJurorOfIdea(requireApiUser(ctx), String(req.params.id))
      const input = parse(scoresSchema, req.body)
      await submitScores(user, String(req.params.id), input)
      res.status(201).json({ ok: true })
    }),
  )

  router.post(
    '/challenges/:id/selection',
    handle(async (req, res, ctx) => {
      const user = requirePermission(requireApiUser(ctx), 'select:idea')
      const input = parse(selectionSchema, req.body)
      const { challenge } = await recordSelection(user, String(req.params.id), input)
      res.json(serializeEvaluation(await getEvaluation(user, challenge.id)))
    }),
  )
}
