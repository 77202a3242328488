import { useId, type ReactNode } from 'react'

/**
 * A white card that is a labelled region: its heading names it for screen readers.
 * `page` makes it the narrow, centred card of a one-form page (sign in, reset) with the h1.
 */
export function Panel({ title, help, tone = 'plain', page = false, className = '', children }: { title: ReactNode; help?: ReactNode; tone?: 'plain' | 'danger'; page?: boolean; className?: string; children: ReactNode }) {
  const id = useId()
  const Heading = page ? 'h1' : 'h2'
  return (
    <section aria-labelledby={id} className={`rounded-lg bg-white p-6 shadow-sm ${tone === 'danger' ? 'border border-red-200' : ''} ${page ? 'mx-auto max-w-md' : ''} ${className}`}>
      <Heading id={id} className={page ? 'text-2xl font-bold text-brand-900' : 'text-xl font-semibold'}>
        {title}
      </Heading>
      {help ? <p className="mt-1 text-sm text-slate-600">{help}</p> : null}
      {children}
    </section>
  )
}
