import { and, eq, inArray } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { ideas, juryMembers, juryScores, users } from '#db/schema.ts'
import { getChallenge } from '../challenges/challenges.server.ts'
import { notifyUsers } from '../notifications/notifications.server.ts'
import { recordAudit } from '../platform/audit.server.ts'
import { DomainError } from '../platform/errors.ts'
import { requirePermission } from '../platform/permissions.server.ts'
import { isUuid } from '../platform/schemas.ts'
import { type Actor } from '../platform/types.ts'
import { type JuryInput } from './evaluation-schemas.ts'
import { invalid, lockEvaluation } from './evaluation-state.server.ts'

// Who is on a challenge's jury: named and removed by the lab, notified when named.

/** Names a juror (any account, found by e-mail) with the affiliation shown next to their name; they are notified. */
export async function addJuror(actor: Actor, idOrSlug: string, input: { email: string; affiliation: string }) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  const [person] = await getDb().select().from(users).where(eq(users.email, input.email.trim().toLowerCase()))
  if (!person || person.blockedAt) throw invalid({ email: ['evaluation.validation.noSuchPerson'] })
  await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const rows = await tx.insert(juryMembers).values({ challengeId: challenge.id, userId: person.id, affiliation: input.affiliation, addedBy: user.id }).onConflictDoNothing().returning()
    if (rows.length === 0) throw invalid({ email: ['evaluation.validation.alreadyJuror'] })
    await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_add', entityType: 'challenge', entityId: challenge.id, after: { userId: person.id, name: person.name, affiliation: input.affiliation } })
  })
  await notifyUsers([person.id], { kind: 'evaluation.juror', payload: { title: challenge.title }, link: `/retos/${challenge.slug}/jurado` })
  return { id: person.id, name: person.name }
}

/** Removes a juror who has not scored yet (scores already given stay part of the record). */
export async function removeJuror(actor: Actor, idOrSlug: string, userId: string) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const [given] = await tx
      .select({ n: juryScores.score })
      .from(juryScores)
      .where(and(eq(juryScores.challengeId, challenge.id), eq(juryScores.jurorId, userId)))
      .limit(1)
    if (given) throw new DomainError('conflict', 'evaluation.errors.jurorHasScores')
    const rows = await tx.delete(juryMembers).where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, userId))).returning()
    if (rows.length === 0) throw new DomainError('not_found')
    await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_remove', entityType: 'challenge', entityId: challenge.id, before: { userId, affiliation: rows[0].affiliation } })
  })
}

/**
 * Replaces the whole jury (the API): people added are notified, people left out are removed (refused
 * if they have scored: their scores stay part of the record), affiliations are updated. One
 * transaction, one audit record per change, as the forms' add and remove leave.
 */
export async function setJury(actor: Actor, idOrSlug: string, input: JuryInput) {
  const user = requirePermission(actor, 'manage:evaluation')
  const challenge = await getChallenge(user, idOrSlug)
  const wanted = new Map(input.members.map((m) => [m.userId, m.affiliation]))
  const people = wanted.size ? await getDb().select({ id: users.id, name: users.name, blockedAt: users.blockedAt }).from(users).where(inArray(users.id, [...wanted.keys()])) : []
  const known = new Map(people.filter((p) => !p.blockedAt).map((p) => [p.id, p.name]))
  const unknown = input.members.findIndex((m) => !known.has(m.userId))
  if (unknown >= 0) throw invalid({ [`members.${unknown}.userId`]: ['evaluation.validation.noSuchAccount'] })
  const added = await getDb().transaction(async (tx) => {
    const evaluation = await lockEvaluation(tx, challenge.id)
    if (evaluation.selectedAt) throw new DomainError('conflict', 'evaluation.errors.alreadySelected')
    const current = await tx.select().from(juryMembers).where(eq(juryMembers.challengeId, challenge.id))
    const leaving = current.filter((j) => !wanted.has(j.userId))
    if (leaving.length) {
      const [given] = await tx
        .select({ n: juryScores.score })
        .from(juryScores)
        .where(and(eq(juryScores.challengeId, challenge.id), inArray(juryScores.jurorId, leaving.map((j) => j.userId))))
        .limit(1)
      if (given) throw new DomainError('conflict', 'evaluation.errors.jurorHasScores')
      await tx.delete(juryMembers).where(and(eq(juryMembers.challengeId, challenge.id), inArray(juryMembers.userId, leaving.map((j) => j.userId))))
      for (const j of leaving) {
        await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_remove', entityType: 'challenge', entityId: challenge.id, before: { userId: j.userId, affiliation: j.affiliation } })
      }
    }
    const newIds: string[] = []
    for (const [userId, affiliation] of wanted) {
      const existing = current.find((j) => j.userId === userId)
      if (!existing) {
        await tx.insert(juryMembers).values({ challengeId: challenge.id, userId, affiliation, addedBy: user.id })
        await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_add', entityType: 'challenge', entityId: challenge.id, after: { userId, name: known.get(userId), affiliation } })
        newIds.push(userId)
      } else if (existing.affiliation !== affiliation) {
        await tx.update(juryMembers).set({ affiliation }).where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, userId)))
        await recordAudit(tx, { actorId: user.id, action: 'evaluation.jury_update', entityType: 'challenge', entityId: challenge.id, before: { userId, affiliation: existing.affiliation }, after: { userId, affiliation } })
      }
    }
    return newIds
  })
  await notifyUsers(added, { kind: 'evaluation.juror', payload: { title: challenge.title }, link: `/retos/${challenge.slug}/jurado` })
  return challenge
}

/** Before reading a score body: the person is on the jury of the idea's challenge (else 404/403, whatever they sent). */
export async function requireJurorOfIdea(actor: Actor, ideaId: string) {
  const user = requirePermission(actor, 'score:idea:own')
  if (!isUuid(ideaId)) throw new DomainError('not_found')
  const [row] = await getDb().select({ challengeId: ideas.challengeId }).from(ideas).where(eq(ideas.id, ideaId))
  if (!row) throw new DomainError('not_found')
  const challenge = await getChallenge(user, row.challengeId)
  const [member] = await getDb()
    .select({ userId: juryMembers.userId })
    .from(juryMembers)
    .where(and(eq(juryMembers.challengeId, challenge.id), eq(juryMembers.userId, user.id)))
  if (!member) throw new DomainError('forbidden', 'evaluation.errors.notJuror')
  return user
}
