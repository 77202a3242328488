import { useMemo, type MouseEvent as ReactMouseEvent } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'
import { BoardCanvasItems } from './board-canvas-items.tsx'
import { INTERACTIVE } from './canvas-targets.ts'
import { BoardToolbar } from './board-toolbar.tsx'
import { type BoardExtras } from './board-types.ts'
import { FollowToggle } from './follow-toggle.tsx'
import { SelectionToolbar } from './selection-toolbar.tsx'
import { useBoardEdits } from './use-board-edits.ts'
import { useBoardKeyboard } from './use-board-keyboard.ts'
import { useFollow } from './use-follow.ts'
import { useLatestRef } from './use-latest-ref.ts'
import { usePointerGestures } from './use-pointer-gestures.ts'
import { useSelection } from './use-selection.ts'
import { useViewport } from './use-viewport.ts'
import { ZOOM_STEP } from './viewport.ts'

const NO_FOLLOW = { lead: false, available: false }

/**
 * The board as a canvas: frames and notes positioned with a CSS transform (pan and zoom by
 * mouse, touch and keyboard), drag, resize, multi-select (Shift+click, Shift+drag rectangle),
 * delete, undo/redo, and everyone's cursors. Changes go through the Y.Doc as local
 * transactions; drags are shown locally and written once, when dropped. The canvas fills its
 * container; the tools, the selection's actions and the follow switch float over it, so none of
 * them ever moves it (ADR 031).
 */
export function BoardCanvas({ board, hideOthersNotes = false, dots = null, selectionActions, ideaLinks = true, follow: followOptions = NO_FOLLOW }: { board: UseBoard } & BoardExtras) {
  const { t } = useT()
  const { elements, readOnly } = board
  const latestElements = useLatestRef(elements)
  const byId = useMemo(() => new Map(elements.map((e) => [e.id, e])), [elements])
  const view = useViewport(latestElements)
  const { ref: canvasRef, viewport } = view
  const selection = useSelection(byId)
  const { selected } = selection
  const edits = useBoardEdits({ board, byId, elements: latestElements, selection, canvas: canvasRef, center: view.center })
  const pointer = usePointerGestures({ board, byId, elements: latestElements, view, selection, commitMove: edits.commitMove })
  const onKeyDown = useBoardKeyboard({ board, byId, elements: latestElements, view, selection, edits })
  const follow = useFollow(board.awareness, view, followOptions)

  const onDoubleClick = (event: ReactMouseEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement
    if (readOnly || target.closest(INTERACTIVE) || target.closest('[data-kind="note"], [data-handle]')) return
    edits.createNote(view.toBoard(event.clientX, event.clientY))
  }

  const selectedElements = elements.filter((e) => selected.has(e.id))

  return (
    <div className="relative h-full min-h-0" onKeyDown={onKeyDown}>
      <BoardToolbar
        board={board}
        selectedCount={selected.size}
        zoom={viewport.zoom}
        onAddNote={() => edits.createNote(view.center())}
        onAddFrame={edits.createFrame}
        onDelete={edits.removeSelected}
        onZoomIn={() => view.zoomAt(ZOOM_STEP)}
        onZoomOut={() => view.zoomAt(1 / ZOOM_STEP)}
        onFit={view.fit}
      />
      <p id="board-canvas-help" className="sr-only">
        {t('boards.canvas.help')}
      </p>
      <div
        ref={canvasRef}
        tabIndex={0}
        role="region"
        aria-label={t('boards.canvas.label')}
        aria-describedby="board-canvas-help"
        data-testid="board-canvas"
        data-zoom={viewport.zoom}
        data-x={viewport.x}
        data-y={viewport.y}
        className="absolute inset-0 touch-none overflow-hidden bg-slate-50 select-none focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-600 focus-visible:ring-inset"
        style={{
          backgroundImage: 'radial-gradient(circle, #cbd5e1 1px, transparent 1px)',
          backgroundSize: `${24 * viewport.zoom}px ${24 * viewport.zoom}px`,
          backgroundPosition: `${viewport.x}px ${viewport.y}px`,
          cursor: pointer.panning ? 'grabbing' : 'grab',
        }}
        {...pointer.handlers}
        onDoubleClick={onDoubleClick}
      >
        <BoardCanvasItems
          board={board}
          viewport={viewport}
          selected={selected}
          preview={pointer.preview}
          marquee={pointer.marquee}
          hideOthersNotes={hideOthersNotes}
          dots={dots}
          ideaLinks={ideaLinks}
          onColor={edits.setColor}
        />
        {elements.length === 0 ? (
          <p className="pointer-events-none absolute inset-x-0 top-1/3 mx-auto max-w-sm rounded-lg bg-white/90 p-4 text-center text-slate-700 shadow">{readOnly ? t('boards.list.empty') : t('boards.canvas.empty')}</p>
        ) : null}
      </div>
      <FollowToggle follow={follow} />
      <SelectionToolbar count={selected.size}>{selectionActions && selectedElements.length ? selectionActions(selectedElements) : null}</SelectionToolbar>
      <p aria-live="polite" className="sr-only">
        {edits.announcement}
      </p>
    </div>
  )
}
