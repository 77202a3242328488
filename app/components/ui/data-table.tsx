import { type ReactNode } from 'react'

export type DataColumn<Row> = {
  key: string
  header: ReactNode
  cell: (row: Row, index: number) => ReactNode
  /** The cell that names the row: rendered as `<th scope="row">` (give it a font weight in className). */
  rowHeader?: boolean
  /** Right-aligned, tabular figures. */
  numeric?: boolean
  /** Extra classes for this column's body cells (e.g. `whitespace-nowrap`, `font-semibold`). */
  className?: string
}

type Props<Row> = {
  columns: DataColumn<Row>[]
  rows: readonly Row[]
  rowKey: (row: Row) => string | number
  /** The table's name. Shown above the table in the `card` variant, for screen readers only in `inset`. */
  caption?: ReactNode
  /** When there is no caption: the name given to assistive technology. */
  label?: string
  /** Said instead of the table when there are no rows; without it an empty table is rendered. */
  empty?: ReactNode
  /** `card`: the table is its own white card; `inset`: it sits inside a card already. */
  variant?: 'card' | 'inset'
  /** `compact` for short rows of figures; `regular` for rows holding forms or links. */
  density?: 'regular' | 'compact'
  rowClassName?: string
  testId?: string
}

// `relative` on the scrolling box: an `sr-only` (absolutely placed) header far right in a wide table is then
// clipped with it, instead of widening the whole page on a phone.
const styles = {
  card: {
    wrapper: 'relative overflow-x-auto rounded-lg bg-white shadow-sm',
    caption: 'caption-top px-4 pt-3 text-left text-slate-600',
    head: 'border-b border-slate-300 bg-slate-100',
    headRow: '',
    headCell: { regular: 'px-4 py-2', compact: 'px-4 py-2' },
    cell: { regular: 'px-4 py-3', compact: 'px-4 py-2' },
  },
  inset: {
    wrapper: 'relative overflow-x-auto',
    caption: 'sr-only',
    head: '',
    headRow: 'border-b border-slate-300',
    headCell: { regular: 'py-2 pr-4 last:pr-0', compact: 'py-1 pr-4 last:pr-0' },
    cell: { regular: 'py-2 pr-4 last:pr-0', compact: 'py-1 pr-4 last:pr-0' },
  },
}

/**
 * Every data table of the site: a semantic `<table>` with a name, column headers with scope and keyed rows,
 * scrolling sideways inside its own box so that a narrow screen never scrolls the page.
 */
export function DataTable<Row>({ columns, rows, rowKey, caption, label, empty, variant = 'inset', density = 'regular', rowClassName = '', testId }: Props<Row>) {
  if (rows.length === 0 && empty !== undefined) return <p className="text-slate-700">{empty}</p>
  const s = styles[variant]
  const cellClass = (c: DataColumn<Row>) => [s.cell[density], c.numeric ? 'text-right tabular-nums' : '', c.className ?? ''].filter(Boolean).join(' ')
  return (
    // min-w-0 and max-w-full let the box shrink inside a grid or flex parent instead of widening it; `relative`
    // keeps absolutely placed children (the sr-only labels) inside the scrolling box, or they would widen the page.
    <div className={`relative min-w-0 max-w-full ${s.wrapper}`}>
      <table className="w-full text-left text-sm" aria-label={caption ? undefined : label} data-testid={testId}>
        {caption ? <caption className={s.caption}>{caption}</caption> : null}
        <thead className={s.head || undefined}>
          <tr className={s.headRow || undefined}>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`${s.headCell[density]}${c.numeric ? ' text-right' : ''}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row)} className={`border-b border-slate-200 last:border-0 ${rowClassName}`.trim()}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={cellClass(c)}>
                    {c.cell(row, index)}
                  </th>
                ) : (
                  <td key={c.key} className={cellClass(c)}>
                    {c.cell(row, index)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
