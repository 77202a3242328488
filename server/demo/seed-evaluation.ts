import { randomBytes } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import { recordAudit } from '#app/services/platform/audit.server.ts'
import { hashPassword } from '#app/services/accounts/passwords.server.ts'
import { computeRanking } from '#app/services/evaluation/ranking.ts'
import { type Tx } from '#app/services/platform/types.ts'
import {
  challenges,
  evaluationCriteria,
  evaluations,
  follows,
  ideaAuthors,
  ideas,
  institutions,
  juryMembers,
  juryScores,
  selectionDecisions,
  users,
  voteBudgets,
  votes,
} from '../../db/schema.ts'

const day = 24 * 3600 * 1000
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * day)

const criteria = [
  { key: 'impacto', name: 'Impacto ciudadano', description: 'Cuántas personas se benefician y cuánto tiempo o dinero ahorran.', weight: 30 },
  { key: 'factibilidad', name: 'Factibilidad', description: 'Si la institución puede ponerla en marcha en un año con lo que tiene.', weight: 25 },
  { key: 'costo', name: 'Costo', description: 'Costo de implementación y operación frente al beneficio (más barato, mejor puntaje).', weight: 15 },
  { key: 'equidad', name: 'Equidad', description: 'Si llega a quienes hoy tienen más barreras: zonas rurales, idiomas mayas, personas mayores.', weight: 15 },
  { key: 'innovacion', name: 'Innovación', description: 'Si cambia la forma de prestar el servicio y no solo lo digitaliza.', weight: 15 },
] as const
type CriterionKey = (typeof criteria)[number]['key']

/** The jury: two officials and one member of civil society (given the role for this challenge only). */
const jurors = [
  { email: 'funcionario@demo.cocrea.gt', name: 'Carlos Pop Caal', role: 'official' as const, institution: 'minfin', affiliation: 'MINFIN — Dirección de Tecnologías de la Información' },
  { email: 'jurado.gae@demo.cocrea.gt', name: 'Ingrid Say Cux', role: 'official' as const, institution: 'gae', affiliation: 'Comisión de Gobierno Abierto y Electrónico' },
  { email: 'sociedad.civil@demo.cocrea.gt', name: 'Rodrigo Batres', role: 'citizen' as const, institution: null, affiliation: 'Sociedad civil — Red Ciudadana por la Transparencia' },
]

const level: Record<number, string> = {
  5: 'Muy sólida en este punto.',
  4: 'Sólida, con detalles por resolver.',
  3: 'Aceptable, pero faltan datos.',
  2: 'Débil en este punto.',
  1: 'No lo resuelve.',
}

type DemoIdea = {
  title: string
  description: string
  benefit: string
  author: number
  supporters: number[]
  /** Per juror (in the jury's order), the scores in the criteria's order. */
  scores: [number, number, number, number, number][]
  why: Record<CriterionKey, string>
  selected: boolean
  rationale: string
}

