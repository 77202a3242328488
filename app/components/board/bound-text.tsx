import { useEffect, useRef, type TextareaHTMLAttributes } from 'react'
import * as Y from 'yjs'
import { LOCAL } from '#app/board/client/use-board.ts'
import { elementsOf, recordWriter, type Author } from '#app/board/model.ts'

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange'> & {
  doc: Y.Doc
  elementId: string
  writer: Author
  readOnly?: boolean
}

/**
 * A textarea bound to an element's Y.Text: typing becomes the smallest insert/delete on the
 * shared text (so two people typing in one note merge character by character), and remote
 * changes (and undo) update the textarea while keeping the caret where it was.
 */
export function BoundText({ doc, elementId, writer, readOnly, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null)
  const writerRef = useRef(writer)
  useEffect(() => {
    writerRef.current = writer
  }, [writer])
  const map = elementsOf(doc).get(elementId)
  const ytext = map?.get('text')
  const initial = ytext instanceof Y.Text ? ytext.toString() : ''

  useEffect(() => {
    const el = ref.current
    if (!el || !map || !(ytext instanceof Y.Text)) return
    if (el.value !== ytext.toString()) el.value = ytext.toString()
    let composing = false

    const observer = (event: Y.YTextEvent) => {
      const value = ytext.toString()
      if (value === el.value) return
      let start = el.selectionStart ?? 0
      let end = el.selectionEnd ?? 0
      let index = 0
      for (const op of event.delta) {
        if (op.retain) index += op.retain
        else if (op.insert !== undefined) {
          const length = typeof op.insert === 'string' ? op.insert.length : 1
          if (index < start) start += length
          if (index < end) end += length
          index += length
        } else if (op.delete) {
          if (index < start) start -= Math.min(op.delete, start - index)
          if (index < end) end -= Math.min(op.delete, end - index)
        }
      }
      el.value = value
      if (document.activeElement === el) el.setSelectionRange(start, end)
    }

    const apply = () => {
      if (composing) return
      const next = el.value
      const prev = ytext.toString()
      if (next === prev) return
      let head = 0
      while (head < prev.length && head < next.length && prev[head] === next[head]) head++
      let tail = 0
      while (tail < prev.length - head && tail < next.length - head && prev[prev.length - 1 - tail] === next[next.length - 1 - tail]) tail++
      doc.transact(() => {
        const removed = prev.length - head - tail
        if (removed > 0) ytext.delete(head, removed)
        const inserted = next.slice(head, next.length - tail)
        if (inserted) ytext.insert(head, inserted)
        recordWriter(map, writerRef.current)
      }, LOCAL)
    }
    const onCompositionStart = () => void (composing = true)
    const onCompositionEnd = () => {
      composing = false
      apply()
    }

    ytext.observe(observer)
    el.addEventListener('input', apply)
    el.addEventListener('compositionstart', onCompositionStart)
    el.addEventListener('compositionend', onCompositionEnd)
    return () => {
      ytext.unobserve(observer)
      el.removeEventListener('input', apply)
      el.removeEventListener('compositionstart', onCompositionStart)
      el.removeEventListener('compositionend', onCompositionEnd)
    }
  }, [doc, map, ytext])

  return <textarea ref={ref} defaultValue={initial} readOnly={readOnly} spellCheck data-bound-text {...rest} />
}
