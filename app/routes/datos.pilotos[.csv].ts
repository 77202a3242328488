import { pilotsCsv } from '#app/services/pilots/pilot-open-data.server.ts'

/** Open data: /datos/pilotos.csv (see /datos). */
export const loader = () => pilotsCsv()
