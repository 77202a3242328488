import { kpisCsv } from '#app/services/pilot-open-data.server.ts'

/** Open data: /datos/indicadores.csv (see /datos). */
export const loader = () => kpisCsv()
