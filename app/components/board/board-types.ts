import { type ReactNode } from 'react'
import { type BoardElement } from '#app/board/model.ts'

/** What the voting phase gives the board (the shape of `useDotVotes`). */
export type DotVotes = {
  mine: Record<string, number>
  totals: Record<string, number> | null
  remaining: number
  vote: (noteId: string, delta: 1 | -1) => void
  /** Whether dots can be placed now; when false, counts (and totals) are shown without buttons. Default true. */
  open?: boolean
}

export type BoardView = 'canvas' | 'list'

/** What a session adds to the board: hidden notes, dots, and actions on the selection. */
export type BoardExtras = {
  /** Silent ideation: others' notes are drawn as blank cards. */
  hideOthersNotes?: boolean
  /** Voting phase: a dot button on each note, counts shown; totals when not null. */
  dots?: DotVotes | null
  /** A slot for actions on the selected elements (e.g. "Promover a idea"). */
  selectionActions?: (selected: BoardElement[]) => ReactNode
  /** Notes that became ideas show a link to them (default true). */
  ideaLinks?: boolean
  /** A live session: the facilitator's view is shared and the others follow it (ADR 031). */
  follow?: { lead: boolean; available: boolean }
}
