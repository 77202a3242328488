import { useEffect, useLayoutEffect, useRef } from 'react'

// On the server there is nothing to mirror (and useLayoutEffect warns there).
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** A ref holding the value of the latest render, for event handlers and callbacks that keep their identity. */
export function useLatestRef<T>(value: T) {
  const ref = useRef(value)
  useIsomorphicLayoutEffect(() => {
    ref.current = value
  }, [value])
  return ref
}

/** What useLatestRef returns, as handed to other hooks (read-only for them). */
export type Latest<T> = { readonly current: T }
