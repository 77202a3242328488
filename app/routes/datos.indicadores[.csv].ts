import { kpisCsv } from '#app/services/pilots/pilot-open-data.server.ts'

/** Open data: /datos/indicadores.csv (see /datos). */
export const loader = () => kpisCsv()
