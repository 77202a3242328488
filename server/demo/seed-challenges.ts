import { randomBytes } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import { recordAudit } from '#app/services/platform/audit.server.ts'
import { hashPassword } from '#app/services/accounts/passwords.server.ts'
import { type Tx } from '#app/services/platform/types.ts'
import { challenges, comments, follows, ideaAuthors, ideas, institutions, users, voteBudgets, votes, type Phase, type ServiceArea } from '../../db/schema.ts'

const day = 24 * 3600 * 1000
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * day)

/** People who take part in the demo challenges; they have random passwords nobody knows (they only author and vote). */
const citizens = [
  'Ana Lucía Morales',
  'José Xicará',
  'Rosa Coyoy',
  'Fernando Ixcot',
  'Marta Chen',
  'Diego Tum',
  'Sofía Batz',
  'Luis Alvarado',
  'Carmen Ajanel',
  'Julio Son',
]

type DemoIdea = { title: string; description: string; benefit: string; author: number; status?: 'published' | 'shortlisted'; supporters?: number[]; comments?: { by: number; body: string; replies?: { by: number; body: string }[] }[] }
type DemoChallenge = {
  slug: string
  title: string
  problem: string
  institution: string
  serviceArea: ServiceArea
  department: string
  municipality?: string
  sdgTargets: string[]
  phase: Phase
  dates: Partial<Record<'opensAt' | 'cocreationAt' | 'votingAt' | 'evaluationAt' | 'pilotingAt' | 'closesAt', Date>>
  voting: { method: 'support' | 'dots'; budget: number; max: number }
  ideas: DemoIdea[]
}

