import { useCallback, useMemo, useState } from 'react'
import { type BoardElement } from '#app/board/model.ts'
import { present, toggled } from './selection.ts'

/** The selected element ids, without elements someone else deleted meanwhile. */
export function useSelection(byId: Map<string, BoardElement>) {
  const [chosen, setSelected] = useState<Set<string>>(() => new Set())
  const selected = useMemo(() => present(chosen, byId), [chosen, byId])
  const toggle = useCallback((id: string) => setSelected((current) => toggled(current, id)), [])
  return { selected, setSelected, toggle }
}

export type UseSelection = ReturnType<typeof useSelection>
