import { memo } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import type * as Y from 'yjs'
import { noteColors, type Author, type BoardElement, type NoteColor } from '#app/board/model.ts'
import { BoundText } from './bound-text.tsx'
import { type DotVotes } from './board-types.ts'

export const colorKeys = Object.keys(noteColors) as NoteColor[]

type NoteProps = {
  note: BoardElement
  doc: Y.Doc
  me: Author
  readOnly: boolean
  selected: boolean
  hidden: boolean
  dots: DotVotes | null
  ideaLinks: boolean
  /** Where the note is drawn while it is being dragged or resized (not yet in the document). */
  preview: { dx: number; dy: number; w?: number; h?: number } | null
  onColor: (id: string, color: NoteColor) => void
}

/** One sticky note on the canvas: author, text bound to its Y.Text, colour, dots, idea link, resize handle. */
export const BoardNote = memo(function BoardNote({ note, doc, me, readOnly, selected, hidden, dots, ideaLinks, preview, onColor }: NoteProps) {
  const { t } = useT()
  const colors = noteColors[note.color]
  const author = note.authorName || t('boards.anonymous')
  const summary = note.text.trim().slice(0, 60)
  const mine = dots?.mine[note.id] ?? 0
  const total = dots?.totals?.[note.id]
  return (
    <div
      data-element-id={note.id}
      data-kind="note"
      data-testid="board-note"
      role="group"
      tabIndex={0}
      aria-label={hidden ? t('boards.note.hidden') : summary ? t('boards.note.labelWithText', { author, text: summary }) : t('boards.note.label', { author })}
      data-selected={selected || undefined}
      className={`absolute flex flex-col rounded-md border-2 shadow-md transition-shadow focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-600 ${selected ? 'ring-4 ring-brand-600 shadow-lg' : ''}`}
      style={{
        left: note.x + (preview?.dx ?? 0),
        top: note.y + (preview?.dy ?? 0),
        width: preview?.w ?? note.w,
        height: preview?.h ?? note.h,
        background: hidden ? '#ffffff' : colors.fill,
        borderColor: hidden ? '#94a3b8' : colors.border,
        borderStyle: hidden ? 'dashed' : 'solid',
        zIndex: 1000 + note.z,
      }}
    >
      <div data-handle="move" className={`flex min-h-6 items-center justify-between gap-1 px-2 pt-1 text-xs text-slate-700 ${readOnly ? '' : 'cursor-move'}`}>
        <span className="truncate font-medium" title={author}>
          {t('boards.note.by', { author })}
        </span>
        {ideaLinks && note.ideaId ? (
          <a href={`/ideas/${note.ideaId}`} className="shrink-0 rounded bg-white/80 px-1 font-semibold text-brand-800" title={t('boards.note.ideaLong')}>
            {t('boards.note.idea')}
          </a>
        ) : null}
      </div>
      {hidden ? (
        <p className="flex flex-1 items-center justify-center px-2 text-center text-sm text-slate-500 italic">{t('boards.note.hidden')}</p>
      ) : (
        <BoundText
          doc={doc}
          elementId={note.id}
          writer={me}
          readOnly={readOnly}
          aria-label={t('boards.note.textOf', { author })}
          placeholder={readOnly ? undefined : t('boards.note.placeholder')}
          className="min-h-0 flex-1 resize-none bg-transparent px-2 py-1 text-sm leading-snug text-slate-900 placeholder:text-slate-500 focus:outline-none"
        />
      )}
      {(selected && !readOnly && !hidden) || dots ? (
        <div className="flex flex-wrap items-center gap-1 px-2 pb-1">
          {selected && !readOnly && !hidden ? (
            <div role="group" aria-label={t('boards.note.color')} className="flex gap-0.5">
              {colorKeys.map((key) => (
                <button
                  key={key}
                  type="button"
                  aria-label={t('boards.note.colorOption', { color: t(`boards.colors.${key}`) })}
                  aria-pressed={note.color === key}
                  onClick={() => onColor(note.id, key)}
                  className={`h-4 w-4 rounded-full border ${note.color === key ? 'ring-2 ring-slate-900' : ''}`}
                  style={{ background: noteColors[key].fill, borderColor: noteColors[key].border }}
                />
              ))}
            </div>
          ) : null}
          {dots && !hidden ? (
            <div className="ml-auto flex items-center gap-1" data-testid="note-dots">
              {mine > 0 && dots.open !== false ? (
                <button
                  type="button"
                  onClick={() => dots.vote(note.id, -1)}
                  aria-label={t('boards.dots.removeFrom', { text: summary })}
                  className="h-6 w-6 rounded-full border border-slate-500 bg-white text-sm font-bold leading-none"
                >
                  −
                </button>
              ) : null}
              <span className="text-xs font-semibold text-slate-800" title={t('boards.dots.mine', { count: mine })}>
                <span aria-hidden="true">{'●'.repeat(Math.min(mine, 5))}</span>
                <span className="sr-only">{t('boards.dots.mine', { count: mine })}</span>
                {total !== undefined ? <span className="ml-1">{t('boards.dots.total', { count: total })}</span> : null}
              </span>
              {dots.open !== false ? (
                <button
                  type="button"
                  onClick={() => dots.vote(note.id, 1)}
                  disabled={dots.remaining <= 0}
                  aria-label={t('boards.dots.addTo', { text: summary })}
                  className="h-6 rounded-full bg-brand-700 px-2 text-xs font-bold text-white disabled:opacity-40"
                >
                  +●
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
      {!readOnly ? (
        <div data-handle="resize" aria-hidden="true" title={t('boards.note.resize')} className="absolute right-0 bottom-0 h-4 w-4 cursor-nwse-resize">
          <svg viewBox="0 0 16 16" className="h-4 w-4 text-slate-600">
            <path d="M14 6 6 14M14 10l-4 4" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </div>
      ) : null}
    </div>
  )
})

type FrameProps = {
  frame: BoardElement
  doc: Y.Doc
  me: Author
  readOnly: boolean
  selected: boolean
  noteCount: number
  preview: { dx: number; dy: number; w?: number; h?: number } | null
}

/** A frame: a titled area that groups notes; moving it moves its notes. */
export const BoardFrame = memo(function BoardFrame({ frame, doc, me, readOnly, selected, noteCount, preview }: FrameProps) {
  const { t } = useT()
  const colors = noteColors[frame.color]
  const title = frame.text.trim() || t('boards.frame.untitled')
  return (
    <div
      data-element-id={frame.id}
      role="group"
      data-kind="frame"
      data-testid="board-frame"
      tabIndex={0}
      aria-label={t('boards.frame.label', { title })}
      data-selected={selected || undefined}
      className={`absolute rounded-xl border-2 focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-600 ${selected ? 'ring-4 ring-brand-600' : ''}`}
      style={{
        left: frame.x + (preview?.dx ?? 0),
        top: frame.y + (preview?.dy ?? 0),
        width: preview?.w ?? frame.w,
        height: preview?.h ?? frame.h,
        background: `${colors.fill}66`,
        borderColor: colors.border,
        zIndex: frame.z,
      }}
    >
      <div data-handle="move" className={`flex items-center gap-2 rounded-t-lg px-3 py-2 ${readOnly ? '' : 'cursor-move'}`} style={{ background: `${colors.fill}cc` }}>
        <BoundText
          doc={doc}
          elementId={frame.id}
          writer={me}
          readOnly={readOnly}
          rows={1}
          aria-label={t('boards.frame.title')}
          placeholder={t('boards.frame.untitled')}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault()
          }}
          className="min-w-0 flex-1 resize-none overflow-hidden bg-transparent text-base leading-6 font-semibold text-slate-900 focus:outline-none"
        />
        <span className="shrink-0 text-xs text-slate-700">{t('boards.frame.notes', { count: noteCount })}</span>
      </div>
      {!readOnly ? (
        <div data-handle="resize" aria-hidden="true" title={t('boards.note.resize')} className="absolute right-0 bottom-0 h-5 w-5 cursor-nwse-resize">
          <svg viewBox="0 0 16 16" className="h-5 w-5 text-slate-600">
            <path d="M14 6 6 14M14 10l-4 4" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </div>
      ) : null}
    </div>
  )
})