export const demoChallenges: DemoChallenge[] = [
  {
    slug: 'renovar-el-dpi-sin-filas',
    title: '¿Cómo podríamos reducir el tiempo de espera para renovar el DPI?',
    problem: `Renovar el **Documento Personal de Identificación (DPI)** puede tomar una mañana entera: las personas hacen fila antes de que abran las sedes del RENAP, y muchas regresan otro día porque les falta un requisito.

## Lo que sabemos
- En las sedes con más demanda la espera supera las **tres horas** en días de quincena.
- Una de cada cinco visitas termina sin trámite por requisitos incompletos.
- Las personas de municipios rurales viajan hasta la cabecera departamental.

## Lo que buscamos
Ideas que reduzcan la espera y los viajes sin comprometer la seguridad de la identificación.`,
    institution: 'renap',
    serviceArea: 'identity',
    department: 'Guatemala',
    municipality: 'Guatemala',
    sdgTargets: ['16.9', '16.6'],
    phase: 'voting',
    dates: { opensAt: at(-40), cocreationAt: at(-20), votingAt: at(-3), evaluationAt: at(10) },
    voting: { method: 'support', budget: 1, max: 1 },
    ideas: [
      {
        title: 'Citas en línea con recordatorio por SMS',
        description: 'Una agenda en línea para elegir sede y hora, con un SMS el día anterior que recuerda los requisitos.',
        benefit: 'Menos filas y menos visitas perdidas por requisitos olvidados.',
        author: 0,
        supporters: [0, 1, 2, 3, 4, 5, 6],
        comments: [
          { by: 3, body: 'En mi aldea no todos tienen internet; ¿se podría agendar también por teléfono?', replies: [{ by: 0, body: 'Sí: un número gratuito con la misma agenda. Lo agrego a la idea.' }] },
          { by: 8, body: 'El recordatorio de requisitos es lo que más ayudaría.' },
        ],
      },
      {
        title: 'Lista de requisitos verificada antes de llegar',
        description: 'Un chat que revisa los documentos con una foto y confirma si están completos antes de la cita.',
        benefit: 'Una de cada cinco visitas dejaría de perderse.',
        author: 1,
        supporters: [1, 2, 7, 9],
      },
      {
        title: 'Sedes móviles los fines de semana',
        description: 'Unidades móviles del RENAP que visitan mercados municipales los sábados, con cita previa.',
        benefit: 'Acerca el trámite a quienes viven lejos de la cabecera.',
        author: 2,
        supporters: [3, 4, 8],
        comments: [{ by: 5, body: 'En Quiché funcionó algo parecido para la inscripción de nacimientos.' }],
      },
      {
        title: 'Turnos visibles en tiempo real',
        description: 'Una página que muestra cuántas personas esperan en cada sede y el tiempo estimado.',
        benefit: 'Las personas eligen la sede con menos espera.',
        author: 6,
        supporters: [6],
      },
    ],
  },
  {
    slug: 'compras-municipales-en-guatecompras',
    title: '¿Cómo podríamos facilitar que las municipalidades pequeñas compren por Guatecompras?',
    problem: `Las municipalidades con poco personal tienen dificultades para publicar a tiempo sus procesos en **Guatecompras**: los formularios son largos, la conexión falla y el personal rota con cada administración.

Queremos ideas que hagan las compras públicas municipales más sencillas, transparentes y a tiempo.`,
    institution: 'minfin',
    serviceArea: 'economy',
    department: 'Huehuetenango',
    sdgTargets: ['16.6', '12.7'],
    phase: 'open',
    dates: { opensAt: at(-10), cocreationAt: at(20), votingAt: at(35), evaluationAt: at(45) },
    voting: { method: 'dots', budget: 5, max: 3 },
    ideas: [
      {
        title: 'Plantillas de bases de licitación por tipo de compra',
        description: 'Modelos de bases y especificaciones para las compras más comunes (medicinas, materiales de construcción, combustible).',
        benefit: 'Menos errores y procesos publicados en días, no semanas.',
        author: 4,
        comments: [{ by: 9, body: '¿Las plantillas las mantendría la Dirección General de Adquisiciones del Estado?' }],
      },
      {
        title: 'Mesa de ayuda por WhatsApp para personal municipal',
        description: 'Un canal atendido por especialistas del MINFIN que responde dudas de publicación en el día.',
        benefit: 'El personal nuevo aprende en el trabajo sin viajar a la capital.',
        author: 7,
      },
      {
        title: 'Modo sin conexión para preparar los procesos',
        description: 'Preparar el expediente sin internet y publicarlo cuando haya conexión.',
        benefit: 'Las cortes de conexión dejan de retrasar las compras.',
        author: 5,
      },
    ],
  },
  {
    slug: 'convocatorias-del-servicio-civil',
    title: '¿Cómo podríamos hacer más accesibles las convocatorias del servicio civil?',
    problem: `Las plazas del Organismo Ejecutivo se anuncian en el sistema de la **ONSEC**, pero muchas personas calificadas no se enteran o no completan la postulación: el proceso exige papeles físicos y visitas presenciales.

Buscamos ideas para que más personas, en todo el país, puedan postular a un empleo público en igualdad de condiciones.`,
    institution: 'onsec',
    serviceArea: 'economy',
    department: 'Quetzaltenango',
    sdgTargets: ['16.7', '8.5', '5.5'],
    phase: 'cocreation',
    dates: { opensAt: at(-30), cocreationAt: at(-5), votingAt: at(15), evaluationAt: at(30) },
    voting: { method: 'dots', budget: 3, max: 2 },
    ideas: [
      {
        title: 'Postulación en línea con expediente único',
        description: 'Un perfil donde la persona sube una vez sus títulos y constancias y postula a varias plazas.',
        benefit: 'Menos papeles y menos viajes para cada postulación.',
        author: 8,
        status: 'shortlisted',
        comments: [{ by: 2, body: 'Sería bueno que las constancias se verifiquen directamente con las universidades.' }],
      },
      {
        title: 'Alertas de plazas por municipio y profesión',
        description: 'Suscribirse por correo o SMS a las convocatorias de su municipio y área de estudio.',
        benefit: 'Las plazas llegan a quienes pueden ocuparlas.',
        author: 9,
      },
    ],
  },
  {
    slug: 'archivos-del-organismo-ejecutivo',
    title: '¿Cómo podríamos ordenar y abrir los archivos del Organismo Ejecutivo?',
    problem: `Los archivos de las dependencias del Ejecutivo están dispersos, sin inventario común y en riesgo por humedad y falta de espacio. Eso dificulta responder solicitudes de **acceso a la información pública** y conservar la memoria institucional.

Buscamos ideas para inventariar, conservar y publicar lo que puede ser público.`,
    institution: 'gae',
    serviceArea: 'digital',
    department: 'Guatemala',
    sdgTargets: ['16.10', '16.6'],
    phase: 'evaluation',
    dates: { opensAt: at(-90), cocreationAt: at(-60), votingAt: at(-30), evaluationAt: at(-7), pilotingAt: at(30) },
    voting: { method: 'support', budget: 1, max: 1 },
    ideas: [
      {
        title: 'Inventario común con una norma sencilla de clasificación',
        description: 'Una guía corta y una hoja de cálculo común para que cada dependencia inventaríe sus archivos en tres meses.',
        benefit: 'Saber qué hay y dónde, como primer paso para todo lo demás.',
        author: 3,
        status: 'shortlisted',
        supporters: [0, 3, 5, 6, 9],
      },
      {
        title: 'Digitalización priorizada por solicitudes de información',
        description: 'Digitalizar primero los expedientes que más se piden en solicitudes de acceso a la información.',
        benefit: 'Respuestas más rápidas a la ciudadanía con el mismo presupuesto.',
        author: 1,
        status: 'shortlisted',
        supporters: [1, 2, 4, 7],
      },
      {
        title: 'Voluntariado universitario de archivística',
        description: 'Prácticas supervisadas de estudiantes de historia y bibliotecología en las dependencias.',
        benefit: 'Más manos para el inventario y formación para quienes estudian.',
        author: 5,
        supporters: [8],
      },
    ],
  },
]

