import { challengesCsv } from '#app/services/pilot-open-data.server.ts'

/** Open data: /datos/retos.csv (see /datos). */
export const loader = () => challengesCsv()
