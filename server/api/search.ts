import { type Router } from 'express'
import { z } from 'zod'
import { search, searchQuerySchema } from '#app/services/challenges/search.server.ts'
import { handle, parse } from './handler.ts'
import { errorResponses, registry } from './openapi.ts'

const SearchResult = registry.register(
  'SearchResult',
  z.object({
    items: z.array(
      z.object({
        type: z.enum(['challenge', 'idea']),
        id: z.uuid(),
        title: z.string(),
        snippet: z.string().openapi({ description: 'Plain text without Markdown syntax' }),
        parts: z.array(z.object({ text: z.string(), match: z.boolean() })).openapi({ description: 'The snippet in pieces, each a match or not (to mark the matches without HTML)' }),
      }),
    ),
  }),
)

registry.registerPath({
  method: 'get',
  path: '/search',
  summary: 'Full-text search in Spanish over public challenges and ideas (accents and case ignored), best first',
  request: { query: searchQuerySchema },
  responses: { 200: { description: 'Results', content: { 'application/json': { schema: SearchResult } } }, ...errorResponses(400) },
})

export function registerSearchRoutes(router: Router) {
  router.get(
    '/search',
    handle(async (req, res) => {
      const { q } = parse(searchQuerySchema, req.query)
      const hits = await search(q)
      res.json({ items: hits.map(({ type, id, title, snippet, parts }) => ({ type, id, title, snippet, parts })) })
    }),
  )
}
