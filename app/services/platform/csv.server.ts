import { stringify } from 'csv-stringify/sync'

/**
 * The one CSV writer of the platform: every export (open data under /datos, the evaluation
 * files, a session's notes) goes through it (docs/decisions/024-data-leaving-the-platform.md).
 *
 * - UTF-8 with a BOM, so spreadsheets read the accents; one header row; RFC 4180 quoting.
 * - A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
 *   a tab or a carriage return) is written with an apostrophe in front, as OWASP recommends:
 *   `=HYPERLINK(…)` becomes `'=HYPERLINK(…)`. Numbers stay numbers: a measurement of −2
 *   (a JavaScript number) is written `-2`. A number that arrives as text is text, and guarded.
 * - Sent as a download (`Content-Disposition: attachment`), never shown inline (app/utils/csv-response.server.ts).
 */

export type CsvCell = string | number | boolean | Date | null | undefined

const FORMULA_TRIGGER = /^[=+\-@\t\r]/

/** A cell as written: text guarded against formulas, numbers and booleans as they are, nothing as empty. */
export function csvCell(value: CsvCell): string | number {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? value : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = value instanceof Date ? value.toISOString() : String(value)
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text
}

/** The file's text: a BOM, the header row, then the rows (every cell through `csvCell`). */
export function toCsv(columns: string[], rows: CsvCell[][]): string {
  return stringify([columns, ...rows].map((row) => row.map(csvCell)), { bom: true })
}

/** A file to download: its name, its header row and its rows (app/utils/csv-response.server.ts sends it). */
export type CsvTable = { filename: string; columns: string[]; rows: CsvCell[][] }
