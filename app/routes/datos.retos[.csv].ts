import { challengesCsv } from '#app/services/pilots/pilot-open-data.server.ts'

/** Open data: /datos/retos.csv (see /datos). */
export const loader = () => challengesCsv()
