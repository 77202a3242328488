import { ideasCsv } from '#app/services/pilots/pilot-open-data.server.ts'

/** Open data: /datos/ideas.csv (see /datos). */
export const loader = () => ideasCsv()
