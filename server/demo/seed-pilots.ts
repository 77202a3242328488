import { and, eq, inArray } from 'drizzle-orm'
import { recordAudit } from '#app/services/platform/audit.server.ts'
import { type Tx } from '#app/services/platform/types.ts'
import { challenges, comments, follows, ideas, kpiMeasurements, kpis, milestones, pilotIdeas, pilots, pilotTeam, pilotUpdates, users } from '../../db/schema.ts'

const DAY = 24 * 60 * 60 * 1000
/** A calendar day `days` from `now` (negative: in the past), as YYYY-MM-DD. */
const dayFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10)
const at = (now: Date, days: number) => new Date(now.getTime() + days * DAY)

type DemoPilot = {
  slug: string
  title: string
  summary: string
  status: 'planned' | 'active'
  statusReason: string
  start: number
  end: number
  budget: string
  milestones: { title: string; weight: number; due: number; doneAt?: number }[]
  kpis: { name: string; unit: string; baseline: string; target: string; measurements: { on: number; value: string; note?: string }[] }[]
  updates: { at: number; body: string; progress?: number }[]
  /** Whose pilot it is: the DPI challenge (RENAP) or the challenge the demo evaluation selected ideas in. */
  challenge: 'dpi' | 'evaluation'
}

const demoPilots: DemoPilot[] = [
  {
    slug: 'citas-por-whatsapp-en-sedes-piloto',
    title: 'Citas por WhatsApp en tres sedes piloto',
    summary:
      'Las personas agendan su cita para renovar el DPI por **WhatsApp** en tres sedes de la capital. El piloto mide si baja la espera y si la gente llega a su hora.\n\n- Sedes: zona 1, zona 11 y Mixco\n- Confirmación y recordatorio automáticos un día antes',
    status: 'active',
    statusReason: 'Arrancó tras la capacitación del personal de las sedes.',
    start: -90,
    end: 120,
    budget: '185000.00',
    milestones: [
      { title: 'Capacitación del personal de las tres sedes', weight: 20, due: -75, doneAt: -78 },
      { title: 'Número de WhatsApp verificado y plantillas aprobadas', weight: 20, due: -60, doneAt: -58 },
      { title: 'Integración con la agenda de citas', weight: 30, due: -10 },
      { title: 'Evaluación de medio término con las usuarias y usuarios', weight: 30, due: 45 },
    ],
    kpis: [
      {
        name: 'Tiempo promedio de espera en sede',
        unit: 'minutos',
        baseline: '150',
        target: '45',
        measurements: [
          { on: -80, value: '148', note: 'Medición inicial en las tres sedes' },
          { on: -50, value: '112' },
          { on: -20, value: '86', note: 'La sede de Mixco aún sin integración' },
        ],
      },
      {
        name: 'Personas atendidas con cita',
        unit: '%',
        baseline: '0',
        target: '60',
        measurements: [
          { on: -50, value: '18' },
          { on: -20, value: '34' },
        ],
      },
    ],
    updates: [
      { at: -77, body: 'Terminamos la capacitación en las tres sedes: 46 personas del personal de atención aprendieron a usar la nueva agenda.', progress: 20 },
      { at: -40, body: 'El número de WhatsApp ya está verificado. En las primeras dos semanas se agendaron 1,240 citas; la espera bajó a 112 minutos en promedio.', progress: 40 },
      { at: -12, body: 'La integración con la agenda se retrasó por un cambio en el sistema del proveedor. Pedimos una prórroga de dos semanas.', progress: 45 },
    ],
    challenge: 'dpi',
  },
  {
    slug: 'declaracion-precargada-en-quetzaltenango',
    title: 'Declaración precargada en Quetzaltenango y Escuintla',
    summary:
      'Las y los pequeños contribuyentes de dos mercados municipales reciben su declaración mensual llena con sus facturas electrónicas y la confirman desde el teléfono; agentes comunitarios ayudan a quien no tiene teléfono inteligente.',
    status: 'planned',
    statusReason: 'Aprobado; inicia cuando la SAT habilite la declaración precargada en el ambiente de pruebas.',
    start: 15,
    end: 200,
    budget: '92500.50',
    milestones: [
      { title: 'Declaración precargada en el ambiente de pruebas de la SAT', weight: 40, due: 10 },
      { title: 'Capacitación de agentes comunitarios en los dos mercados', weight: 30, due: 60 },
      { title: 'Informe de resultados', weight: 30, due: 190 },
    ],
    kpis: [{ name: 'Declaraciones presentadas a tiempo', unit: '%', baseline: '45', target: '80', measurements: [] }],
    updates: [{ at: -5, body: 'La SAT confirmó los campos que llegarán precargados; la capacitación de agentes se publicó en Guatecompras.' }],
    challenge: 'evaluation',
  },
]

/** The DPI challenge of the demo (seed-challenges.ts) and its appointments idea, which the WhatsApp pilot tries out. */
const dpiChallengeSlug = 'renovar-el-dpi-sin-filas'
const dpiIdeaTitle = 'Citas en línea con recordatorio por SMS'

