import { useTranslation } from 'react-i18next'
import { type BoardAccess } from '#app/board/client/board-provider.ts'
import { type Author } from '#app/board/model.ts'
import { useBoard } from '#app/board/client/use-board.ts'
import { BoardCanvas } from './board-canvas.tsx'
import { BoardListView } from './board-list-view.tsx'
import { BoardPresence } from './board-presence.tsx'
import { BoardStatusBanner } from './board-status.tsx'
import { type BoardExtras, type BoardView } from './board-types.ts'

export type BoardProps = BoardExtras & {
  boardId: string
  initialAccess: BoardAccess
  /** The document as the page loaded it (base64 Yjs update), so the board shows before the socket syncs. */
  initialState?: string | null
  /** 'user:<id>' or 'guest:<participantId>', and the name shown on notes and cursors. */
  me: Author
  view?: BoardView
}

/**
 * A live board: connection status, who is here, and the canvas or the list view of the same
 * document (switching keeps the connection and the undo history).
 */
export function Board({ boardId, initialAccess, initialState, me, view = 'canvas', ...extras }: BoardProps) {
  const { t } = useTranslation()
  const board = useBoard({ boardId, initialAccess, initialState, me })
  return (
    // Undo and redo take back one's own changes, also while typing in a note (the document's history, not the textarea's).
    <div
      className="space-y-3"
      data-testid="board"
      data-board-status={board.status}
      data-access={board.access}
      onKeyDown={(event) => {
        if (!(event.ctrlKey || event.metaKey) || board.readOnly) return
        const target = event.target as HTMLElement
        if (target.closest('input, textarea, select') && !target.hasAttribute('data-bound-text')) return
        const key = event.key.toLowerCase()
        if (key === 'z' || key === 'y') {
          event.preventDefault()
          if (key === 'y' || event.shiftKey) board.redo()
          else board.undo()
        }
      }}
    >
      <BoardStatusBanner status={board.status} readOnly={board.readOnly} error={board.error} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <BoardPresence peers={board.peers} />
        {extras.dots && extras.dots.open !== false && view === 'canvas' ? (
          <p className="font-medium text-brand-900" data-testid="dots-remaining">
            {t('boards.dots.remaining', { count: extras.dots.remaining })}
          </p>
        ) : null}
      </div>
      {view === 'list' ? <BoardListView board={board} {...extras} /> : <BoardCanvas board={board} {...extras} />}
    </div>
  )
}
