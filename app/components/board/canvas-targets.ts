/** Controls inside notes and frames: they keep the pointer and the keys they need for themselves. */
export const INTERACTIVE = 'textarea, input, button, select, a, [role="radiogroup"]'

/** The id of the note or frame `target` is part of. */
export function elementIdOf(target: HTMLElement): string | undefined {
  return target.closest<HTMLElement>('[data-element-id]')?.dataset.elementId
}
