import { useId, useRef, useState, type MouseEvent } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { type Share } from '#app/utils/share-meta.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

/**
 * "Compartir": on a phone with the Web Share API, the system's share sheet; otherwise (and without
 * JavaScript) a disclosure with a WhatsApp link and the address to copy (a copy button once hydrated).
 */
export function ShareButton({ share }: { share: Pick<Share, 'title' | 'url'> }) {
  const { t } = useT()
  const hydrated = useHydrated()
  const details = useRef<HTMLDetailsElement>(null)
  const [copied, setCopied] = useState(false)
  const inputId = useId()
  const whatsapp = `https://wa.me/?text=${encodeURIComponent(`${share.title} ${share.url}`)}`

  function openSheet(event: MouseEvent) {
    if (typeof navigator.share !== 'function' || details.current?.open) return
    event.preventDefault()
    // A cancelled sheet (AbortError) is a choice, not an error; anything else falls back to the links.
    navigator.share({ title: share.title, url: share.url }).catch((error: unknown) => {
      if ((error as Error)?.name !== 'AbortError' && details.current) details.current.open = true
    })
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(share.url)
      setCopied(true)
    } catch {
      // Without clipboard access the address stays selected in the field, ready to copy by hand.
      ;(document.getElementById(inputId) as HTMLInputElement | null)?.select()
    }
  }

  return (
    <details ref={details} className="relative inline-block" data-testid="share">
      <summary
        onClick={openSheet}
        className="inline-flex cursor-pointer list-none items-center gap-2 rounded border border-brand-700 bg-white px-3 py-2 font-semibold text-brand-800 hover:bg-brand-50"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="18" cy="5" r="3" />
          <circle cx="6" cy="12" r="3" />
          <circle cx="18" cy="19" r="3" />
          <path d="M8.6 13.5l6.8 4M15.4 6.5l-6.8 4" />
        </svg>
        {t('share.button')}
      </summary>
      <div className="absolute left-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-lg">
        <a href={whatsapp} target="_blank" rel="noopener noreferrer" className="block font-semibold">
          {t('share.whatsapp')}
        </a>
        <div className="space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
            {t('share.link')}
          </label>
          <input id={inputId} readOnly value={share.url} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded border border-slate-400 px-2 py-1 text-sm" />
        </div>
        {hydrated ? (
          <button type="button" onClick={copy} className="rounded bg-brand-700 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-800">
            {t('share.copy')}
          </button>
        ) : null}
        <p aria-live="polite" className="text-sm text-emerald-800">
          {copied ? t('share.copied') : ''}
        </p>
      </div>
    </details>
  )
}
