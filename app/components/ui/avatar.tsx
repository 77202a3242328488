/**
 * A person's initials on a colour of their own (issue 11 §8): shown beside author names. Decorative —
 * the name is always written next to it — so it is hidden from assistive technology.
 */

/** White text on each of these passes WCAG AA (at least 4.5:1). Literal class names, for Tailwind to find. */
const palette = [
  'bg-brand-700',
  'bg-emerald-700',
  'bg-rose-700',
  'bg-violet-700',
  'bg-amber-700',
  'bg-teal-700',
  'bg-sky-700',
  'bg-fuchsia-700',
  'bg-indigo-700',
  'bg-red-700',
] as const

/** The first letters of the first and last words ("María José Cabrera" → "MC"); "?" for an empty name. */
export function initials(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  const first = (word: string) => Array.from(word)[0] ?? ''
  const letters = words.length === 1 ? first(words[0]) : first(words[0]) + first(words[words.length - 1])
  return letters.toLocaleUpperCase('es')
}

/** The same name always gets the same colour (FNV-1a over the normalised name). */
export function avatarColour(name: string) {
  let hash = 0x811c9dc5
  for (const char of name.trim().toLocaleLowerCase('es')) {
    hash ^= char.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return palette[hash % palette.length]
}

const sizes = { sm: 'h-6 w-6 text-[0.625rem]', md: 'h-8 w-8 text-xs', lg: 'h-16 w-16 text-xl' } as const

export function Avatar({ name, size = 'md' }: { name: string; size?: keyof typeof sizes }) {
  return (
    <span
      aria-hidden="true"
      data-avatar={initials(name)}
      className={`inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold leading-none tracking-wide text-white ${sizes[size]} ${avatarColour(name)}`}
    >
      {initials(name)}
    </span>
  )
}
