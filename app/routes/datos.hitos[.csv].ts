import { milestonesCsv } from '#app/services/pilots/pilot-open-data.server.ts'
import { csvResponse } from '#app/utils/csv-response.server.ts'

/** Open data: /datos/hitos.csv (see /datos). */
export const loader = async () => csvResponse(await milestonesCsv())
