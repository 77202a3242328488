import { randomBytes } from 'node:crypto'
import { type Db } from '#db/client.ts'
import { challenges, ideaAuthors, ideas, institutions, users, type Phase } from '#db/schema.ts'
import { hashPassword } from '#app/services/accounts/passwords.server.ts'

const suffix = () => randomBytes(4).toString('hex')

/** Rows inserted straight into the test database, for tests that need a scene rather than the flow that builds it. */
export async function insertInstitution(db: Db, acronym = `INST${suffix()}`) {
  const [row] = await db.insert(institutions).values({ slug: acronym.toLowerCase(), acronym, name: `Institución ${acronym}` }).returning()
  return row
}

export async function insertUser(db: Db, { role = 'citizen', name = 'Persona de Prueba' }: { role?: 'citizen' | 'facilitator' | 'official' | 'admin'; name?: string } = {}) {
  const [row] = await db
    .insert(users)
    .values({ email: `fixture.${suffix()}@ejemplo.gt`, name, role, passwordHash: await hashPassword('una-clave-larga') })
    .returning()
  return row
}

export async function insertChallenge(db: Db, values: { title: string; problem?: string; phase?: Phase; institutionId: string; votingMethod?: 'support' | 'dots'; votingBudget?: number; votingMaxPerIdea?: number }) {
  const [row] = await db
    .insert(challenges)
    .values({ problem: 'Descripción del problema.', phase: 'open', ...values, slug: `reto-${suffix()}` })
    .returning()
  return row
}

export async function insertIdea(db: Db, values: { challengeId: string; createdBy: string; title: string; description?: string; status?: 'published' | 'hidden' | 'shortlisted' | 'merged' }) {
  const [row] = await db
    .insert(ideas)
    .values({ description: 'Descripción de la idea.', ...values })
    .returning()
  await db.insert(ideaAuthors).values({ ideaId: row.id, userId: values.createdBy, acceptedAt: new Date() })
  return row
}
