import { useT } from '#app/i18n/use-t.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'

const tool =
  'inline-flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-2 sm:px-3 sm:py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent'

function Icon({ d }: { d: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  )
}

type Props = {
  board: UseBoard
  selectedCount: number
  zoom: number
  onAddNote: () => void
  onAddFrame: () => void
  onDelete: () => void
  onZoomIn: () => void
  onZoomOut: () => void
  onFit: () => void
}

/**
 * The canvas's tools, floating over it (so nothing here moves the canvas): at its top-left on
 * wide screens, along its bottom edge on phones (icons only, scrolling sideways if need be).
 */
export function BoardToolbar({ board, selectedCount, zoom, onAddNote, onAddFrame, onDelete, onZoomIn, onZoomOut, onFit }: Props) {
  const { t } = useT()
  const { readOnly } = board
  return (
    <div
      role="toolbar"
      aria-label={t('boards.toolbar.label')}
      data-testid="board-toolbar"
      className="absolute inset-x-2 bottom-2 z-30 flex items-center gap-0.5 overflow-x-auto rounded-lg border border-slate-300 bg-white/95 p-1 shadow-md sm:inset-x-auto sm:top-2 sm:bottom-auto sm:left-2 sm:max-w-[calc(100%-1rem)] sm:flex-wrap"
    >
      {!readOnly ? (
        <>
          <button type="button" className={tool} onClick={onAddNote} title={t('boards.toolbar.addNoteLong')} aria-label={t('boards.toolbar.addNoteLong')}>
            <span aria-hidden="true" className="h-4 w-4 rounded-sm border border-amber-700 bg-yellow-200" />
            <span className="hidden sm:inline">{t('boards.toolbar.addNote')}</span>
          </button>
          <button type="button" className={tool} onClick={onAddFrame} title={t('boards.toolbar.addFrameLong')} aria-label={t('boards.toolbar.addFrameLong')}>
            <Icon d="M3 5h18v14H3zM3 9h18" />
            <span className="hidden sm:inline">{t('boards.toolbar.addFrame')}</span>
          </button>
          <button
            type="button"
            className={tool}
            onClick={onDelete}
            disabled={selectedCount === 0}
            title={t('boards.toolbar.deleteLong', { count: Math.max(1, selectedCount) })}
            aria-label={t('boards.toolbar.deleteLong', { count: Math.max(1, selectedCount) })}
          >
            <Icon d="M3 6h18M8 6V4h8v2M6 6l1 14h10l1-14" />
            <span className="hidden sm:inline">{t('boards.toolbar.delete')}</span>
          </button>
          <span aria-hidden="true" className="mx-1 h-6 w-px bg-slate-300" />
          <button type="button" className={tool} onClick={board.undo} disabled={!board.canUndo} title={t('boards.toolbar.undoLong')} aria-label={t('boards.toolbar.undoLong')}>
            <Icon d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3" />
            <span className="hidden sm:inline">{t('boards.toolbar.undo')}</span>
          </button>
          <button type="button" className={tool} onClick={board.redo} disabled={!board.canRedo} title={t('boards.toolbar.redoLong')} aria-label={t('boards.toolbar.redoLong')}>
            <Icon d="m15 14 5-5-5-5M20 9H9a5 5 0 0 0 0 10h3" />
            <span className="hidden sm:inline">{t('boards.toolbar.redo')}</span>
          </button>
          <span aria-hidden="true" className="mx-1 h-6 w-px bg-slate-300" />
        </>
      ) : null}
      <button type="button" className={tool} onClick={onZoomOut} aria-label={t('boards.toolbar.zoomOut')} title={t('boards.toolbar.zoomOut')}>
        <Icon d="M5 12h14" />
      </button>
      <span className="min-w-14 shrink-0 text-center text-sm whitespace-nowrap text-slate-700 tabular-nums" aria-live="off">
        {t('boards.toolbar.zoomLevel', { percent: Math.round(zoom * 100) })}
      </span>
      <button type="button" className={tool} onClick={onZoomIn} aria-label={t('boards.toolbar.zoomIn')} title={t('boards.toolbar.zoomIn')}>
        <Icon d="M12 5v14M5 12h14" />
      </button>
      <button type="button" className={tool} onClick={onFit} aria-label={t('boards.toolbar.zoomReset')}>
        <Icon d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
        <span className="hidden sm:inline">{t('boards.toolbar.zoomReset')}</span>
      </button>
    </div>
  )
}
