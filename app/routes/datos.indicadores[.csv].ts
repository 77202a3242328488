import { kpisCsv } from '#app/services/pilots/pilot-open-data.server.ts'
import { csvResponse } from '#app/utils/csv-response.server.ts'

/** Open data: /datos/indicadores.csv (see /datos). */
export const loader = async () => csvResponse(await kpisCsv())