const demoIdeas: DemoIdea[] = [
  {
    title: 'Declaración mensual precargada para pequeños contribuyentes',
    description: 'La declaración del régimen de pequeño contribuyente llega llena con las facturas electrónicas del mes; la persona solo revisa y confirma desde el teléfono.',
    benefit: 'Declarar toma minutos y se evitan multas por errores de digitación.',
    author: 2,
    supporters: [0, 1, 2, 3, 4, 5, 6, 7],
    scores: [
      [5, 4, 4, 4, 4],
      [5, 5, 4, 3, 4],
      [4, 4, 4, 4, 3],
    ],
    why: {
      impacto: 'Beneficia a cientos de miles de pequeños contribuyentes cada mes.',
      factibilidad: 'Los datos de factura electrónica ya existen en la SAT.',
      costo: 'Reutiliza la plataforma actual; el costo principal es el diseño.',
      equidad: 'Ayuda a quien no tiene contador; faltaría atención en idiomas mayas.',
      innovacion: 'Invierte la carga: el Estado llena y la persona confirma.',
    },
    selected: true,
    rationale: 'Primer lugar de la clasificación; la SAT y el MINFIN confirmaron que los datos necesarios ya existen. Se pilotea en Quetzaltenango y Escuintla.',
  },
  {
    title: 'Agentes comunitarios de trámites en los mercados municipales',
    description: 'Personas capacitadas en los mercados municipales ayudan a declarar y pagar desde una tableta, en español y en el idioma de la comunidad.',
    benefit: 'Quien no tiene internet ni tiempo para ir a la agencia resuelve su trámite mientras vende.',
    author: 8,
    supporters: [2, 3, 8, 9, 1],
    scores: [
      [4, 3, 3, 5, 4],
      [4, 4, 3, 5, 5],
      [5, 3, 3, 5, 4],
    ],
    why: {
      impacto: 'Llega a comerciantes que hoy no declaran por falta de acceso.',
      factibilidad: 'Requiere convenios con las municipalidades y capacitación.',
      costo: 'Tabletas y estipendios: costo moderado que crece con la cobertura.',
      equidad: 'Atiende en idiomas mayas y en zonas rurales.',
      innovacion: 'Lleva el servicio a donde está la gente en lugar de esperarla.',
    },
    selected: true,
    rationale: 'Segundo lugar y la idea con mejor puntaje de equidad; se pilotea junto con la declaración precargada para llegar a quien no tiene teléfono inteligente.',
  },
  {
    title: 'Chatbot de consultas tributarias por WhatsApp',
    description: 'Un asistente en WhatsApp responde dudas frecuentes sobre el régimen, los plazos y las multas, y deriva a una persona cuando no sabe.',
    benefit: 'Menos llamadas y visitas para preguntas simples.',
    author: 5,
    supporters: [5, 6, 0],
    scores: [
      [3, 4, 4, 3, 3],
      [3, 4, 4, 2, 3],
      [3, 3, 4, 3, 2],
    ],
    why: {
      impacto: 'Resuelve dudas, pero no el trámite en sí.',
      factibilidad: 'Hay proveedores y la SAT ya tiene preguntas frecuentes.',
      costo: 'Costo bajo de implementación.',
      equidad: 'Requiere teléfono con datos; no cubre idiomas mayas al inicio.',
      innovacion: 'Canal conocido, contenido existente.',
    },
    selected: false,
    rationale: 'Útil pero de menor impacto; la SAT lo incorporará a su canal de atención sin necesidad de un piloto del laboratorio.',
  },
  {
    title: 'Calendario tributario con recordatorios por SMS',
    description: 'Un SMS avisa tres días antes de cada vencimiento, con el monto estimado y dónde pagar.',
    benefit: 'Menos multas por olvido.',
    author: 4,
    supporters: [4, 7],
    scores: [
      [3, 5, 5, 3, 2],
      [3, 5, 5, 3, 2],
      [2, 4, 5, 3, 2],
    ],
    why: {
      impacto: 'Evita multas, pero no simplifica la declaración.',
      factibilidad: 'Se puede hacer con el sistema de mensajes actual.',
      costo: 'Muy barato.',
      equidad: 'Llega a teléfonos básicos, solo en español.',
      innovacion: 'Un recordatorio, no un cambio del servicio.',
    },
    selected: false,
    rationale: 'Se incorpora como componente del piloto de declaración precargada (recordatorio del vencimiento), no como piloto aparte.',
  },
]

/**
 * A challenge in piloting with its published criteria, vote share, jury, shortlisted ideas with
 * votes, complete jury scores with rationales and the selection with its rationale — consistent with
 * the service rules (the selected ideas are the top of the ranking). Runs after seedDemoChallenges
 * (it uses the demo participants). Returns what the pilots' demo data builds on.
 */
