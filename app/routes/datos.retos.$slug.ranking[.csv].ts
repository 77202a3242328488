import { type LoaderFunctionArgs } from '@remix-run/node'
import { csvOrErrorResponse, rankingCsv } from '#app/services/evaluation/evaluation-csv.server.ts'
import { getUser } from '#app/utils/auth.server.ts'

/** Open data: /datos/retos/:slug/ranking.csv (see app/services/evaluation/evaluation-csv.server.ts for the columns). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  return csvOrErrorResponse(rankingCsv(getUser(context), params.slug ?? ''))
}
