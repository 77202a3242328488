import { pilotsCsv } from '#app/services/pilot-open-data.server.ts'

/** Open data: /datos/pilotos.csv (see /datos). */
export const loader = () => pilotsCsv()
