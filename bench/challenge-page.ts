import { randomBytes } from 'node:crypto'
import { type Db } from '#db/client.ts'
import { startAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { challenges, comments, ideaAuthors, ideas, institutions, users } from '#db/schema.ts'

/**
 * A challenge in voting with 200 ideas and 2,000 comments (10 per idea), its ideas authored
 * by 50 people: the heaviest public page a lab of this size produces. Returns its path.
 */
export async function seedBigChallenge(db: Db) {
  const [institution] = await db.select().from(institutions).limit(1)
  const people = await db
    .insert(users)
    .values(Array.from({ length: 50 }, (_, i) => ({ email: `bench${i}.${randomBytes(3).toString('hex')}@ejemplo.gt`, name: `Participante ${i + 1}`, passwordHash: 'x' })))
    .returning({ id: users.id })
  const [challenge] = await db
    .insert(challenges)
    .values({
      slug: `reto-grande-${randomBytes(3).toString('hex')}`,
      title: '¿Cómo podríamos mejorar la atención en las ventanillas municipales?',
      problem: 'Las personas esperan demasiado.\n\n- Filas largas\n- Requisitos poco claros\n- Horarios cortos',
      institutionId: institution.id,
      phase: 'voting',
      votingMethod: 'dots',
      votingBudget: 5,
      votingMaxPerIdea: 3,
    })
    .returning()
  const rows = await db
    .insert(ideas)
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        challengeId: challenge.id,
        title: `Idea ${i + 1}: ventanilla única con cita previa y seguimiento por SMS`,
        description: 'Una descripción de tamaño realista '.repeat(8),
        createdBy: people[i % people.length].id,
        voteTotal: 0,
      })),
    )
    .returning({ id: ideas.id, createdBy: ideas.createdBy })
  await db.insert(ideaAuthors).values(rows.map((r) => ({ ideaId: r.id, userId: r.createdBy, acceptedAt: new Date() })))
  for (let chunk = 0; chunk < rows.length; chunk += 50) {
    await db.insert(comments).values(
      rows.slice(chunk, chunk + 50).flatMap((r, i) =>
        Array.from({ length: 10 }, (_, k) => ({ targetType: 'idea' as const, targetId: r.id, authorId: people[(i + k) % people.length].id, body: `Comentario ${k + 1} sobre esta idea.` })),
      ),
    )
  }
  return `/retos/${challenge.slug}`
}

/** A signed-in reader for the benchmark (the session goes straight into the database). */
export async function benchSession(db: Db) {
  const [user] = await db.insert(users).values({ email: `lectora.${randomBytes(3).toString('hex')}@ejemplo.gt`, name: 'Lectora', passwordHash: 'x' }).returning()
  return startAuthSession(user.id)
}
