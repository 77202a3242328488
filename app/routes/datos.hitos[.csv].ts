import { milestonesCsv } from '#app/services/pilots/pilot-open-data.server.ts'

/** Open data: /datos/hitos.csv (see /datos). */
export const loader = () => milestonesCsv()
