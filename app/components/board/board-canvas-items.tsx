import { useMemo } from 'react'
import { type NoteColor } from '#app/board/model.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'
import { BoardCursors } from './board-cursors.tsx'
import { BoardFrame, BoardNote } from './board-note.tsx'
import { type BoardExtras } from './board-types.ts'
import { type DragPreview } from './gestures.ts'
import { type Rect } from './layout.ts'
import { type Viewport } from './viewport.ts'

type Props = Pick<BoardExtras, 'dots'> & {
  board: UseBoard
  viewport: Viewport
  selected: Set<string>
  preview: DragPreview | null
  marquee: Rect | null
  hideOthersNotes: boolean
  ideaLinks: boolean
  onColor: (id: string, color: NoteColor) => void
}

/** What the canvas draws, panned and zoomed: frames, then notes above them, the selection rectangle and everyone's cursors. */
export function BoardCanvasItems({ board, viewport, selected, preview, marquee, hideOthersNotes, dots = null, ideaLinks, onColor }: Props) {
  const { doc, elements, readOnly, me } = board
  const notes = elements.filter((e) => e.type === 'note')
  const frames = elements.filter((e) => e.type === 'frame')
  const notesPerFrame = useMemo(() => {
    const counts = new Map<string, number>()
    for (const e of elements) if (e.type === 'note' && e.frameId) counts.set(e.frameId, (counts.get(e.frameId) ?? 0) + 1)
    return counts
  }, [elements])
  const previewOf = (id: string) => (preview?.ids.has(id) ? preview.preview : null)

  return (
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
          onColor={onColor}
        />
      ))}
      {marquee ? (
        <div className="pointer-events-none absolute border-2 border-dashed border-brand-600 bg-brand-600/10" style={{ left: marquee.x, top: marquee.y, width: marquee.w, height: marquee.h, zIndex: 100000 }} />
      ) : null}
      <BoardCursors peers={board.peers} zoom={viewport.zoom} />
    </div>
  )
}
