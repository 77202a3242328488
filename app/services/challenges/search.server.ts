import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '#db/client.ts'
import { challenges, ideas } from '#db/schema.ts'
import { safeText } from '../platform/schemas.ts'
import { MATCH_START, MATCH_STOP, snippetParts, snippetText, type SnippetPart } from './search-snippet.ts'

export const searchQuerySchema = z.object({
  q: safeText({ error: 'validation.required' }).trim().max(200, 'validation.tooLong').default(''),
})

/** `snippet`: plain text; `parts`: the same text with the matches flagged, for `<mark>` (never HTML). */
export type SearchHit = { type: 'challenge' | 'idea'; id: string; title: string; snippet: string; parts: SnippetPart[]; url: string; rank: number }

// Spanish stemming with accents folded (db/migrations/0003_search.sql): "tramite" finds "Trámite", "licencias" finds "licencia".
const config = sql.raw(`'public.es_unaccent'`)
const markers = MATCH_START + MATCH_STOP
const headlineOptions = `MaxWords=30, MinWords=12, MaxFragments=1, StartSel=${MATCH_START}, StopSel=${MATCH_STOP}`
/** The best fragment with the matches between the private-use markers (taken out of the content first); search-snippet.ts makes it plain text. */
const headline = (text: unknown, query: unknown) => sql<string>`ts_headline(${config}, translate(${text}, ${markers}::text, ''), ${query}, ${headlineOptions}::text)`
const hit = (h: { snippet: string }) => {
  const parts = snippetParts(h.snippet)
  return { snippet: snippetText(parts), parts }
}

/** Public challenges and their visible ideas matching the words, best first. Only what anyone may read is searched. */
export async function search(q: string, { limit = 20 }: { limit?: number } = {}): Promise<SearchHit[]> {
  const words = q.trim()
  if (!words) return []
  const db = getDb()
  const query = sql`websearch_to_tsquery(${config}, ${words})`
  const [challengeHits, ideaHits] = await Promise.all([
    db
      .select({
        id: challenges.id,
        slug: challenges.slug,
        title: challenges.title,
        snippet: headline(challenges.problem, query),
        rank: sql<number>`ts_rank(${challenges.search}, ${query})`,
      })
      .from(challenges)
      .where(and(ne(challenges.phase, 'draft'), sql`${challenges.search} @@ ${query}`))
      .orderBy(desc(sql`ts_rank(${challenges.search}, ${query})`))
      .limit(limit),
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        snippet: headline(ideas.description, query),
        rank: sql<number>`ts_rank(${ideas.search}, ${query})`,
      })
      .from(ideas)
      .innerJoin(challenges, eq(ideas.challengeId, challenges.id))
      .where(and(ne(challenges.phase, 'draft'), inArray(ideas.status, ['published', 'shortlisted', 'selected', 'not_selected']), sql`${ideas.search} @@ ${query}`))
      .orderBy(desc(sql`ts_rank(${ideas.search}, ${query})`))
      .limit(limit),
  ])
  return [
    ...challengeHits.map((h) => ({ type: 'challenge' as const, id: h.id, title: h.title, ...hit(h), url: `/retos/${h.slug}`, rank: Number(h.rank) })),
    ...ideaHits.map((h) => ({ type: 'idea' as const, id: h.id, title: h.title, ...hit(h), url: `/ideas/${h.id}`, rank: Number(h.rank) })),
  ]
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
}
