/** The colours and what they stand for, as text that wraps on a narrow screen (the SVG's <desc> says the same). */
export function ChartLegend({ series }: { series: { key: string; label: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          {s.dashed ? (
            <span className="inline-block w-4 border-t-2 border-dashed" style={{ borderColor: s.color }} />
          ) : (
            <span className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: s.color }} />
          )}
          {s.label}
        </li>
      ))}
    </ul>
  )
}
