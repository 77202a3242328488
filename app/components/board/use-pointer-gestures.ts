import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { updateElement, type BoardElement } from '#app/board/model.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'
import { elementIdOf, INTERACTIVE } from './canvas-targets.ts'
import { finishGesture, followPointer, type DragPreview, type Gesture } from './gestures.ts'
import { type Point, type Rect } from './layout.ts'
import { type UseBoardEdits } from './use-board-edits.ts'
import { type Latest } from './use-latest-ref.ts'
import { type UseSelection } from './use-selection.ts'
import { type UseViewport } from './use-viewport.ts'
import { pinchOf } from './viewport.ts'

type Options = {
  board: UseBoard
  byId: Map<string, BoardElement>
  elements: Latest<BoardElement[]>
  view: UseViewport
  selection: UseSelection
  commitMove: UseBoardEdits['commitMove']
}

/** State whose latest value is also in a ref, for the pointerup that may come before the re-render. */
function useStateAndRef<T>(initial: T) {
  const [value, setState] = useState(initial)
  const ref = useRef(value)
  const set = (next: T) => setState((ref.current = next))
  return [value, set, ref] as const
}

type PointerHandler = (event: ReactPointerEvent<HTMLDivElement>) => void

/**
 * Mouse, pen and touch on the canvas: drag the background (or a frame's body) to pan, two
 * fingers to pinch-zoom, drag a note or a frame's bar to move the selection, its corner to
 * resize, Shift+click to add to the selection and Shift+drag for a selection rectangle. Drags
 * are shown as a preview and written once, on release; a cancelled pointer writes nothing.
 */
export function usePointerGestures({ board, byId, elements, view, selection, commitMove }: Options) {
  const { selected, setSelected, toggle } = selection
  const [panning, setPanning] = useState(false)
  const [preview, setPreview, previewRef] = useStateAndRef<DragPreview | null>(null)
  const [marquee, setMarquee, marqueeRef] = useStateAndRef<Rect | null>(null)
  const gesture = useRef<Gesture | null>(null)
  const pointers = useRef(new Map<number, Point>())

  const twoFingers = () => {
    const [a, b] = [...pointers.current.values()]
    const rect = view.ref.current!.getBoundingClientRect()
    return pinchOf(a, b, { x: rect.left, y: rect.top })
  }

  /** A press on a note, or on a frame's bar or corner: select it, then move or resize. */
  const pressElement = (event: ReactPointerEvent<HTMLDivElement>, element: BoardElement, handle: string | undefined) => {
    if (event.shiftKey) {
      toggle(element.id)
      return
    }
    const ids = selected.has(element.id) ? selected : new Set([element.id])
    if (ids !== selected) setSelected(ids)
    if (board.readOnly) return
    const start = view.toBoard(event.clientX, event.clientY)
    gesture.current = handle === 'resize' ? { kind: 'resize', start, id: element.id, w: element.w, h: element.h } : { kind: 'move', start, ids: [...ids], moved: false }
  }

  /** A press on open space (the background or a frame's body): Shift starts a selection rectangle, otherwise it pans. */
  const pressBackground = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.shiftKey) {
      const start = view.toBoard(event.clientX, event.clientY)
      gesture.current = { kind: 'rect', start, additive: new Set(selected) }
      setMarquee({ ...start, w: 0, h: 0 })
      return
    }
    if (selected.size) setSelected(new Set())
    gesture.current = { kind: 'pan', start: { x: event.clientX, y: event.clientY }, origin: view.latest.current }
    setPanning(true)
  }

  const onPointerDown: PointerHandler = (event) => {
    const target = event.target as HTMLElement
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY })
    // A second finger pinches, wherever it lands (also on a note's text): the drag under way becomes a zoom.
    if (pointers.current.size === 2 && event.pointerType === 'touch') {
      gesture.current = { kind: 'pinch', start: twoFingers(), origin: view.latest.current }
      setPreview(null)
      view.ref.current?.setPointerCapture(event.pointerId)
      return
    }
    if (target.closest(INTERACTIVE)) {
      // Tapping or clicking into a note's text selects the note and edits it (the text keeps the pointer).
      const id = elementIdOf(target)
      if (id && !event.shiftKey && !selected.has(id)) setSelected(new Set([id]))
      return
    }
    if (event.button !== 0 && event.pointerType === 'mouse') return
    view.ref.current?.setPointerCapture(event.pointerId)
    const handle = target.closest<HTMLElement>('[data-handle]')?.dataset.handle
    const id = elementIdOf(target)
    const element = id ? byId.get(id) : undefined
    // A frame's body is open space: it pans, like the background.
    if (element && (element.type === 'note' || handle === 'move' || handle === 'resize')) pressElement(event, element, handle)
    else pressBackground(event)
  }

  const onPointerMove: PointerHandler = (event) => {
    const page = { x: event.clientX, y: event.clientY }
    if (pointers.current.has(event.pointerId)) pointers.current.set(event.pointerId, page)
    const at = view.toBoard(page.x, page.y)
    if (event.pointerType !== 'touch') board.setCursor(at)
    if (!gesture.current) return
    const shown = followPointer(gesture.current, { at, page, pinch: () => (pointers.current.size < 2 ? null : twoFingers()), zoom: view.latest.current.zoom, elements: elements.current })
    if (!shown) return
    if ('viewport' in shown) view.setViewport(shown.viewport)
    else if ('preview' in shown) setPreview(shown.preview)
    else setMarquee(shown.marquee)
  }

  const endGesture = (event: ReactPointerEvent<HTMLDivElement>, cancelled: boolean) => {
    pointers.current.delete(event.pointerId)
    const g = gesture.current
    if (!g) return
    if (g.kind === 'pinch') {
      if (pointers.current.size < 2) gesture.current = null
      return
    }
    gesture.current = null
    setPanning(false)
    if (view.ref.current?.hasPointerCapture(event.pointerId)) view.ref.current.releasePointerCapture(event.pointerId)
    const outcome = cancelled ? null : finishGesture(g, previewRef.current, marqueeRef.current, elements.current)
    if (outcome?.kind === 'move') commitMove(outcome.ids, outcome.dx, outcome.dy)
    else if (outcome?.kind === 'resize') board.change((d) => updateElement(d, outcome.id, { w: outcome.w, h: outcome.h }))
    else if (outcome?.kind === 'select') setSelected(outcome.ids)
    setPreview(null)
    setMarquee(null)
  }

  const handlers: Record<'onPointerDown' | 'onPointerMove' | 'onPointerUp' | 'onPointerCancel' | 'onPointerLeave', PointerHandler> = {
    onPointerDown,
    onPointerMove,
    onPointerUp: (event) => endGesture(event, false),
    onPointerCancel: (event) => endGesture(event, true),
    onPointerLeave: (event) => {
      if (event.pointerType !== 'touch' && !panning) board.setCursor(null)
    },
  }
  return { panning, preview, marquee, handlers }
}
