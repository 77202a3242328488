import { and, asc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm'
import { getDb } from '#db/client.ts'
import { challenges, ideaAuthors, ideas, institutions, users } from '#db/schema.ts'
import { type CsvTable } from '../platform/csv.server.ts'
import { allPilots, serializePilot } from './pilots.server.ts'

/**
 * Open data as CSV: pilots with their milestones, KPIs and updates, and the challenges and
 * ideas with their vote tallies. No personal data beyond public names (authors, the lead, who
 * posted an update): no e-mail addresses, no individual votes.
 */

const table = (filename: string, columns: string[], rows: CsvTable['rows']): CsvTable => ({ filename, columns, rows })

async function pilotsJson() {
  const now = new Date()
  return (await allPilots()).map((r) => serializePilot(r, now))
}

export async function pilotsCsv(): Promise<CsvTable> {
  const items = await pilotsJson()
  return table(
    'pilotos.csv',
    ['id', 'slug', 'title', 'status', 'status_reason', 'progress_percent', 'schedule', 'institution', 'institution_acronym', 'lead', 'team', 'challenge_slug', 'idea_ids', 'department', 'municipality', 'start_date', 'end_date', 'budget_gtq', 'milestones', 'kpis', 'updates', 'last_update_at', 'created_at'],
    items.map((p) => [
      p.id,
      p.slug,
      p.title,
      p.status,
      p.statusReason,
      p.progress,
      p.schedule,
      p.institution.name,
      p.institution.acronym,
      p.lead.name,
      p.team.map((m) => m.name).join('; '),
      p.challenge?.slug,
      p.ideas.map((i) => i.id).join('; '),
      p.territory.department,
      p.territory.municipality,
      p.startDate,
      p.endDate,
      p.budgetGtq.toFixed(2),
      p.milestones.length,
      p.kpis.length,
      p.updates.length,
      p.lastUpdateAt,
      p.createdAt,
    ]),
  )
}

export async function milestonesCsv(): Promise<CsvTable> {
  const items = await pilotsJson()
  return table(
    'hitos.csv',
    ['pilot_id', 'pilot_slug', 'milestone_id', 'title', 'weight', 'due_date', 'completed_at', 'overdue'],
    items.flatMap((p) => p.milestones.map((m) => [p.id, p.slug, m.id, m.title, m.weight, m.dueDate, m.completedAt, m.overdue])),
  )
}

/** One row per measurement; a KPI without measurements still has one row (empty measurement). */
export async function kpisCsv(): Promise<CsvTable> {
  const items = await pilotsJson()
  return table(
    'indicadores.csv',
    ['pilot_id', 'pilot_slug', 'kpi_id', 'kpi', 'unit', 'baseline', 'target', 'measured_on', 'value', 'note'],
    items.flatMap((p) =>
      p.kpis.flatMap((k) => {
        const base = [p.id, p.slug, k.id, k.name, k.unit, k.baseline, k.target]
        return k.measurements.length ? k.measurements.map((m) => [...base, m.measuredOn, m.value, m.note]) : [[...base, null, null, null]]
      }),
    ),
  )
}

export async function updatesCsv(): Promise<CsvTable> {
  const items = await pilotsJson()
  return table(
    'avances.csv',
    ['pilot_id', 'pilot_slug', 'update_id', 'created_at', 'author', 'reported_progress', 'body', 'attachment_url'],
    items.flatMap((p) => p.updates.map((u) => [p.id, p.slug, u.id, u.createdAt, u.author.name, u.progress, u.body, u.attachment?.url])),
  )
}

/** Public challenges (not drafts) with how many public ideas and votes they gathered. */
export async function challengesCsv(): Promise<CsvTable> {
  const db = getDb()
  const rows = await db
    .select({
      c: challenges,
      institution: institutions.name,
      acronym: institutions.acronym,
      ideas: sql<number>`(select count(*)::int from ${ideas} where ${ideas.challengeId} = ${challenges.id} and ${ideas.status} in ('published','shortlisted','selected','not_selected','merged'))`,
      votes: sql<number>`(select coalesce(sum(${ideas.voteTotal}), 0)::int from ${ideas} where ${ideas.challengeId} = ${challenges.id} and ${ideas.status} in ('published','shortlisted','selected','not_selected','merged'))`,
    })
    .from(challenges)
    .innerJoin(institutions, eq(challenges.institutionId, institutions.id))
    .where(ne(challenges.phase, 'draft'))
    .orderBy(asc(challenges.createdAt))
  const d = (x: Date | null) => x?.toISOString() ?? null
  return table(
    'retos.csv',
    ['id', 'slug', 'title', 'phase', 'institution', 'institution_acronym', 'service_area', 'department', 'municipality', 'sdg_targets', 'voting_method', 'voting_budget', 'voting_max_per_idea', 'opens_at', 'cocreation_at', 'voting_at', 'evaluation_at', 'piloting_at', 'closes_at', 'ideas', 'votes', 'created_at'],
    rows.map(({ c, institution, acronym, ideas: n, votes }) => [
      c.id,
      c.slug,
      c.title,
      c.phase,
      institution,
      acronym,
      c.serviceArea,
      c.department,
      c.municipality,
      c.sdgTargets.join('; '),
      c.votingMethod,
      c.votingBudget,
      c.votingMaxPerIdea,
      d(c.opensAt),
      d(c.cocreationAt),
      d(c.votingAt),
      d(c.evaluationAt),
      d(c.pilotingAt),
      d(c.closesAt),
      n,
      votes,
      c.createdAt.toISOString(),
    ]),
  )
}

/** Public ideas of public challenges with their vote tally and their authors' public names (hidden ideas and drafts are left out). */
export async function ideasCsv(): Promise<CsvTable> {
  const db = getDb()
  const rows = await db
    .select({ i: ideas, challengeSlug: challenges.slug })
    .from(ideas)
    .innerJoin(challenges, eq(ideas.challengeId, challenges.id))
    .where(and(ne(challenges.phase, 'draft'), inArray(ideas.status, ['published', 'shortlisted', 'selected', 'not_selected', 'merged'])))
    .orderBy(asc(challenges.createdAt), asc(ideas.createdAt))
  const ids = rows.map((r) => r.i.id)
  const authors = ids.length
    ? await db
        .select({ ideaId: ideaAuthors.ideaId, name: users.name })
        .from(ideaAuthors)
        .innerJoin(users, eq(ideaAuthors.userId, users.id))
        .where(and(inArray(ideaAuthors.ideaId, ids), isNotNull(ideaAuthors.acceptedAt)))
        .orderBy(asc(ideaAuthors.createdAt))
    : []
  const namesOf = new Map<string, string[]>()
  for (const a of authors) namesOf.set(a.ideaId, [...(namesOf.get(a.ideaId) ?? []), a.name])
  return table(
    'ideas.csv',
    ['id', 'challenge_id', 'challenge_slug', 'title', 'status', 'status_reason', 'votes', 'merged_into_id', 'authors', 'created_at'],
    rows.map(({ i, challengeSlug }) => [i.id, i.challengeId, challengeSlug, i.title, i.status, i.statusReason, i.voteTotal, i.mergedIntoId, (namesOf.get(i.id) ?? []).join('; '), i.createdAt.toISOString()]),
  )
}

/** The challenges that have an evaluation to download (from the evaluation phase on), for the open-data page. */
export function evaluatedChallenges() {
  return getDb()
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title })
    .from(challenges)
    .where(inArray(challenges.phase, ['evaluation', 'piloting', 'closed']))
    .orderBy(asc(challenges.title))
}
