import { updatesCsv } from '#app/services/pilots/pilot-open-data.server.ts'

/** Open data: /datos/avances.csv (see /datos). */
export const loader = () => updatesCsv()
