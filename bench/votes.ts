/**
 * The voting benchmark: 500 distinct people (created directly in the database, each with a
 * session, sending `Authorization: Bearer`) cast, change and withdraw dots on the ideas of one
 * challenge in voting through `PUT`/`DELETE /api/v1/ideas/{id}/vote`, over `connections`
 * concurrent connections for `seconds`. The load comes from bench/vote-client.mjs in its own
 * process. Afterwards the tallies are checked against the vote rows: `exact` is true only when
 * every idea's vote_total equals the sum of its votes, nothing is negative, and every person's
 * budget row equals the sum of their votes and stays within the budget.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { createAuthSession, generateAuthSessionToken } from '#app/services/accounts/auth-sessions.server.ts'
import { configureRateLimits } from '#app/services/platform/rate-limits.server.ts'
import { type Db } from '#db/client.ts'
import { challenges, ideas, institutions, users } from '#db/schema.ts'
import { loadWithScript, type LoadResult } from './lib.ts'

export type VoteBenchOptions = { url: string; db: Db; connections: number; seconds: number; people?: number; ideaCount?: number; baseline?: LoadResult }

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[]

export async function runVoteBench({ url, db, connections, seconds, people = 500, ideaCount = 20, baseline }: VoteBenchOptions) {
  const tag = Date.now().toString(36)
  const budget = 10
  const maxPerIdea = 3
  const [inst] = await db.insert(institutions).values({ slug: `bench-${tag}`, acronym: 'BENCH', name: 'Institución de prueba de carga' }).returning()
  const [author] = await db.insert(users).values({ email: `bench.autor.${tag}@ejemplo.gt`, name: 'Autora', passwordHash: 'x' }).returning()
  const [challenge] = await db
    .insert(challenges)
    .values({ slug: `bench-votos-${tag}`, title: 'Reto de prueba de carga', problem: '—', institutionId: inst.id, phase: 'voting', votingMethod: 'dots', votingBudget: budget, votingMaxPerIdea: maxPerIdea })
    .returning()
  const ideaRows = await db
    .insert(ideas)
    .values(Array.from({ length: ideaCount }, (_, i) => ({ challengeId: challenge.id, title: `Idea ${i + 1}`, description: '—', createdBy: author.id })))
    .returning({ id: ideas.id })
  const voters = await db
    .insert(users)
    .values(Array.from({ length: people }, (_, i) => ({ email: `bench.votante.${tag}.${i}@ejemplo.gt`, name: `Votante ${i}`, passwordHash: 'x' })))
    .returning({ id: users.id })
  const tokens: string[] = []
  for (const voter of voters) {
    const token = generateAuthSessionToken()
    await createAuthSession(token, voter.id)
    tokens.push(token)
  }

  // The benchmark measures the vote path, not the per-person limit (60 changes a minute by default).
  configureRateLimits({ votePerUser: { points: 1_000_000_000, durationSeconds: 60 } })
  const dir = mkdtempSync(path.join(tmpdir(), 'cocrea-bench-'))
  const configFile = path.join(dir, 'votes.json')
  writeFileSync(configFile, JSON.stringify({ url, connections, seconds, tokens, ideaIds: ideaRows.map((r) => r.id), maxPerIdea, withdrawShare: 0.25 }))
  let result: Awaited<ReturnType<typeof loadWithScript>>
  try {
    result = await loadWithScript('bench/vote-client.mjs', [configFile])
  } finally {
    rmSync(dir, { recursive: true, force: true })
    configureRateLimits()
  }

  // Exactness: recompute everything from the vote rows.
  const [tallies] = rowsOf(
    await db.execute(sql`
      select count(*) filter (where i.vote_total <> coalesce(s.summed, 0))::int as wrong,
             count(*) filter (where i.vote_total < 0)::int as negative,
             coalesce(sum(i.vote_total), 0)::int as total
      from ideas i left join (select idea_id, sum(count) as summed from votes group by idea_id) s on s.idea_id = i.id
      where i.challenge_id = ${challenge.id}`),
  )
  const [budgets] = rowsOf(
    await db.execute(sql`
      select count(*) filter (where b.used <> coalesce(s.summed, 0))::int as wrong,
             count(*) filter (where b.used > b.budget or b.used < 0)::int as outside,
             count(*)::int as voters
      from vote_budgets b left join (select user_id, sum(count) as summed from votes where challenge_id = ${challenge.id} group by user_id) s on s.user_id = b.user_id
      where b.challenge_id = ${challenge.id}`),
  )
  const exact = Number(tallies.wrong) === 0 && Number(tallies.negative) === 0 && Number(budgets.wrong) === 0 && Number(budgets.outside) === 0

  return {
    ...result,
    ratioToBaseline: baseline ? +(result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2) : undefined,
    people,
    ideas: ideaCount,
    rules: { method: 'dots', budget, maxPerIdea },
    exact,
    check: {
      ideasWrong: Number(tallies.wrong),
      ideasNegative: Number(tallies.negative),
      budgetsWrong: Number(budgets.wrong),
      budgetsOutside: Number(budgets.outside),
      voters: Number(budgets.voters),
      votesCast: Number(tallies.total),
    },
  }
}
