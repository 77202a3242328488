/** RFC 4180 as our files write it: a BOM, quoted fields with commas, quotes and line breaks, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else if (ch === '\r' && s[i + 1] === '\n') continue
    else field += ch
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** The rows after the header line, each as `{ column: value }`. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text)
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
}
