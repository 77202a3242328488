/** A challenge's published evaluation criteria with their weights, as the facilitator and the public see them. */
export function CriteriaList({ criteria, className = '' }: { criteria: { id: string; name: string; weight: number; description: string }[]; className?: string }) {
  return (
    <ul className={`space-y-2 ${className}`} data-testid="criteria">
      {criteria.map((c) => (
        <li key={c.id}>
          <span className="font-semibold">
            {c.name} — {c.weight} %
          </span>
          {c.description ? <span className="block text-sm text-slate-700">{c.description}</span> : null}
        </li>
      ))}
    </ul>
  )
}
