import { type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { updateElement, type BoardElement } from '#app/board/model.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'
import { INTERACTIVE } from './canvas-targets.ts'
import { type Point } from './layout.ts'
import { clampSize } from './moves.ts'
import { withContents } from './selection.ts'
import { type UseBoardEdits } from './use-board-edits.ts'
import { type Latest } from './use-latest-ref.ts'
import { type UseSelection } from './use-selection.ts'
import { type UseViewport } from './use-viewport.ts'
import { KEY_PAN, ZOOM_STEP } from './viewport.ts'

const ARROWS: Record<string, Point> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } }

type Options = {
  board: UseBoard
  byId: Map<string, BoardElement>
  elements: Latest<BoardElement[]>
  view: UseViewport
  selection: UseSelection
  edits: Pick<UseBoardEdits, 'commitMove' | 'removeSelected'>
}

/**
 * The canvas's keys. On a focused note or frame: arrows move it (with the selection; Alt for
 * small steps), Shift+arrows resize it, Delete removes the selection. On the canvas itself:
 * arrows pan, +/− zoom, 0 fits everything, Delete removes the selection. Escape clears the
 * selection, or leaves a note's text for the note.
 */
export function useBoardKeyboard({ board, byId, elements, view, selection, edits }: Options) {
  const { selected, setSelected } = selection

  return (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement
    if (target.closest(INTERACTIVE)) {
      // Escape leaves a note's text for the note itself (then arrows move it).
      if (event.key === 'Escape') target.closest<HTMLElement>('[data-element-id]')?.focus()
      return
    }
    const step = event.altKey ? 5 : 20
    const id = target.dataset.elementId
    const element = id ? byId.get(id) : undefined
    const arrow = ARROWS[event.key]
    if (element && arrow) {
      event.preventDefault()
      if (board.readOnly) return
      if (event.shiftKey) {
        board.change((d) => updateElement(d, element.id, clampSize(element.w + arrow.x * step, element.h + arrow.y * step)))
      } else {
        const ids = selected.has(element.id) ? [...selected] : [element.id]
        edits.commitMove(withContents(elements.current, ids), arrow.x * step, arrow.y * step)
      }
      return
    }
    if (element && (event.key === 'Delete' || event.key === 'Backspace')) {
      event.preventDefault()
      edits.removeSelected()
      return
    }
    if (event.key === 'Escape') {
      setSelected(new Set())
      return
    }
    if (target !== view.ref.current) return
    if (arrow) {
      event.preventDefault()
      view.panBy(-arrow.x * KEY_PAN, -arrow.y * KEY_PAN)
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault()
      view.zoomAt(ZOOM_STEP)
    } else if (event.key === '-' || event.key === '_') {
      event.preventDefault()
      view.zoomAt(1 / ZOOM_STEP)
    } else if (event.key === '0') {
      event.preventDefault()
      view.fit()
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selected.size) {
      event.preventDefault()
      edits.removeSelected()
    }
  }
}
