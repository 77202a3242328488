import { useLocation, useMatches } from '@remix-run/react'

/**
 * A route's handle may ask for the whole viewport (the board's workspace, ADR 031): the main area
 * loses its width limit and padding, the page stops scrolling (the route scrolls inside itself)
 * and the footer steps aside. It decides from the address, e.g. the canvas but not the list.
 */
export type FullViewportHandle = { fullViewport?: (search: URLSearchParams) => boolean }

export function useFullViewport() {
  const matches = useMatches()
  const location = useLocation()
  return matches.some((match) => {
    const handle = match.handle as FullViewportHandle | undefined
    return typeof handle?.fullViewport === 'function' && handle.fullViewport(new URLSearchParams(location.search))
  })
}
