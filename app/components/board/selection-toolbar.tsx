import { type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t.ts'

/**
 * What can be done with the selection (how many are selected, and the session's actions such as
 * "Promover a idea"), floating over the canvas: it appears and grows without moving the canvas.
 */
export function SelectionToolbar({ count, children }: { count: number; children?: ReactNode }) {
  const { t } = useT()
  if (count === 0) return null
  return (
    <div
      role="toolbar"
      aria-label={t('boards.workspace.selection')}
      data-testid="selection-toolbar"
      className="absolute inset-x-2 bottom-16 z-30 max-h-[45%] space-y-2 overflow-y-auto rounded-lg border border-slate-300 bg-white/95 p-2 text-sm text-slate-800 shadow-lg sm:inset-x-auto sm:right-2 sm:bottom-2 sm:w-80"
    >
      <p className="font-medium">{t('boards.toolbar.selected', { count })}</p>
      {children}
    </div>
  )
}
