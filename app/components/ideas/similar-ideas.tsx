import { Link } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useT } from '#app/i18n/use-t.ts'

type Similar = { id: string; title: string }

/**
 * Progressive enhancement for the new-idea form: while the title is typed, asks the
 * challenge's similar-ideas route (debounced) and lists matches as links in a polite live
 * region. Without JavaScript nothing is shown and the form works the same.
 */
export function SimilarIdeas({ slug, title, delayMs = 350 }: { slug: string; title: string; delayMs?: number }) {
  const { t } = useT()
  const [found, setFound] = useState<{ query: string; items: Similar[] }>({ query: '', items: [] })
  const query = title.trim()
  // Only the answer for what is typed now counts (an older answer may arrive late).
  const items = found.query === query ? found.items : []
  useEffect(() => {
    if (query.length < 3) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      fetch(`/retos/${encodeURIComponent(slug)}/similares?${new URLSearchParams({ titulo: query })}`, { signal: controller.signal, headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ items: Similar[] }>) : { items: [] }))
        .then((body) => setFound({ query, items: body.items }))
        .catch(() => {
          // Aborted by the next keystroke, or offline: hints are optional.
        })
    }, delayMs)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [slug, query, delayMs])
  return (
    <div aria-live="polite" className="text-sm" data-testid="similar-ideas">
      {items.length ? (
        <div className="rounded border border-amber-600 bg-amber-50 p-3">
          <p className="font-semibold">{t('ideas.similar.title')}</p>
          <p>{t('ideas.similar.intro')}</p>
          <ul className="mt-1 list-disc pl-5">
            {items.map((i) => (
              <li key={i.id}>
                <Link to={`/ideas/${i.id}`} target="_blank" rel="noopener">
                  {i.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
