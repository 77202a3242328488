import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { addFrame, addNote, deleteElements, NOTE_SIZE, updateElement, type BoardElement, type NoteColor } from '#app/board/model.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'
import { frameAt, type Point } from './layout.ts'
import { movePatches } from './moves.ts'
import { placeNote } from './placement.ts'
import { type Latest } from './use-latest-ref.ts'
import { type UseSelection } from './use-selection.ts'

type Options = {
  board: UseBoard
  byId: Map<string, BoardElement>
  elements: Latest<BoardElement[]>
  selection: UseSelection
  canvas: RefObject<HTMLDivElement>
  /** The board point in the middle of the canvas, where a new frame goes. */
  center: () => Point
}

/**
 * The canvas's changes to the document: create a note or frame (selected, its text focused),
 * delete the selection (announced to screen readers), recolour, and write a move.
 */
export function useBoardEdits({ board, byId, elements, selection, canvas, center }: Options) {
  const { t } = useT()
  const { change, me, readOnly } = board
  const { selected, setSelected } = selection
  const [announcement, setAnnouncement] = useState('')
  const pendingFocus = useRef<string | null>(null)

  // A note just created gets the focus in its text, ready to type.
  useEffect(() => {
    const id = pendingFocus.current
    if (!id || !byId.has(id)) return
    pendingFocus.current = null
    canvas.current?.querySelector<HTMLTextAreaElement>(`[data-element-id="${id}"] textarea`)?.focus()
  }, [byId, canvas])

  const createNote = useCallback(
    (at: Point) => {
      if (readOnly) return
      // In free space: centred on `at` (the middle of the view, or the pointer) if nothing is there, else the nearest gap.
      const notes = elements.current.filter((e) => e.type === 'note')
      const rect = { ...placeNote(notes, at, NOTE_SIZE), ...NOTE_SIZE }
      let id = ''
      change((d) => (id = addNote(d, { x: rect.x, y: rect.y, author: me, frameId: frameAt(elements.current, rect) })))
      pendingFocus.current = id
      setSelected(new Set([id]))
    },
    [change, elements, me, readOnly, setSelected],
  )

  const createFrame = useCallback(() => {
    if (readOnly) return
    const at = center()
    let id = ''
    change((d) => (id = addFrame(d, { x: at.x - 200, y: at.y - 150, author: me })))
    pendingFocus.current = id
    setSelected(new Set([id]))
  }, [center, change, me, readOnly, setSelected])

  const removeSelected = useCallback(() => {
    if (readOnly || selected.size === 0) return
    const count = selected.size
    change((d) => deleteElements(d, [...selected]))
    setSelected(new Set())
    setAnnouncement(t('boards.list.deleted') + (count > 1 ? ` (${count})` : ''))
    canvas.current?.focus()
  }, [canvas, change, readOnly, selected, setSelected, t])

  const setColor = useCallback((id: string, color: NoteColor) => change((d) => updateElement(d, id, { color })), [change])

  /** Writes a move of `ids` (already with the notes their frames carry) by (dx, dy). */
  const commitMove = useCallback(
    (ids: Set<string>, dx: number, dy: number) => {
      const patches = movePatches(elements.current, ids, dx, dy)
      change((d) => {
        for (const { id, patch } of patches) updateElement(d, id, patch)
      })
    },
    [change, elements],
  )

  return { createNote, createFrame, removeSelected, setColor, commitMove, announcement }
}

export type UseBoardEdits = ReturnType<typeof useBoardEdits>
