import { toCsv, type CsvTable } from '#app/services/platform/csv.server.ts'
import { isDomainError } from '#app/services/platform/errors.ts'

type CsvResponseOptions = {
  /** `public`: open data anyone may cache for a minute and read from another site; `private`: per person, never stored; `no-cache`: re-read every time. */
  cache?: 'public' | 'private' | 'no-cache'
}

const CACHE: Record<NonNullable<CsvResponseOptions['cache']>, Record<string, string>> = {
  public: { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' },
  private: { 'Cache-Control': 'private, no-store' },
  'no-cache': { 'Cache-Control': 'no-cache' },
}

/** A download's file name: letters, digits, dots, dashes and underscores only (so the header can't be broken). */
const safeFilename = (name: string) => name.replace(/[^\w.-]/g, '_')

/** A CSV file (written by the platform's one CSV writer, formula-guarded) sent as a download. */
export function csvResponse({ filename, columns, rows }: CsvTable, { cache = 'public' }: CsvResponseOptions = {}) {
  return new Response(toCsv(columns, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${safeFilename(filename)}"`,
      ...CACHE[cache],
    },
  })
}

/** For the CSV resource routes: the file, or a refusal (a challenge that does not exist or is not visible) as a plain-text response with its status. */
export function csvOrErrorResponse(work: Promise<CsvTable>, options?: CsvResponseOptions): Promise<Response> {
  return work.then(
    (table) => csvResponse(table, options),
    (error: unknown) => {
      if (!isDomainError(error)) throw error
      throw new Response(error.code, { status: error.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    },
  )
}
