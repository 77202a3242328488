import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { addFrame, addNote, deleteElements, NOTE_SIZE, updateElement, type NoteColor } from '#app/board/model.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'
import { BoardCursors } from './board-cursors.tsx'
import { BoardFrame, BoardNote } from './board-note.tsx'
import { BoardToolbar } from './board-toolbar.tsx'
import { type BoardExtras } from './board-types.ts'
import { bounds, frameAt, intersects, type Point, type Rect } from './layout.ts'

type Viewport = { x: number; y: number; zoom: number }
type Preview = { dx: number; dy: number; w?: number; h?: number }

const MIN_ZOOM = 0.2
const MAX_ZOOM = 3
const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom))

/** What a pointer gesture is doing, from pointerdown to pointerup. */
type Gesture =
  | { kind: 'pan'; startX: number; startY: number; origin: Viewport }
  | { kind: 'pinch'; distance: number; mid: Point; origin: Viewport }
  | { kind: 'move'; start: Point; ids: string[]; moved: boolean }
  | { kind: 'resize'; start: Point; id: string; w: number; h: number }
  | { kind: 'rect'; start: Point; additive: Set<string> }

// Refs mirror the latest render for event handlers; on the server there is nothing to mirror.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

const interactive = 'textarea, input, button, select, a, [role="radiogroup"]'

/**
 * The board as a canvas: frames and notes positioned with a CSS transform (pan and zoom by
 * mouse, touch and keyboard), drag, resize, multi-select (Shift+click, Shift+drag rectangle),
 * delete, undo/redo, and everyone's cursors. Changes go through the Y.Doc as local
 * transactions; drags are shown locally and written once, when dropped.
 */
