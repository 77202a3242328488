import { ideasCsv } from '#app/services/pilot-open-data.server.ts'

/** Open data: /datos/ideas.csv (see /datos). */
export const loader = () => ideasCsv()
