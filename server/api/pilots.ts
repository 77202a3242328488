import { type Router } from 'express'
import { z } from 'zod'
import { measurementSchema, pilotListQuerySchema, pilotUpdateSchema } from '#app/services/pilots/pilot-schemas.ts'
import { addMeasurement, postPilotUpdate } from '#app/services/pilots/pilot-reports.server.ts'
import { getPilotRecord, listPilots, serializePilot } from '#app/services/pilots/pilots.server.ts'
import { pilotStatuses } from '#app/domain/vocabulary.ts'
import { handle, parse, requireApiUser } from './handler.ts'
import { bearerAuth, errorResponses, registry } from './openapi.ts'

// ——— OpenAPI description (the handlers below parse with the shared schemas of app/services/pilots/pilot-schemas.ts) ———

const dateTime = z.string().openapi({ format: 'date-time', example: '2025-03-01T15:00:00.000Z' })
const day = z.string().openapi({ format: 'date', example: '2025-03-01' })
const Person = z.object({ id: z.uuid(), name: z.string(), deleted: z.boolean().optional() })
const Milestone = z.object({ id: z.uuid(), title: z.string(), description: z.string(), weight: z.int(), dueDate: day, completedAt: dateTime.nullable(), overdue: z.boolean() })
const Measurement = z.object({ id: z.uuid(), measuredOn: day, value: z.number(), note: z.string(), correctedAt: z.string().nullable().optional() })
const Withdrawn = z.object({ id: z.uuid(), measuredOn: day, value: z.number(), note: z.string(), withdrawnAt: z.string(), withdrawnReason: z.string() })
const Kpi = z.object({
  id: z.uuid(),
  name: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  minValue: z.number().nullable().describe('Measurements below it are refused (null: no minimum)'),
  maxValue: z.number().nullable().describe('Measurements above it are refused (null: no maximum)'),
  measurements: z.array(Measurement),
  withdrawn: z.array(Withdrawn).describe('Withdrawn measurements, kept in the record with their reason and left out of the figures'),
})
const Update = registry.register(
  'PilotUpdate',
  z.object({
    id: z.uuid(),
    body: z.string(),
    progress: z.int().nullable().openapi({ description: 'The progress the team reported with this update, if any' }),
    author: Person,
    attachment: z.object({ url: z.string(), name: z.string() }).nullable(),
    createdAt: dateTime,
  }),
)
const Pilot = registry.register(
  'Pilot',
  z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    status: z.enum(pilotStatuses),
    statusReason: z.string().nullable().openapi({ description: 'The public reason of the last status change' }),
    progress: z.int().openapi({ description: 'Percent of the milestone weight completed (0–100)' }),
    reportedProgress: z.int().nullable(),
    schedule: z.enum(['onTime', 'late']).nullable().openapi({ description: 'Late: an overdue milestone or past its end date; null when cancelled' }),
    stale: z.boolean().openapi({ description: 'Open and no update for 30 days' }),
    daysSinceUpdate: z.int(),
    institution: z.object({ id: z.uuid(), name: z.string(), acronym: z.string() }),
    lead: Person,
    team: z.array(Person),
    challenge: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }).nullable(),
    ideas: z.array(z.object({ id: z.uuid(), title: z.string() })),
    summary: z.string().openapi({ description: 'Markdown as written' }),
    summaryHtml: z.string(),
    territory: z.object({ department: z.string().nullable(), municipality: z.string().nullable() }),
    startDate: day,
    endDate: day,
    budgetGtq: z.number(),
    milestones: z.array(Milestone),
    kpis: z.array(Kpi),
    updates: z.array(Update).openapi({ description: 'Newest first' }),
    lastUpdateAt: dateTime.nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
)
const idParam = z.object({ id: z.string().openapi({ description: 'The id or the slug' }) })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })

registry.registerPath({
  method: 'get',
  path: '/pilots',
  summary: 'Pilots (public), newest first',
  request: { query: z.object({ status: z.enum(pilotStatuses).optional(), institution: z.uuid().optional(), department: z.string().optional(), page: z.int().min(1).optional() }) },
  responses: { 200: { description: 'A page of pilots', content: json(z.object({ items: z.array(Pilot), page: z.int(), total: z.int(), pageSize: z.int() })) } },
})
registry.registerPath({
  method: 'get',
  path: '/pilots/{id}',
  summary: 'One pilot with its milestones, KPIs and updates',
  request: { params: idParam },
  responses: { 200: { description: 'The pilot', content: json(Pilot) }, ...errorResponses(404) },
})
registry.registerPath({
  method: 'post',
  path: '/pilots/{id}/updates',
  summary: 'Post an update (the lead official, the team, facilitators); followers are notified. Attachments only through the page form.',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: idParam, body: { content: json(z.object({ body: z.string().min(5).max(10_000), progress: z.int().min(0).max(100).nullable().optional() })) } },
  responses: { 201: { description: 'Posted', content: json(z.object({ update: Update })) }, ...errorResponses(400, 401, 403, 404) },
})
registry.registerPath({
  method: 'post',
  path: '/pilots/{id}/kpis/{kpiId}/measurements',
  summary: 'Record a dated KPI measurement (the lead official, the team, facilitators); a day after today in Guatemala or a value outside the KPI range is refused with 400',
  security: [{ [bearerAuth.name]: [] }],
  request: { params: idParam.extend({ kpiId: z.uuid() }), body: { content: json(z.object({ measuredOn: day, value: z.number(), note: z.string().max(500).optional() })) } },
  responses: { 201: { description: 'Recorded', content: json(z.object({ measurement: Measurement })) }, ...errorResponses(400, 401, 403, 404) },
})

/** /api/v1 routes of this area; each path is also registered in the OpenAPI registry (./openapi.ts). */
export function registerPilotRoutes(router: Router) {
  router.get(
    '/pilots',
    handle(async (req, res) => {
      const query = pilotListQuerySchema.parse(req.query)
      const { items, total, page, pageSize } = await listPilots(query)
      const now = new Date()
      res.json({ items: items.map((r) => serializePilot(r, now)), page, total, pageSize })
    }),
  )

  router.get(
    '/pilots/:id',
    handle(async (req, res) => {
      res.json(serializePilot(await getPilotRecord(String(req.params.id))))
    }),
  )

  router.post(
    '/pilots/:id/updates',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const pilot = await getPilotRecord(String(req.params.id))
      const input = parse(pilotUpdateSchema, req.body)
      res.status(201).json({ update: await postPilotUpdate(user, pilot.pilot.id, input) })
    }),
  )

  router.post(
    '/pilots/:id/kpis/:kpiId/measurements',
    handle(async (req, res, ctx) => {
      const user = requireApiUser(ctx)
      const pilot = await getPilotRecord(String(req.params.id))
      const input = parse(measurementSchema, req.body)
      const m = await addMeasurement(user, pilot.pilot.id, String(req.params.kpiId), input)
      res.status(201).json({ measurement: { id: m.id, measuredOn: m.measuredOn, value: m.value, note: m.note } })
    }),
  )
}
