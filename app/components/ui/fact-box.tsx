import { type ReactNode } from 'react'

/**
 * The key facts of a challenge, idea or pilot in a clear hierarchy (issue 11 §8): a box with its
 * heading, the two or three facts that matter most written large (`KeyFacts`), then the rest as a
 * quiet list (`FactList`). Labels are small capitals above their values, so the eye reads values first.
 */
export type Fact = { label: string; value: ReactNode; detail?: ReactNode; testId?: string }

const label = 'text-xs font-semibold uppercase tracking-wide text-slate-600'

export function FactBox({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-lg bg-white p-6 shadow-sm" data-testid="fact-box">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

export function KeyFacts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="grid grid-cols-1 gap-4 rounded-md bg-brand-50 p-4 min-[400px]:grid-cols-2" data-testid="key-facts">
      {facts.map((f) => (
        <div key={f.label} className="min-w-0">
          <dt className={label}>{f.label}</dt>
          <dd className="mt-1 break-words text-lg leading-snug font-bold text-brand-900 tabular-nums" data-testid={f.testId}>
            {f.value}
          </dd>
          {f.detail ? <dd className="text-sm text-slate-700">{f.detail}</dd> : null}
        </div>
      ))}
    </dl>
  )
}

export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {facts.map((f) => (
        <div key={f.label} className="py-2 first:pt-0 last:pb-0">
          <dt className={label}>{f.label}</dt>
          <dd className="mt-0.5 break-words text-slate-900" data-testid={f.testId}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  )
}
