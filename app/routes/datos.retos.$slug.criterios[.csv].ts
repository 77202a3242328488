import { type LoaderFunctionArgs } from '@remix-run/node'
import { criteriaCsv, csvOrErrorResponse } from '#app/services/evaluation/evaluation-csv.server.ts'
import { getUser } from '#app/utils/auth.server.ts'

/** Open data: /datos/retos/:slug/criterios.csv (see app/services/evaluation/evaluation-csv.server.ts for the columns). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  return csvOrErrorResponse(criteriaCsv(getUser(context), params.slug ?? ''))
}
