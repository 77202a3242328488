import { useSyncExternalStore } from 'react'

const noSubscription = () => () => {}

/** False on the server and while hydrating, true once the page's JavaScript runs: forms work without script first. */
export function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
}
