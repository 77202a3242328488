import { and, asc, desc, eq, inArray, isNotNull, isNull, like, or } from 'drizzle-orm'
import { isMunicipalityOf } from '#app/data/guatemala.ts'
import { getDb } from '#db/client.ts'
import {
  challenges,
  follows,
  ideaAuthors,
  ideas,
  institutions,
  pilotIdeas,
  pilots,
  pilotTeam,
  users,
} from '#db/schema.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { slugify } from '../accounts/institutions.server.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { type PilotInput } from './pilot-schemas.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { type Actor, type Tx } from '../platform/types.ts'
import { getPilotRecord, pilotLink, type PilotRecord } from './pilots.server.ts'

/** Words that are pages under /pilotos/, never a pilot's slug. */
const RESERVED_SLUGS = new Set(['nuevo', 'adjuntos'])
const validationFailed = (fields: Record<string, string[]>) => new DomainError('validation', 'errors.validation', { fields })

/** A slug from the title, unique and never a reserved word: "mi-piloto", then "mi-piloto-2"… */
async function freeSlug(tx: Tx, title: string) {
  const base = slugify(title) || 'piloto'
  const taken = new Set((await tx.select({ slug: pilots.slug }).from(pilots).where(or(eq(pilots.slug, base), like(pilots.slug, `${base}-%`)))).map((r) => r.slug))
  for (const r of RESERVED_SLUGS) taken.add(r)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

const REPORTER_ROLES = ['official', 'facilitator', 'admin'] as const

/** The choices of the new-pilot form: the challenge's selected ideas, institutions, and the people who can lead or join. */
export async function pilotFormOptions(challengeIdOrSlug: string | null) {
  const db = getDb()
  const [challengeRows, institutionRows, people] = await Promise.all([
    db
      .selectDistinct({ id: challenges.id, slug: challenges.slug, title: challenges.title, institutionId: challenges.institutionId, department: challenges.department, municipality: challenges.municipality })
      .from(challenges)
      .innerJoin(ideas, eq(ideas.challengeId, challenges.id))
      .where(eq(ideas.status, 'selected'))
      .orderBy(asc(challenges.title)),
    db.select({ id: institutions.id, acronym: institutions.acronym, name: institutions.name }).from(institutions).orderBy(asc(institutions.acronym)),
    db
      .select({ id: users.id, name: users.name, role: users.role, institutionAcronym: institutions.acronym })
      .from(users)
      .leftJoin(institutions, eq(users.institutionId, institutions.id))
      .where(and(inArray(users.role, [...REPORTER_ROLES]), isNull(users.blockedAt)))
      .orderBy(asc(users.name)),
  ])
  const challenge = challengeIdOrSlug ? (challengeRows.find((c) => c.id === challengeIdOrSlug || c.slug === challengeIdOrSlug) ?? null) : null
  const selectedIdeas = challenge
    ? await db
        .select({ id: ideas.id, title: ideas.title, votes: ideas.voteTotal })
        .from(ideas)
        .where(and(eq(ideas.challengeId, challenge.id), eq(ideas.status, 'selected')))
        .orderBy(desc(ideas.voteTotal), asc(ideas.title))
    : []
  return { challenges: challengeRows, challenge, selectedIdeas, institutions: institutionRows, people }
}

/**
 * A facilitator turns one selected idea (or several, merged) of a challenge into a pilot with a
 * responsible institution, a lead official and a team. The idea authors are told.
 */
export async function createPilot(actor: Actor, input: PilotInput): Promise<PilotRecord> {
  const user = requirePermission(actor, 'create:pilot')
  if (input.municipality && (!input.department || !isMunicipalityOf(input.department, input.municipality))) throw validationFailed({ municipality: ['pilots.validation.municipality'] })
  const created = await getDb().transaction(async (tx) => {
    const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, input.challengeId))
    if (!challenge) throw validationFailed({ challengeId: ['pilots.validation.challenge'] })
    const chosen = await tx
      .select({ id: ideas.id, status: ideas.status, title: ideas.title })
      .from(ideas)
      .where(and(inArray(ideas.id, input.ideaIds), eq(ideas.challengeId, challenge.id)))
    if (chosen.length !== input.ideaIds.length || chosen.some((i) => i.status !== 'selected')) throw validationFailed({ ideaIds: ['pilots.validation.ideasSelected'] })
    const [institution] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, input.institutionId))
    if (!institution) throw validationFailed({ institutionId: ['validation.institution'] })
    const people = await tx
      .select({ id: users.id, role: users.role, blockedAt: users.blockedAt })
      .from(users)
      .where(inArray(users.id, [input.leadId, ...input.teamIds]))
    const reporter = (id: string) => people.some((p) => p.id === id && (REPORTER_ROLES as readonly string[]).includes(p.role) && !p.blockedAt)
    if (!reporter(input.leadId)) throw validationFailed({ leadId: ['pilots.validation.lead'] })
    const team = input.teamIds.filter((id) => id !== input.leadId)
    if (!team.every(reporter)) throw validationFailed({ teamIds: ['pilots.validation.team'] })
    const slug = await freeSlug(tx, input.title)
    const [row] = await tx
      .insert(pilots)
      .values({
        slug,
        challengeId: challenge.id,
        title: input.title,
        summary: input.summary,
        institutionId: input.institutionId,
        leadId: input.leadId,
        department: input.department,
        municipality: input.municipality,
        startDate: input.startDate,
        endDate: input.endDate,
        budgetGtq: input.budgetGtq.toFixed(2),
        createdBy: user.id,
      })
      .returning()
    await tx.insert(pilotIdeas).values(input.ideaIds.map((ideaId) => ({ pilotId: row.id, ideaId })))
    if (team.length) await tx.insert(pilotTeam).values(team.map((userId) => ({ pilotId: row.id, userId })))
    // The lead and the team follow their pilot, so they hear of comments and missed milestones.
    await tx
      .insert(follows)
      .values([input.leadId, ...team].map((userId) => ({ userId, targetType: 'pilot' as const, targetId: row.id })))
      .onConflictDoNothing()
    await recordAudit(tx, { actorId: user.id, action: 'pilot.create', entityType: 'pilot', entityId: row.id, after: { ...row, ideaIds: input.ideaIds, teamIds: team } })
    return { row, ideaTitles: chosen.map((i) => i.title) }
  })
  const [coauthors, creators] = await Promise.all([
    getDb()
      .select({ userId: ideaAuthors.userId })
      .from(ideaAuthors)
      .where(and(inArray(ideaAuthors.ideaId, input.ideaIds), isNotNull(ideaAuthors.acceptedAt))),
    getDb().select({ userId: ideas.createdBy }).from(ideas).where(inArray(ideas.id, input.ideaIds)),
  ])
  const payload = { title: created.row.title }
  const link = pilotLink(created.row.slug)
  const others = (ids: string[]) => ids.filter((id) => id !== user.id)
  await notifyUsers(others([...creators, ...coauthors].map((a) => a.userId)), { kind: 'pilot.created', payload, link })
  // The people who will report on it learn that it is theirs now.
  await notifyUsers(others([input.leadId]), { kind: 'pilot.lead', payload, link })
  await notifyUsers(others(input.teamIds.filter((id) => id !== input.leadId)), { kind: 'pilot.team', payload, link })
  return getPilotRecord(created.row.id)
}

// ——— Missed milestones (run by the server's clock) ———
