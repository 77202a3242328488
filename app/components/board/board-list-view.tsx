import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import { useT } from '#app/i18n/use-t.ts'
import { addNote, deleteElements, noteColors, updateElement, type BoardElement, type NoteColor } from '#app/board/model.ts'
import { type UseBoard } from '#app/board/client/use-board.ts'
import { BoundText } from './bound-text.tsx'
import { colorKeys } from './board-note.tsx'
import { type BoardExtras } from './board-types.ts'
import { freeSpot } from './layout.ts'

const control = 'rounded border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 disabled:bg-slate-100'
const smallButton = 'rounded border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50 disabled:opacity-40'

const UNGROUPED = 'none'

/**
 * The board as lists, one per frame ("Sin marco" for the rest), for keyboards, screen readers
 * and slow phones: add, edit, recolour, move between frames, delete and vote with ordinary
 * form controls. It is rendered on the server from the stored document, so it reads before
 * the page's JavaScript arrives; the controls work once it has.
 */
export function BoardListView({ board, hideOthersNotes = false, dots = null, ideaLinks = true }: { board: UseBoard } & Omit<BoardExtras, 'selectionActions'>) {
  const { t } = useT()
  const { elements, readOnly, change, me } = board
  const hydrated = useHydrated()
  const [announcement, setAnnouncement] = useState('')
  const [focusNote, setFocusNote] = useState<string | null>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const frames = elements.filter((e) => e.type === 'frame')
  const notes = elements.filter((e) => e.type === 'note')
  const frameTitle = (frame: BoardElement | undefined) => (frame ? frame.text.trim() || t('boards.frame.untitled') : t('boards.list.ungrouped'))
  const groups = [
    ...frames.map((frame) => ({ id: frame.id as string | null, title: frameTitle(frame), notes: notes.filter((n) => n.frameId === frame.id) })),
    { id: null, title: t('boards.list.ungrouped'), notes: notes.filter((n) => !n.frameId || !frames.some((f) => f.id === n.frameId)) },
  ]
  const disabled = readOnly || !hydrated

  // After a move the note sits in another list: the focus follows it there.
  useEffect(() => {
    if (!focusNote) return
    const item = listRef.current?.querySelector<HTMLElement>(`[data-note-id="${focusNote}"]`)
    const target = item?.querySelector<HTMLElement>('textarea') ?? item
    if (target) {
      target.focus()
      setFocusNote(null)
    }
  }, [focusNote, elements])

  const moveNote = (note: BoardElement, frameId: string | null) => {
    if (frameId === note.frameId) return
    // The note also moves on the canvas: into a free place of its new frame.
    const spot = freeSpot(
      elements.filter((e) => e.id !== note.id),
      frameId,
    )
    change((d) => updateElement(d, note.id, { frameId, x: spot.x, y: spot.y }))
    setAnnouncement(t('boards.list.moved', { frame: frameTitle(frames.find((f) => f.id === frameId)) }))
    setFocusNote(note.id)
  }

  const removeNote = (note: BoardElement) => {
    change((d) => deleteElements(d, [note.id]))
    setAnnouncement(t('boards.list.deleted'))
    listRef.current?.querySelector<HTMLElement>('#board-list-title')?.focus()
  }

  return (
    <div ref={listRef} className="space-y-6" data-testid="board-list">
      <div>
        <h2 id="board-list-title" tabIndex={-1} className="text-xl font-semibold text-brand-900 focus:outline-none">
          {t('boards.list.title')}
        </h2>
        <p className="text-sm text-slate-600">{t('boards.list.intro')}</p>
        {dots && dots.open !== false ? (
          <p className="mt-1 font-medium text-brand-900" data-testid="dots-remaining">
            {t('boards.dots.remaining', { count: dots.remaining })}
          </p>
        ) : null}
        {!hydrated && !readOnly ? <p className="mt-1 text-sm text-slate-600">{t('boards.list.needsJs')}</p> : null}
      </div>

      {!readOnly ? <AddNoteForm board={board} frames={frames} disabled={disabled} frameTitle={frameTitle} onAdded={() => setAnnouncement(t('boards.list.added'))} /> : null}

      {groups.map((group) =>
        group.id === null && group.notes.length === 0 && frames.length > 0 ? null : (
          <section key={group.id ?? 'none'} aria-labelledby={`group-${group.id ?? 'none'}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h3 id={`group-${group.id ?? 'none'}`} className="flex items-baseline gap-2 text-lg font-semibold text-slate-900">
              {group.title}
              <span className="text-sm font-normal text-slate-600">{t('boards.frame.notes', { count: group.notes.length })}</span>
            </h3>
            {group.notes.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('boards.list.empty')}</p>
            ) : (
              <ul className="mt-3 space-y-3">
                {group.notes.map((note) => (
                  <ListNote
                    key={note.id}
                    board={board}
                    note={note}
                    frames={frames}
                    frameTitle={frameTitle}
                    disabled={disabled}
                    hydrated={hydrated}
                    hidden={hideOthersNotes && note.authorKey !== me.key}
                    dots={dots}
                    ideaLinks={ideaLinks}
                    onMove={moveNote}
                    onDelete={removeNote}
                  />
                ))}
              </ul>
            )}
          </section>
        ),
      )}
      <p aria-live="polite" role="status" className="sr-only">
        {announcement}
      </p>
    </div>
  )
}

function AddNoteForm({
  board,
  frames,
  disabled,
  frameTitle,
  onAdded,
}: {
  board: UseBoard
  frames: BoardElement[]
  disabled: boolean
  frameTitle: (frame: BoardElement | undefined) => string
  onAdded: () => void
}) {
  const { t } = useT()
  const id = useId()
  const [text, setText] = useState('')
  const [chosenFrame, setFrameId] = useState('')
  // The first frame unless another (or none) was chosen.
  const frameId = chosenFrame === UNGROUPED || frames.some((f) => f.id === chosenFrame) ? chosenFrame : (frames[0]?.id ?? UNGROUPED)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = text.trim()
    if (!value) return
    const target = frameId === UNGROUPED ? null : frameId
    const spot = freeSpot(board.elements, target)
    board.change((d) => addNote(d, { ...spot, text: value, author: board.me, frameId: target }))
    setText('')
    onAdded()
  }
  return (
    <form onSubmit={submit} className="rounded-lg border border-brand-100 bg-brand-50 p-4" aria-labelledby={`${id}-title`}>
      <fieldset disabled={disabled} className="space-y-3">
        <h3 id={`${id}-title`} className="font-semibold text-brand-900">
          {t('boards.list.addTitle')}
        </h3>
        <div className="space-y-1">
          <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-900">
            {t('boards.list.newText')}
          </label>
          <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={3} required className={`${control} w-full`} />
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div className="space-y-1">
            <label htmlFor={`${id}-frame`} className="block text-sm font-medium text-slate-900">
              {t('boards.list.newFrame')}
            </label>
            <select id={`${id}-frame`} value={frameId} onChange={(e) => setFrameId(e.target.value)} className={control}>
              {frames.map((frame) => (
                <option key={frame.id} value={frame.id}>
                  {frameTitle(frame)}
                </option>
              ))}
              <option value={UNGROUPED}>{t('boards.list.ungrouped')}</option>
            </select>
          </div>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-40">
            {t('boards.list.add')}
          </button>
        </div>
      </fieldset>
    </form>
  )
}

function ListNote({
  board,
  note,
  frames,
  frameTitle,
  disabled,
  hydrated,
  hidden,
  dots,
  ideaLinks,
  onMove,
  onDelete,
}: {
  board: UseBoard
  note: BoardElement
  frames: BoardElement[]
  frameTitle: (frame: BoardElement | undefined) => string
  disabled: boolean
  /** Dots are a session action, not an edit: they work on a locked board too. */
  hydrated: boolean
  hidden: boolean
  dots: BoardExtras['dots']
  ideaLinks: boolean
  onMove: (note: BoardElement, frameId: string | null) => void
  onDelete: (note: BoardElement) => void
}) {
  const { t } = useT()
  const id = useId()
  // The frame chosen in the select, until the note's frame changes (here or elsewhere).
  const [choice, setChoice] = useState({ from: note.frameId, value: note.frameId ?? UNGROUPED })
  const target = choice.from === note.frameId ? choice.value : (note.frameId ?? UNGROUPED)
  const setTarget = (value: string) => setChoice({ from: note.frameId, value })
  const author = note.authorName || t('boards.anonymous')
  const summary = note.text.trim().slice(0, 60)
  const colors = noteColors[note.color]

  if (hidden) {
    return (
      <li data-note-id={note.id} tabIndex={-1} className="rounded border-2 border-dashed border-slate-400 p-3 text-sm text-slate-600 italic">
        {t('boards.note.hidden')}
      </li>
    )
  }
  return (
    <li data-note-id={note.id} data-testid="list-note" tabIndex={-1} className="space-y-2 rounded border-l-8 bg-slate-50 p-3" style={{ borderLeftColor: colors.border }}>
      <div className="space-y-1">
        <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-800">
          {t('boards.note.textOf', { author })}
        </label>
        <BoundText
          id={`${id}-text`}
          doc={board.doc}
          elementId={note.id}
          writer={board.me}
          readOnly={disabled}
          rows={Math.min(6, Math.max(2, note.text.split('\n').length))}
          className={`${control} w-full`}
          style={{ background: colors.fill }}
        />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor={`${id}-color`} className="block text-xs font-medium text-slate-700">
            {t('boards.list.color')}
          </label>
          <select
            id={`${id}-color`}
            value={note.color}
            disabled={disabled}
            onChange={(e) => board.change((d) => updateElement(d, note.id, { color: e.target.value as NoteColor }))}
            className={control}
          >
            {colorKeys.map((key) => (
              <option key={key} value={key}>
                {t(`boards.colors.${key}`)}
              </option>
            ))}
          </select>
        </div>
        <MoveToFrame id={`${id}-frame`} note={note} frames={frames} frameTitle={frameTitle} disabled={disabled} target={target} onTarget={setTarget} onMove={onMove} />
        {dots ? <NoteDots note={note} dots={dots} summary={summary} hydrated={hydrated} /> : null}
        {ideaLinks && note.ideaId ? (
          <a href={`/ideas/${note.ideaId}`} className="text-sm font-semibold">
            {t('boards.note.ideaLong')}
          </a>
        ) : null}
        <button
          type="button"
          disabled={disabled}
          onClick={() => onDelete(note)}
          aria-label={t('boards.list.deleteOf', { text: summary || author })}
          className="ml-auto rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-40"
        >
          {t('boards.list.delete')}
        </button>
      </div>
    </li>
  )
}

/** The list's "Mover a" control: a frame (or none) and a button, so choosing is not yet moving. */
function MoveToFrame({
  id,
  note,
  frames,
  frameTitle,
  disabled,
  target,
  onTarget,
  onMove,
}: {
  id: string
  note: BoardElement
  frames: BoardElement[]
  frameTitle: (frame: BoardElement | undefined) => string
  disabled: boolean
  /** The chosen frame id, or UNGROUPED. */
  target: string
  onTarget: (value: string) => void
  onMove: (note: BoardElement, frameId: string | null) => void
}) {
  const { t } = useT()
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {t('boards.list.moveTo')}
      </label>
      <div className="flex gap-1">
        <select id={id} value={target} disabled={disabled} onChange={(e) => onTarget(e.target.value)} className={control}>
          {frames.map((frame) => (
            <option key={frame.id} value={frame.id}>
              {frameTitle(frame)}
            </option>
          ))}
          <option value={UNGROUPED}>{t('boards.list.ungrouped')}</option>
        </select>
        <button type="button" disabled={disabled || target === (note.frameId ?? UNGROUPED)} onClick={() => onMove(note, target === UNGROUPED ? null : target)} className={smallButton}>
          {t('boards.list.moveButton')}
        </button>
      </div>
    </div>
  )
}

/** A note's dots in the voting phase: one's own count (and the totals when shown), with − and + while voting is open. */
function NoteDots({ note, dots, summary, hydrated }: { note: BoardElement; dots: NonNullable<BoardExtras['dots']>; summary: string; hydrated: boolean }) {
  const { t } = useT()
  const mine = dots.mine[note.id] ?? 0
  const total = dots.totals?.[note.id]
  return (
    <div className="flex items-center gap-2" data-testid="list-dots">
      {dots.open !== false ? (
        <button type="button" className={smallButton} disabled={!hydrated || mine === 0} onClick={() => dots.vote(note.id, -1)} aria-label={t('boards.dots.removeFrom', { text: summary })}>
          −
        </button>
      ) : null}
      <span className="text-sm text-slate-800">
        {t('boards.dots.mine', { count: mine })}
        {total !== undefined ? ` · ${t('boards.dots.total', { count: total })}` : ''}
      </span>
      {dots.open !== false ? (
        <button type="button" className={smallButton} disabled={!hydrated || dots.remaining <= 0} onClick={() => dots.vote(note.id, 1)} aria-label={t('boards.dots.addTo', { text: summary })}>
          +●
        </button>
      ) : null}
    </div>
  )
}
