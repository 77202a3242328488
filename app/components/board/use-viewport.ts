import { useCallback, useEffect, useRef, useState } from 'react'
import { type BoardElement } from '#app/board/model.ts'
import { bounds, type Point } from './layout.ts'
import { useLatestRef, type Latest } from './use-latest-ref.ts'
import { fitViewport, INITIAL_VIEWPORT, initialViewport, screenToBoard, shifted, wheelZoomFactor, zoomAround, type Insets, type Viewport } from './viewport.ts'

/** The room the floating toolbar takes over the canvas: along its top on wide screens, its bottom on phones. */
function toolInsets(canvas: HTMLElement): Insets {
  const tools = canvas.parentElement?.querySelector<HTMLElement>('[data-testid="board-toolbar"]')
  if (!tools) return { top: 0, bottom: 0 }
  const c = canvas.getBoundingClientRect()
  const r = tools.getBoundingClientRect()
  return r.top - c.top < c.height / 2 ? { top: Math.max(0, r.bottom - c.top), bottom: 0 } : { top: 0, bottom: Math.max(0, c.bottom - r.top) }
}

/**
 * Pan and zoom of the canvas element `ref`: the viewport, page ↔ board coordinates, zoom
 * around a point, fit to the contents (on mount: at a readable zoom, see `initialViewport`), and the wheel (zoom around the
 * pointer; a trackpad pinch arrives as Ctrl+wheel; Shift+wheel pans sideways).
 */
export function useViewport(elements: Latest<BoardElement[]>) {
  const ref = useRef<HTMLDivElement>(null)
  const [viewport, setViewport] = useState<Viewport>(INITIAL_VIEWPORT)
  const latest = useLatestRef(viewport)

  /** The board point under a page point (a pointer event's clientX/clientY). */
  const toBoard = useCallback(
    (clientX: number, clientY: number): Point => {
      const rect = ref.current!.getBoundingClientRect()
      return screenToBoard(latest.current, { x: clientX - rect.left, y: clientY - rect.top })
    },
    [latest],
  )

  /** Zooms around `screen` (relative to the canvas), or around the canvas's centre. */
  const zoomAt = useCallback((factor: number, screen?: Point) => {
    setViewport((v) => {
      const rect = ref.current?.getBoundingClientRect()
      return zoomAround(v, factor, { x: screen?.x ?? (rect ? rect.width / 2 : 0), y: screen?.y ?? (rect ? rect.height / 2 : 0) })
    })
  }, [])

  /** Shows every element (or the origin of an empty board). */
  const fit = useCallback(() => {
    const el = ref.current
    if (!el) return
    setViewport(fitViewport(bounds(elements.current), el.getBoundingClientRect(), toolInsets(el)))
  }, [elements])

  /** The board point in the middle of the canvas. */
  const center = useCallback((): Point => {
    const rect = ref.current?.getBoundingClientRect()
    return rect ? screenToBoard(latest.current, { x: rect.width / 2, y: rect.height / 2 }) : { x: 0, y: 0 }
  }, [latest])

  const panBy = useCallback((dx: number, dy: number) => setViewport((v) => shifted(v, dx, dy)), [])

  useEffect(() => {
    const el = ref.current
    if (el) setViewport(initialViewport(bounds(elements.current), el.getBoundingClientRect(), toolInsets(el)))
  }, [elements])

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const onWheel = (event: WheelEvent) => {
      event.preventDefault()
      const rect = el.getBoundingClientRect()
      if (event.shiftKey) {
        panBy(-(event.deltaY || event.deltaX), 0)
        return
      }
      zoomAt(wheelZoomFactor(event.deltaY, event.ctrlKey), { x: event.clientX - rect.left, y: event.clientY - rect.top })
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [panBy, zoomAt])

  return { ref, viewport, latest, setViewport, toBoard, zoomAt, fit, center, panBy }
}

export type UseViewport = ReturnType<typeof useViewport>
