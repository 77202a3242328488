import { useCallback, useEffect, useState, type RefObject } from 'react'

const FALLBACK = 'boardFullscreen'

/**
 * The board's full-screen switch: the Fullscreen API on `target`; where it is missing or refused
 * (iPhone Safari), the site's header steps aside instead (a data attribute on <html>, styled in
 * tailwind.css). `on` follows the browser too (Esc leaves full screen).
 */
export function useFullscreen(target: RefObject<HTMLElement | null>) {
  const [on, setOn] = useState(false)
  useEffect(() => {
    const sync = () => setOn(!!document.fullscreenElement || document.documentElement.dataset[FALLBACK] !== undefined)
    document.addEventListener('fullscreenchange', sync)
    return () => {
      document.removeEventListener('fullscreenchange', sync)
      delete document.documentElement.dataset[FALLBACK]
    }
  }, [])
  const toggle = useCallback(() => {
    const root = document.documentElement
    const fallback = (value: boolean) => {
      if (value) root.dataset[FALLBACK] = ''
      else delete root.dataset[FALLBACK]
      setOn(value)
    }
    if (document.fullscreenElement) {
      void document.exitFullscreen()
      return
    }
    if (root.dataset[FALLBACK] !== undefined) return fallback(false)
    const el = target.current
    if (el && document.fullscreenEnabled && typeof el.requestFullscreen === 'function') el.requestFullscreen().catch(() => fallback(true))
    else fallback(true)
  }, [target])
  return { on, toggle }
}
