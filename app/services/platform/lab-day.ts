// The lab works in Guatemala's time: "today", deadlines and the dates in export file names are its calendar days.
const labDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guatemala', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today (or `now`) as a calendar day in Guatemala, `YYYY-MM-DD`. */
export function labDate(now: Date = new Date()): string {
  return labDay.format(now)
}

/** A download's file name from its readable parts and the day: `notas-taller-dpi-2026-12-02.csv`. */
export function datedFilename(base: string, extension: string, now: Date = new Date()) {
  return `${base}-${labDate(now)}.${extension}`
}
