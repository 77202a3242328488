import { type LoaderFunctionArgs } from '@remix-run/node'
import { criteriaCsv } from '#app/services/evaluation/evaluation-csv.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { csvOrErrorResponse } from '#app/utils/csv-response.server.ts'

/** Open data: /datos/retos/:slug/criterios.csv (see app/services/evaluation/evaluation-csv.server.ts for the columns). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  // Re-read on every request: the files change while the jury scores.
  return csvOrErrorResponse(criteriaCsv(getUser(context), params.slug ?? ''), { cache: 'no-cache' })
}
