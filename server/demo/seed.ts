import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { hashPassword } from '#app/services/accounts/passwords.server.ts'
import { recordAudit } from '#app/services/platform/audit.server.ts'
import { type Db } from '../../db/client.ts'
import { seedDemoChallenges } from './seed-challenges.ts'
import { seedDemoEvaluation } from './seed-evaluation.ts'
import { seedDemoPilots } from './seed-pilots.ts'
import { seedDemoSessions } from './seed-sessions.ts'
import { appMeta, institutions, users, type Role } from '../../db/schema.ts'

export const demoInstitutions = [
  {
    slug: 'inap',
    acronym: 'INAP',
    name: 'Instituto Nacional de Administración Pública',
    description: 'Forma y capacita a las servidoras y los servidores públicos y acompaña la modernización de la administración pública.',
    website: 'https://www.inap.gob.gt',
  },
  {
    slug: 'onsec',
    acronym: 'ONSEC',
    name: 'Oficina Nacional de Servicio Civil',
    description: 'Rige la gestión del recurso humano del Organismo Ejecutivo: convocatorias, nombramientos y carrera administrativa.',
    website: 'https://www.onsec.gob.gt',
  },
  {
    slug: 'senacyt',
    acronym: 'SENACYT',
    name: 'Secretaría Nacional de Ciencia y Tecnología',
    description: 'Coordina el Sistema Nacional de Ciencia y Tecnología y promueve la innovación en el país.',
    website: 'https://www.senacyt.gob.gt',
  },
  {
    slug: 'gae',
    acronym: 'GAE',
    name: 'Comisión Presidencial de Gobierno Abierto y Electrónico',
    description: 'Impulsa los planes de acción nacionales de Gobierno Abierto y la transformación digital del Estado.',
    website: 'https://www.gobiernoabierto.gob.gt',
  },
  {
    slug: 'minfin',
    acronym: 'MINFIN',
    name: 'Ministerio de Finanzas Públicas',
    description: 'Administra las finanzas del Estado y el sistema de compras públicas Guatecompras.',
    website: 'https://www.minfin.gob.gt',
  },
] as const

const demoUsers: { email: string; name: string; role: Role; institution?: string }[] = [
  { email: 'admin@demo.cocrea.gt', name: 'Andrea Xiloj', role: 'admin' },
  { email: 'facilitadora@demo.cocrea.gt', name: 'María José Cabrera', role: 'facilitator' },
  { email: 'funcionario@demo.cocrea.gt', name: 'Carlos Pop Caal', role: 'official', institution: 'minfin' },
  { email: 'ciudadana@demo.cocrea.gt', name: 'Lucía Tzoc', role: 'citizen' },
]

export type DemoCredentials = { email: string; password: string; role: Role }[]

/**
 * Loads the demo data once per database: the marker row in app_meta is inserted in the
 * same transaction, so a second start (or a second instance starting at the same time)
 * adds nothing. Returns the generated credentials when it loaded them, otherwise null.
 */
export async function seedDemoData(db: Db): Promise<DemoCredentials | null> {
  const [already] = await db.select({ key: appMeta.key }).from(appMeta).where(sql`${appMeta.key} = 'demo_seed'`)
  if (already) return null
  const credentials = demoUsers.map((u) => ({ email: u.email, role: u.role, password: randomBytes(9).toString('base64url') }))
  const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)))
  return db.transaction(async (tx) => {
    const marker = await tx
      .insert(appMeta)
      .values({ key: 'demo_seed', value: { at: new Date().toISOString() } })
      .onConflictDoNothing()
      .returning()
    if (marker.length === 0) return null
    const insertedInstitutions = await tx.insert(institutions).values([...demoInstitutions]).onConflictDoNothing().returning()
    // Look institutions up by slug among all rows: one may have been created by hand before the demo data.
    const bySlug = new Map((await tx.select({ id: institutions.id, slug: institutions.slug }).from(institutions)).map((i) => [i.slug, i.id]))
    for (const institution of insertedInstitutions) {
      await recordAudit(tx, { actorId: null, action: 'institution.create', entityType: 'institution', entityId: institution.id, after: institution })
    }
    const inserted = await tx
      .insert(users)
      .values(
        demoUsers.map((u, i) => ({
          email: u.email,
          name: u.name,
          role: u.role,
          passwordHash: hashes[i],
          institutionId: u.institution ? (bySlug.get(u.institution) ?? null) : null,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email, role: users.role })
    for (const user of inserted) {
      await recordAudit(tx, { actorId: null, action: 'user.create', entityType: 'user', entityId: user.id, after: { email: user.email, role: user.role, demo: true } })
    }
    await seedDemoChallenges(tx)
    // A fifth challenge in piloting: published criteria, jury scores, the selection, and two pilots of it.
    await seedDemoPilots(tx, await seedDemoEvaluation(tx))
    await seedDemoSessions(tx)
    const created = new Set(inserted.map((u) => u.email))
    return credentials.filter((c) => created.has(c.email))
  })
}

/** Whether the users table is empty (a brand-new database). */
export async function isEmptyDatabase(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users)
  return row.n === 0
}
