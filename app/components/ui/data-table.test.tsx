import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { DataTable, type DataColumn } from './data-table.tsx'

type Row = { id: string; name: string; votes: number }
const columns: DataColumn<Row>[] = [
  { key: 'name', header: 'Idea', rowHeader: true, className: 'font-medium', cell: (r) => r.name },
  { key: 'votes', header: 'Votos', numeric: true, cell: (r) => r.votes },
]
const rows: Row[] = [
  { id: 'a', name: 'Citas por WhatsApp', votes: 12 },
  { id: 'b', name: 'Ventanilla única', votes: 3 },
]

describe('DataTable', () => {
  test('a named table: caption, column headers with scope, a row header per row, figures right-aligned', () => {
    const html = renderToStaticMarkup(<DataTable caption="Ranking" columns={columns} rows={rows} rowKey={(r) => r.id} testId="ranking" />)
    expect(html).toMatch(/^<div class="[^"]*overflow-x-auto[^"]*"><table[^>]*data-testid="ranking"/)
    expect(html).toContain('<caption class="sr-only">Ranking</caption>')
    expect(html).toContain('<thead><tr class="border-b border-slate-300"><th scope="col"')
    expect([...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['Idea', 'Votos'])
    expect([...html.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['Citas por WhatsApp', 'Ventanilla única'])
    expect(html).toMatch(/<td class="[^"]*text-right tabular-nums[^"]*">12<\/td>/)
    expect(html).not.toContain('aria-label')
  })

  test('without a caption it is named by aria-label; the card variant shows its caption', () => {
    expect(renderToStaticMarkup(<DataTable label="Puntajes" columns={columns} rows={rows} rowKey={(r) => r.id} />)).toContain('<table class="w-full text-left text-sm" aria-label="Puntajes">')
    const card = renderToStaticMarkup(<DataTable variant="card" caption="Usuarios" columns={columns} rows={rows} rowKey={(r) => r.id} />)
    expect(card).toMatch(/<caption class="caption-top[^"]*">Usuarios<\/caption>/)
    expect(card).toContain('rounded-lg bg-white shadow-sm')
  })

  test('no rows: the empty message instead of a table, or an empty body when none is given', () => {
    expect(renderToStaticMarkup(<DataTable caption="Bitácora" empty="Aún no hay registros." columns={columns} rows={[]} rowKey={(r) => r.id} />)).toBe(
      '<p class="text-slate-700">Aún no hay registros.</p>',
    )
    expect(renderToStaticMarkup(<DataTable caption="Bitácora" columns={columns} rows={[]} rowKey={(r) => r.id} />)).toContain('<tbody></tbody>')
  })
})