export async function seedDemoEvaluation(tx: Tx): Promise<{ challengeId: string; selectedIdeaIds: string[] }> {
  const bySlug = new Map((await tx.select({ id: institutions.id, slug: institutions.slug }).from(institutions)).map((i) => [i.slug, i.id]))
  const [facilitator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'facilitadora@demo.cocrea.gt'))
  const facilitatorId = facilitator?.id ?? null

  const hash = await hashPassword(randomBytes(24).toString('base64url'))
  await tx
    .insert(users)
    .values(jurors.map((j) => ({ email: j.email, name: j.name, role: j.role, passwordHash: hash, institutionId: j.institution ? (bySlug.get(j.institution) ?? null) : null })))
    .onConflictDoNothing()
  const jurorRows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, jurors.map((j) => j.email)))
  const jurorIds = jurors.map((j) => jurorRows.find((r) => r.email === j.email)!.id)

  const participantEmails = Array.from({ length: 10 }, (_, i) => `participante${i + 1}@demo.cocrea.gt`)
  const participantRows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, participantEmails))
  const people = participantEmails.map((e) => participantRows.find((r) => r.email === e)!.id)

  const dates = { opensAt: at(-120), cocreationAt: at(-95), votingAt: at(-70), evaluationAt: at(-45), pilotingAt: at(-20) }
  const [challenge] = await tx
    .insert(challenges)
    .values({
      slug: 'declarar-impuestos-sin-complicaciones',
      title: '¿Cómo podríamos simplificar la declaración de impuestos de los pequeños negocios?',
      problem: `Más de la mitad de los pequeños contribuyentes declara tarde o con errores: el formulario pide datos que la SAT ya tiene, y muchas personas pagan a un tramitador o viajan a una agencia.

## Lo que sabemos
- Declarar el régimen de pequeño contribuyente toma en promedio **dos horas** al mes.
- Las multas por declarar tarde son la queja más frecuente en los mercados municipales.

## Lo que buscamos
Ideas que hagan la declaración más simple y que lleguen también a quien no tiene internet.`,
      institutionId: bySlug.get('minfin')!,
      serviceArea: 'economy',
      department: 'Quetzaltenango',
      sdgTargets: ['16.6', '8.3'],
      phase: 'piloting',
      ...dates,
      votingMethod: 'support',
      votingBudget: 1,
      votingMaxPerIdea: 1,
      createdBy: facilitatorId,
      createdAt: new Date(dates.opensAt.getTime() - 7 * day),
    })
    .returning()
  await recordAudit(tx, { actorId: facilitatorId, action: 'challenge.create', entityType: 'challenge', entityId: challenge.id, after: { title: challenge.title, phase: challenge.phase, demo: true } })

  // Ideas, votes (support: one per person and idea), the shortlist.
  const ideaIds: string[] = []
  const used = new Map<string, number>()
  for (const [index, d] of demoIdeas.entries()) {
    const [idea] = await tx
      .insert(ideas)
      .values({
        challengeId: challenge.id,
        title: d.title,
        description: d.description,
        expectedBenefit: d.benefit,
        status: 'shortlisted',
        createdBy: people[d.author],
        voteTotal: d.supporters.length,
        createdAt: new Date(dates.opensAt.getTime() + (index + 2) * day),
      })
      .returning()
    ideaIds.push(idea.id)
    await tx.insert(ideaAuthors).values({ ideaId: idea.id, userId: people[d.author], acceptedAt: idea.createdAt })
    await tx.insert(follows).values({ userId: people[d.author], targetType: 'idea', targetId: idea.id }).onConflictDoNothing()
    await tx.insert(votes).values(d.supporters.map((p) => ({ ideaId: idea.id, challengeId: challenge.id, userId: people[p], count: 1 })))
    for (const p of d.supporters) used.set(people[p], (used.get(people[p]) ?? 0) + 1)
  }
  await tx.insert(voteBudgets).values([...used].map(([userId, n]) => ({ challengeId: challenge.id, userId, budget: 1_000_000, used: n })))

  // Criteria, published before the evaluation opened.
  const publishedAt = new Date(dates.evaluationAt.getTime() - 2 * day)
  await tx.insert(evaluations).values({ challengeId: challenge.id, voteShare: 20, publishedAt, updatedAt: publishedAt })
  const criterionRows = await tx
    .insert(evaluationCriteria)
    .values(criteria.map((c, position) => ({ challengeId: challenge.id, name: c.name, description: c.description, weight: c.weight, position })))
    .returning()
  const criterionId = (key: CriterionKey) => criterionRows[criteria.findIndex((c) => c.key === key)].id
  await recordAudit(tx, {
    actorId: facilitatorId,
    action: 'evaluation.publish',
    entityType: 'challenge',
    entityId: challenge.id,
    after: { voteShare: 20, criteria: criterionRows.map(({ id, name, description, weight }) => ({ id, name, description, weight })), publishedAt: publishedAt.toISOString(), demo: true },
  })

  // The jury and its scores.
  await tx.insert(juryMembers).values(jurors.map((j, i) => ({ challengeId: challenge.id, userId: jurorIds[i], affiliation: j.affiliation, addedBy: facilitatorId })))
  const scoreRows: (typeof juryScores.$inferInsert)[] = []
  for (const [i, d] of demoIdeas.entries()) {
    for (const [j, jurorScores] of d.scores.entries()) {
      const scoredAt = new Date(dates.evaluationAt.getTime() + (2 + i + j) * day)
      criteria.forEach((c, k) => {
        const score = jurorScores[k]
        scoreRows.push({ challengeId: challenge.id, ideaId: ideaIds[i], jurorId: jurorIds[j], criterionId: criterionId(c.key), score, rationale: `${d.why[c.key]} ${level[score]}`, createdAt: scoredAt, updatedAt: scoredAt })
      })
    }
  }
  await tx.insert(juryScores).values(scoreRows)

  // The selection: the same arithmetic as the service, recorded with its rationale per idea.
  const selectedAt = new Date(dates.pilotingAt.getTime() - day)
  const ranking = computeRanking({
    criteria: criterionRows.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
    voteShare: 20,
    ideas: demoIdeas.map((d, i) => ({ id: ideaIds[i], title: d.title, votes: d.supporters.length })),
    scores: scoreRows.map((s) => ({ ideaId: s.ideaId, jurorId: s.jurorId, criterionId: s.criterionId, score: s.score })),
    expectedJurors: Object.fromEntries(ideaIds.map((id) => [id, jurorIds])),
  })
  for (const [i, d] of demoIdeas.entries()) {
    const status = d.selected ? 'selected' : 'not_selected'
    await tx.insert(selectionDecisions).values({ ideaId: ideaIds[i], challengeId: challenge.id, selected: d.selected, rationale: d.rationale, decidedBy: facilitatorId, createdAt: selectedAt })
    await tx.update(ideas).set({ status, statusReason: d.rationale, updatedAt: selectedAt }).where(eq(ideas.id, ideaIds[i]))
    await recordAudit(tx, { actorId: facilitatorId, action: 'idea.status', entityType: 'idea', entityId: ideaIds[i], before: { status: 'shortlisted', statusReason: null }, after: { status, statusReason: d.rationale } })
  }
  await tx.update(evaluations).set({ selectedAt, updatedAt: selectedAt }).where(eq(evaluations.challengeId, challenge.id))
  await recordAudit(tx, {
    actorId: facilitatorId,
    action: 'evaluation.select',
    entityType: 'challenge',
    entityId: challenge.id,
    after: {
      decisions: demoIdeas.map((d, i) => ({ ideaId: ideaIds[i], selected: d.selected, rationale: d.rationale })),
      ranking: ranking.map((r) => ({ ideaId: r.ideaId, rank: r.rank, juryScore: r.juryScore, voteScore: r.voteScore, finalScore: r.finalScore })),
      demo: true,
    },
  })
  return { challengeId: challenge.id, selectedIdeaIds: ideaIds.filter((_, i) => demoIdeas[i].selected) }
}