/** The demo challenges, ideas, comments and votes (issue 3), consistent with the service rules: tallies equal the votes. */
export async function seedDemoChallenges(tx: Tx) {
  const [renap] = await tx
    .insert(institutions)
    .values({ slug: 'renap', acronym: 'RENAP', name: 'Registro Nacional de las Personas', description: 'Registra la identidad de las personas y emite el DPI.', website: 'https://www.renap.gob.gt' })
    .onConflictDoNothing()
    .returning()
  if (renap) await recordAudit(tx, { actorId: null, action: 'institution.create', entityType: 'institution', entityId: renap.id, after: renap })
  const bySlug = new Map((await tx.select({ id: institutions.id, slug: institutions.slug }).from(institutions)).map((i) => [i.slug, i.id]))
  const [facilitator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'facilitadora@demo.cocrea.gt'))

  const hash = await hashPassword(randomBytes(24).toString('base64url'))
  const people = await tx
    .insert(users)
    .values(citizens.map((name, i) => ({ name, email: `participante${i + 1}@demo.cocrea.gt`, passwordHash: hash, role: 'citizen' as const })))
    .onConflictDoNothing()
    .returning({ id: users.id })
  if (people.length !== citizens.length) {
    const emails = citizens.map((_, i) => `participante${i + 1}@demo.cocrea.gt`)
    people.splice(0, people.length, ...(await tx.select({ id: users.id }).from(users).where(inArray(users.email, emails))))
  }

  for (const c of demoChallenges) {
    const [challenge] = await tx
      .insert(challenges)
      .values({
        slug: c.slug,
        title: c.title,
        problem: c.problem,
        institutionId: bySlug.get(c.institution)!,
        serviceArea: c.serviceArea,
        department: c.department,
        municipality: c.municipality ?? null,
        sdgTargets: c.sdgTargets,
        phase: c.phase,
        ...c.dates,
        votingMethod: c.voting.method,
        votingBudget: c.voting.budget,
        votingMaxPerIdea: c.voting.max,
        createdBy: facilitator?.id ?? null,
        // Drafted a week before it opened, so the timeline reads in order.
        createdAt: new Date((c.dates.opensAt ?? at(-7)).getTime() - 7 * day),
      })
      .onConflictDoNothing()
      .returning()
    if (!challenge) continue
    await recordAudit(tx, { actorId: facilitator?.id ?? null, action: 'challenge.create', entityType: 'challenge', entityId: challenge.id, after: { title: c.title, phase: c.phase, demo: true } })
    const used = new Map<string, number>()
    for (const [index, d] of c.ideas.entries()) {
      const authorId = people[d.author].id
      // Ideas arrive over the first days after the challenge opened; comments follow them.
      const ideaAt = new Date((c.dates.opensAt ?? at(-7)).getTime() + (index + 1) * day)
      const supporters = d.supporters ?? []
      const [idea] = await tx
        .insert(ideas)
        .values({ challengeId: challenge.id, title: d.title, description: d.description, expectedBenefit: d.benefit, status: d.status ?? 'published', createdBy: authorId, voteTotal: supporters.length, createdAt: ideaAt })
        .returning()
      await tx.insert(ideaAuthors).values({ ideaId: idea.id, userId: authorId, acceptedAt: new Date() })
      await tx.insert(follows).values({ userId: authorId, targetType: 'idea', targetId: idea.id }).onConflictDoNothing()
      if (supporters.length) {
        await tx.insert(votes).values(supporters.map((p) => ({ ideaId: idea.id, challengeId: challenge.id, userId: people[p].id, count: 1 })))
        for (const p of supporters) used.set(people[p].id, (used.get(people[p].id) ?? 0) + 1)
      }
      for (const [k, comment] of (d.comments ?? []).entries()) {
        const commentAt = new Date(ideaAt.getTime() + (k + 1) * 5 * 3600 * 1000)
        const [top] = await tx.insert(comments).values({ targetType: 'idea', targetId: idea.id, authorId: people[comment.by].id, body: comment.body, createdAt: commentAt }).returning()
        for (const reply of comment.replies ?? []) {
          const replyAt = new Date(commentAt.getTime() + 2 * 3600 * 1000)
          await tx.insert(comments).values({ targetType: 'idea', targetId: idea.id, parentId: top.id, authorId: people[reply.by].id, body: reply.body, createdAt: replyAt })
        }
      }
    }
    // Support voting has no real budget: the row still serialises a person's votes in the challenge.
    const budget = c.voting.method === 'support' ? 1_000_000 : c.voting.budget
    if (used.size) await tx.insert(voteBudgets).values([...used].map(([userId, n]) => ({ challengeId: challenge.id, userId, budget, used: n })))
  }
}