export function BoardCanvas({ board, hideOthersNotes = false, dots = null, selectionActions, ideaLinks = true }: { board: UseBoard } & BoardExtras) {
  const { t } = useTranslation()
  const { doc, elements, readOnly, change, me } = board
  const viewportRef = useRef<HTMLDivElement>(null)
  const [viewport, setViewport] = useState<Viewport>({ x: 40, y: 40, zoom: 0.8 })
  const viewportState = useRef(viewport)
  useIsomorphicLayoutEffect(() => {
    viewportState.current = viewport
  }, [viewport])
  const [chosen, setSelected] = useState<Set<string>>(() => new Set())
  const [panning, setPanning] = useState(false)
  const [preview, setPreviewState] = useState<{ ids: Set<string>; preview: Preview } | null>(null)
  const [marquee, setMarqueeState] = useState<Rect | null>(null)
  // The latest drag preview and rectangle, read when the pointer is released (state may not have re-rendered yet).
  const previewRef = useRef(preview)
  const marqueeRef = useRef(marquee)
  const setPreview = (value: typeof preview) => setPreviewState((previewRef.current = value))
  const setMarquee = (value: Rect | null) => setMarqueeState((marqueeRef.current = value))
  const [announcement, setAnnouncement] = useState('')
  const gesture = useRef<Gesture | null>(null)
  const pointers = useRef(new Map<number, Point>())
  const pendingFocus = useRef<string | null>(null)

  const byId = useMemo(() => new Map(elements.map((e) => [e.id, e])), [elements])
  const elementsRef = useRef(elements)
  useIsomorphicLayoutEffect(() => {
    elementsRef.current = elements
  }, [elements])
  // The selection, without elements someone else deleted meanwhile.
  const selected = useMemo(() => {
    const kept = [...chosen].filter((id) => byId.has(id))
    return kept.length === chosen.size ? chosen : new Set(kept)
  }, [chosen, byId])
  const notes = elements.filter((e) => e.type === 'note')
  const frames = elements.filter((e) => e.type === 'frame')
  const notesPerFrame = useMemo(() => {
    const counts = new Map<string, number>()
    for (const e of elements) if (e.type === 'note' && e.frameId) counts.set(e.frameId, (counts.get(e.frameId) ?? 0) + 1)
    return counts
  }, [elements])

  // A note just created gets the focus in its text, ready to type.
  useEffect(() => {
    const id = pendingFocus.current
    if (!id || !byId.has(id)) return
    pendingFocus.current = null
    viewportRef.current?.querySelector<HTMLTextAreaElement>(`[data-element-id="${id}"] textarea`)?.focus()
  }, [byId])

  const toCanvas = useCallback((clientX: number, clientY: number): Point => {
    const rect = viewportRef.current!.getBoundingClientRect()
    const v = viewportState.current
    return { x: (clientX - rect.left - v.x) / v.zoom, y: (clientY - rect.top - v.y) / v.zoom }
  }, [])

  const zoomAt = useCallback((factor: number, screen?: Point) => {
    setViewport((v) => {
      const rect = viewportRef.current?.getBoundingClientRect()
      const px = screen?.x ?? (rect ? rect.width / 2 : 0)
      const py = screen?.y ?? (rect ? rect.height / 2 : 0)
      const zoom = clampZoom(v.zoom * factor)
      return { zoom, x: px - ((px - v.x) * zoom) / v.zoom, y: py - ((py - v.y) * zoom) / v.zoom }
    })
  }, [])

  /** Shows every element (or the origin of an empty board). */
  const fit = useCallback(() => {
    const el = viewportRef.current
    if (!el) return
    const all = bounds(elementsRef.current)
    const { width, height } = el.getBoundingClientRect()
    if (!all) return setViewport({ x: 40, y: 40, zoom: 1 })
    const zoom = clampZoom(Math.min(1, (width - 80) / all.w, (height - 80) / all.h))
    setViewport({ zoom, x: (width - all.w * zoom) / 2 - all.x * zoom, y: Math.max(24, (height - all.h * zoom) / 2) - all.y * zoom })
  }, [])

  useEffect(() => {
    fit()
  }, [fit])

  // The wheel zooms around the pointer (a trackpad pinch arrives as Ctrl+wheel); Shift+wheel pans sideways.
  useEffect(() => {
    const el = viewportRef.current
    if (!el) return
    const onWheel = (event: WheelEvent) => {
      event.preventDefault()
      const rect = el.getBoundingClientRect()
      if (event.shiftKey) {
        setViewport((v) => ({ ...v, x: v.x - (event.deltaY || event.deltaX) }))
        return
      }
      zoomAt(Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015)), { x: event.clientX - rect.left, y: event.clientY - rect.top })
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [zoomAt])

  const center = useCallback((): Point => {
    const rect = viewportRef.current?.getBoundingClientRect()
    const v = viewportState.current
    return rect ? { x: (rect.width / 2 - v.x) / v.zoom, y: (rect.height / 2 - v.y) / v.zoom } : { x: 0, y: 0 }
  }, [])

  const createNote = useCallback(
    (at: Point) => {
      const rect = { x: at.x - NOTE_SIZE.w / 2, y: at.y - NOTE_SIZE.h / 2, w: NOTE_SIZE.w, h: NOTE_SIZE.h }
      // Never exactly on top of another note: step aside until the place is free.
      for (let i = 0; i < 20 && elementsRef.current.some((e) => e.type === 'note' && Math.abs(e.x - rect.x) < 12 && Math.abs(e.y - rect.y) < 12); i++) {
        rect.x += 24
        rect.y += 24
      }
      let id = ''
      change((d) => (id = addNote(d, { x: rect.x, y: rect.y, author: me, frameId: frameAt(elementsRef.current, rect) })))
      pendingFocus.current = id
      setSelected(new Set([id]))
    },
    [change, me],
  )

  const createFrame = useCallback(() => {
    const at = center()
    let id = ''
    change((d) => (id = addFrame(d, { x: at.x - 200, y: at.y - 150, author: me })))
    pendingFocus.current = id
    setSelected(new Set([id]))
  }, [center, change, me])

  const removeSelected = useCallback(() => {
    if (readOnly || selected.size === 0) return
    const count = selected.size
    change((d) => deleteElements(d, [...selected]))
    setSelected(new Set())
    setAnnouncement(t('boards.list.deleted') + (count > 1 ? ` (${count})` : ''))
    viewportRef.current?.focus()
  }, [change, readOnly, selected, t])

  const setColor = useCallback((id: string, color: NoteColor) => change((d) => updateElement(d, id, { color })), [change])

  /** The ids that move with `ids`: a frame carries its notes. */
  const withContents = useCallback((ids: string[]) => {
    const set = new Set(ids)
    for (const e of elementsRef.current) if (e.type === 'note' && e.frameId && set.has(e.frameId)) set.add(e.id)
    return set
  }, [])

  /** Writes a move: new positions, notes dropped in (or out of) a frame take its frameId, and moved notes come to the front. */
  const commitMove = useCallback(
    (ids: Set<string>, dx: number, dy: number) => {
      const current = elementsRef.current
      const movedFrames = new Set(current.filter((e) => ids.has(e.id) && e.type === 'frame').map((e) => e.id))
      let top = Math.max(0, ...current.map((e) => e.z))
      // Frames are placed first so that notes find them in their new place.
      const after = current.map((e) => (ids.has(e.id) ? { ...e, x: Math.round(e.x + dx), y: Math.round(e.y + dy) } : e))
      change((d) => {
        for (const e of after) {
          if (!ids.has(e.id)) continue
          if (e.type === 'frame') {
            updateElement(d, e.id, { x: e.x, y: e.y })
            continue
          }
          const carried = e.frameId !== null && movedFrames.has(e.frameId)
          const frameId = carried ? e.frameId : frameAt(after, e)
          updateElement(d, e.id, carried ? { x: e.x, y: e.y } : { x: e.x, y: e.y, frameId, z: ++top })
        }
      })
    },
    [change],
  )

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement
    const point = { x: event.clientX, y: event.clientY }
    pointers.current.set(event.pointerId, point)
    if (target.closest(interactive)) {
      // Clicking into a note's text selects the note (the text keeps the pointer).
      const id = target.closest<HTMLElement>('[data-element-id]')?.dataset.elementId
      if (id && !event.shiftKey && !selected.has(id)) setSelected(new Set([id]))
      return
    }
    const host = target.closest<HTMLElement>('[data-element-id]')
    const handle = target.closest<HTMLElement>('[data-handle]')?.dataset.handle
    const id = host?.dataset.elementId
    const element = id ? byId.get(id) : undefined
    // A frame's body is open space: it pans, like the background.
    const onElement = element && (element.type === 'note' || handle === 'move' || handle === 'resize')

    if (pointers.current.size === 2 && event.pointerType === 'touch') {
      const [a, b] = [...pointers.current.values()]
      const rect = viewportRef.current!.getBoundingClientRect()
      gesture.current = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2 - rect.left, y: (a.y + b.y) / 2 - rect.top }, origin: viewportState.current }
      setPreview(null)
      return
    }
    if (event.button !== 0 && event.pointerType === 'mouse') return
    viewportRef.current?.setPointerCapture(event.pointerId)

    if (onElement && element) {
      if (event.shiftKey) {
        setSelected((current) => {
          const next = new Set(current)
          if (next.has(element.id)) next.delete(element.id)
          else next.add(element.id)
          return next
        })
        return
      }
      const selection = selected.has(element.id) ? selected : new Set([element.id])
      if (selection !== selected) setSelected(selection)
      if (readOnly) return
      if (handle === 'resize') {
        gesture.current = { kind: 'resize', start: toCanvas(point.x, point.y), id: element.id, w: element.w, h: element.h }
      } else {
        gesture.current = { kind: 'move', start: toCanvas(point.x, point.y), ids: [...selection], moved: false }
      }
      return
    }
    if (event.shiftKey) {
      const start = toCanvas(point.x, point.y)
      gesture.current = { kind: 'rect', start, additive: new Set(selected) }
      setMarquee({ ...start, w: 0, h: 0 })
      return
    }
    if (selected.size) setSelected(new Set())
    gesture.current = { kind: 'pan', startX: point.x, startY: point.y, origin: viewportState.current }
    setPanning(true)
  }

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const point = { x: event.clientX, y: event.clientY }
    if (pointers.current.has(event.pointerId)) pointers.current.set(event.pointerId, point)
    const canvasPoint = toCanvas(point.x, point.y)
    if (event.pointerType !== 'touch') board.setCursor(canvasPoint)
    const g = gesture.current
    if (!g) return
    if (g.kind === 'pan') {
      setViewport({ ...g.origin, x: g.origin.x + point.x - g.startX, y: g.origin.y + point.y - g.startY })
    } else if (g.kind === 'pinch') {
      if (pointers.current.size < 2) return
      const [a, b] = [...pointers.current.values()]
      const rect = viewportRef.current!.getBoundingClientRect()
      const mid = { x: (a.x + b.x) / 2 - rect.left, y: (a.y + b.y) / 2 - rect.top }
      const zoom = clampZoom((g.origin.zoom * Math.hypot(a.x - b.x, a.y - b.y)) / g.distance)
      // The canvas point under the first midpoint stays under the fingers.
      const cx = (g.mid.x - g.origin.x) / g.origin.zoom
      const cy = (g.mid.y - g.origin.y) / g.origin.zoom
      setViewport({ zoom, x: mid.x - cx * zoom, y: mid.y - cy * zoom })
    } else if (g.kind === 'move') {
      const dx = canvasPoint.x - g.start.x
      const dy = canvasPoint.y - g.start.y
      if (!g.moved && Math.hypot(dx, dy) * viewportState.current.zoom < 3) return
      g.moved = true
      setPreview({ ids: withContents(g.ids), preview: { dx, dy } })
    } else if (g.kind === 'resize') {
      const w = Math.max(80, Math.round(g.w + canvasPoint.x - g.start.x))
      const h = Math.max(60, Math.round(g.h + canvasPoint.y - g.start.y))
      setPreview({ ids: new Set([g.id]), preview: { dx: 0, dy: 0, w, h } })
    } else if (g.kind === 'rect') {
      const rect = { x: Math.min(g.start.x, canvasPoint.x), y: Math.min(g.start.y, canvasPoint.y), w: Math.abs(canvasPoint.x - g.start.x), h: Math.abs(canvasPoint.y - g.start.y) }
      setMarquee(rect)
    }
  }

  const endGesture = (event: ReactPointerEvent<HTMLDivElement>, cancelled = false) => {
    pointers.current.delete(event.pointerId)
    const g = gesture.current
    if (!g) return
    if (g.kind === 'pinch') {
      if (pointers.current.size < 2) gesture.current = null
      return
    }
    gesture.current = null
    setPanning(false)
    if (viewportRef.current?.hasPointerCapture(event.pointerId)) viewportRef.current.releasePointerCapture(event.pointerId)
    if (cancelled) {
      setPreview(null)
      setMarquee(null)
      return
    }
    const preview = previewRef.current
    const marquee = marqueeRef.current
    if (g.kind === 'move' && g.moved && preview) {
      commitMove(preview.ids, preview.preview.dx, preview.preview.dy)
    } else if (g.kind === 'resize' && preview?.preview.w) {
      const { w, h } = preview.preview
      change((d) => updateElement(d, g.id, { w, h }))
    } else if (g.kind === 'rect' && marquee) {
      const hit = elementsRef.current.filter((e) => (e.type === 'note' ? intersects(marquee, e) : marquee.x <= e.x && marquee.y <= e.y && marquee.x + marquee.w >= e.x + e.w && marquee.y + marquee.h >= e.y + e.h))
      setSelected(new Set([...g.additive, ...hit.map((e) => e.id)]))
    }
    setPreview(null)
    setMarquee(null)
  }

  const onDoubleClick = (event: React.MouseEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement
    if (readOnly || target.closest(interactive) || target.closest('[data-kind="note"], [data-handle]')) return
    createNote(toCanvas(event.clientX, event.clientY))
  }

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement
    if (target.closest(interactive)) {
      // Escape leaves a note's text for the note itself (then arrows move it).
      if (event.key === 'Escape') target.closest<HTMLElement>('[data-element-id]')?.focus()
      return
    }
    const step = event.altKey ? 5 : 20
    const arrows: Record<string, Point> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } }
    const id = target.dataset.elementId
    const element = id ? byId.get(id) : undefined
    if (element && arrows[event.key]) {
      event.preventDefault()
      if (readOnly) return
      const { x, y } = arrows[event.key]
      if (event.shiftKey) {
        change((d) => updateElement(d, element.id, { w: Math.max(80, element.w + x * step), h: Math.max(60, element.h + y * step) }))
      } else {
        const ids = selected.has(element.id) ? [...selected] : [element.id]
        commitMove(withContents(ids), x * step, y * step)
      }
      return
    }
    if (element && (event.key === 'Delete' || event.key === 'Backspace')) {
      event.preventDefault()
      removeSelected()
      return
    }
    if (event.key === 'Escape') {
      setSelected(new Set())
      return
    }
    if (target !== viewportRef.current) return
    if (arrows[event.key]) {
      event.preventDefault()
      const { x, y } = arrows[event.key]
      setViewport((v) => ({ ...v, x: v.x - x * 80, y: v.y - y * 80 }))
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault()
      zoomAt(1.2)
    } else if (event.key === '-' || event.key === '_') {
      event.preventDefault()
      zoomAt(1 / 1.2)
    } else if (event.key === '0') {
      event.preventDefault()
      fit()
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selected.size) {
      event.preventDefault()
      removeSelected()
    }
  }

  const selectedElements = elements.filter((e) => selected.has(e.id))
  const previewOf = (id: string) => (preview?.ids.has(id) ? preview.preview : null)

  return (
    <div className="space-y-2" onKeyDown={onKeyDown}>
      <BoardToolbar
        board={board}
        selectedCount={selected.size}
        zoom={viewport.zoom}
        onAddNote={() => createNote(center())}
        onAddFrame={createFrame}
        onDelete={removeSelected}
        onZoomIn={() => zoomAt(1.2)}
        onZoomOut={() => zoomAt(1 / 1.2)}
        onFit={fit}
        extra={selectionActions && selectedElements.length ? selectionActions(selectedElements) : null}
      />
      <p id="board-canvas-help" className="sr-only">
        {t('boards.canvas.help')}
      </p>
      <div
        ref={viewportRef}
        tabIndex={0}
        role="region"
        aria-label={t('boards.canvas.label')}
        aria-describedby="board-canvas-help"
        data-testid="board-canvas"
        className="relative h-[70vh] min-h-96 touch-none overflow-hidden rounded-lg border border-slate-300 bg-slate-50 select-none focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-600"
        style={{
          backgroundImage: 'radial-gradient(circle, #cbd5e1 1px, transparent 1px)',
          backgroundSize: `${24 * viewport.zoom}px ${24 * viewport.zoom}px`,
          backgroundPosition: `${viewport.x}px ${viewport.y}px`,
          cursor: panning ? 'grabbing' : 'grab',
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(event) => endGesture(event)}
        onPointerCancel={(event) => endGesture(event, true)}
        onPointerLeave={(event) => {
          if (event.pointerType !== 'touch' && !panning) board.setCursor(null)
        }}
        onDoubleClick={onDoubleClick}
      >
        <div className="absolute top-0 left-0 origin-top-left" style={{ transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` }}>
          {frames.map((frame) => (
            <BoardFrame
              key={frame.id}
              frame={frame}
              doc={doc}
              me={me}
              readOnly={readOnly}
              selected={selected.has(frame.id)}
              noteCount={notesPerFrame.get(frame.id) ?? 0}
              preview={previewOf(frame.id)}
            />
          ))}
          {notes.map((note) => (
            <BoardNote
              key={note.id}
              note={note}
              doc={doc}
              me={me}
              readOnly={readOnly || (hideOthersNotes && note.authorKey !== me.key)}
              selected={selected.has(note.id)}
              hidden={hideOthersNotes && note.authorKey !== me.key}
              dots={dots}
              ideaLinks={ideaLinks}
              preview={previewOf(note.id)}
              onColor={setColor}
            />
          ))}
          {marquee ? (
            <div className="pointer-events-none absolute border-2 border-dashed border-brand-600 bg-brand-600/10" style={{ left: marquee.x, top: marquee.y, width: marquee.w, height: marquee.h, zIndex: 100000 }} />
          ) : null}
          <BoardCursors peers={board.peers} zoom={viewport.zoom} />
        </div>
        {elements.length === 0 ? (
          <p className="pointer-events-none absolute inset-x-0 top-1/3 mx-auto max-w-sm rounded-lg bg-white/90 p-4 text-center text-slate-700 shadow">{readOnly ? t('boards.list.empty') : t('boards.canvas.empty')}</p>
        ) : null}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  )
}