/**
 * The demo pilots (issue 5, issue 11): the WhatsApp-appointments pilot of RENAP's DPI challenge
 * (its appointments idea) and a planned pilot of the challenge in piloting, made from its selected
 * ideas, with milestones (some done, one overdue), KPIs with measurements, and updates. Without the
 * DPI challenge (tests that seed pilots alone) both belong to the given challenge. The lead is the
 * demo official (or any official, or the demo facilitator); the facilitator is on the team and the
 * demo citizen follows and has commented. Returns the pilots' ids.
 */
export async function seedDemoPilots(tx: Tx, { challengeId, selectedIdeaIds }: { challengeId: string; selectedIdeaIds: string[] }, now = new Date()) {
  if (selectedIdeaIds.length === 0) return []
  const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, challengeId))
  if (!challenge) return []
  const [dpi] = await tx.select().from(challenges).where(eq(challenges.slug, dpiChallengeSlug))
  const [dpiIdea] = dpi ? await tx.select({ id: ideas.id }).from(ideas).where(and(eq(ideas.challengeId, dpi.id), eq(ideas.title, dpiIdeaTitle))) : []
  const people = await tx
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(inArray(users.role, ['official', 'facilitator', 'citizen']))
  const official = people.find((p) => p.email === 'funcionario@demo.cocrea.gt') ?? people.find((p) => p.role === 'official')
  const facilitator = people.find((p) => p.email === 'facilitadora@demo.cocrea.gt') ?? people.find((p) => p.role === 'facilitator')
  const citizen = people.find((p) => p.email === 'ciudadana@demo.cocrea.gt') ?? people.find((p) => p.role === 'citizen')
  const lead = official ?? facilitator
  if (!lead) return []
  const created: string[] = []
  for (const [n, p] of demoPilots.entries()) {
    const ofDpi = p.challenge === 'dpi' && dpi && dpiIdea
    const owner = ofDpi ? dpi : challenge
    const ideaIds = ofDpi ? [dpiIdea.id] : n === 0 ? [selectedIdeaIds[0]] : selectedIdeaIds.slice(0, 2)
    const [row] = await tx
      .insert(pilots)
      .values({
        slug: p.slug,
        challengeId: owner.id,
        title: p.title,
        summary: p.summary,
        institutionId: owner.institutionId,
        leadId: lead.id,
        department: p.challenge === 'dpi' ? 'Guatemala' : 'Quetzaltenango',
        municipality: p.challenge === 'dpi' ? null : 'Quetzaltenango',
        startDate: dayFrom(now, p.start),
        endDate: dayFrom(now, p.end),
        budgetGtq: p.budget,
        status: p.status,
        statusReason: p.statusReason,
        lastUpdateAt: at(now, Math.max(...p.updates.map((u) => u.at))),
        createdBy: facilitator?.id ?? lead.id,
        createdAt: at(now, Math.min(p.start, -30)),
      })
      .onConflictDoNothing()
      .returning()
    if (!row) continue
    created.push(row.id)
    await tx.insert(pilotIdeas).values(ideaIds.map((ideaId) => ({ pilotId: row.id, ideaId })))
    if (facilitator && facilitator.id !== lead.id) await tx.insert(pilotTeam).values({ pilotId: row.id, userId: facilitator.id })
    await tx
      .insert(milestones)
      .values(p.milestones.map((m) => ({ pilotId: row.id, title: m.title, weight: m.weight, dueDate: dayFrom(now, m.due), completedAt: m.doneAt === undefined ? null : at(now, m.doneAt) })))
    for (const k of p.kpis) {
      // Declared ranges: nothing here can be negative, and a percentage stops at 100.
      const [kpi] = await tx
        .insert(kpis)
        .values({ pilotId: row.id, name: k.name, unit: k.unit, baseline: k.baseline, target: k.target, minValue: '0', maxValue: k.unit === '%' ? '100' : null })
        .returning()
      if (k.measurements.length) {
        await tx.insert(kpiMeasurements).values(k.measurements.map((m) => ({ kpiId: kpi.id, measuredOn: dayFrom(now, m.on), value: m.value, note: m.note ?? '', recordedBy: lead.id })))
      }
    }
    await tx.insert(pilotUpdates).values(p.updates.map((u) => ({ pilotId: row.id, authorId: lead.id, body: u.body, progress: u.progress ?? null, createdAt: at(now, u.at) })))
    const followers = [lead.id, ...(facilitator ? [facilitator.id] : []), ...(citizen ? [citizen.id] : [])]
    await tx
      .insert(follows)
      .values(followers.map((userId) => ({ userId, targetType: 'pilot' as const, targetId: row.id })))
      .onConflictDoNothing()
    if (citizen && n === 0) {
      await tx.insert(comments).values({
        targetType: 'pilot',
        targetId: row.id,
        authorId: citizen.id,
        body: 'Agendé mi cita por WhatsApp y me atendieron a la hora. ¿Cuándo llega a las sedes de los departamentos?',
        createdAt: at(now, -8),
      })
    }
    await recordAudit(tx, { actorId: facilitator?.id ?? null, action: 'pilot.create', entityType: 'pilot', entityId: row.id, after: { title: row.title, status: row.status, ideaIds, demo: true } })
  }
  return created
}
