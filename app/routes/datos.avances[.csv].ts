import { updatesCsv } from '#app/services/pilots/pilot-open-data.server.ts'
import { csvResponse } from '#app/utils/csv-response.server.ts'

/** Open data: /datos/avances.csv (see /datos). */
export const loader = async () => csvResponse(await updatesCsv())
