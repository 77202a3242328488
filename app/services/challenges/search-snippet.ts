/**
 * Search snippets as plain text with the matches marked (issue 11): the database's headline marks
 * matches with two private-use characters that never occur in content, the Markdown syntax is
 * taken out here, and the result is a list of parts the page renders as text and `<mark>`
 * elements — the text is never HTML, so nothing in a challenge or idea can inject markup.
 */

/** Start and end of a match in ts_headline's output (Unicode private use area; stripped from content first). */
export const MATCH_START = '\uE000'
export const MATCH_STOP = '\uE001'
const MARKERS = /[\uE000\uE001]/g

export type SnippetPart = { text: string; match: boolean }

/** Markdown syntax out of a fragment of Markdown (which may be cut anywhere), keeping the words and the match markers. */
export function stripMarkdown(fragment: string): string {
  return (
    fragment
      // Images and links keep their text: ![alt](src), [text](url), and a link cut by the fragment's ends.
      .replace(/!?\[([^\]\n]*)\]\([^)\s]*\)?/g, '$1')
      .replace(/^[^[\]\n]*?\]\([^)\s]*\)?/, (m) => m.replace(/\]\([^)\s]*\)?$/, ''))
      .replace(/!?\[([^\]\n]*)$/, '$1')
      .replace(/\]\([^)\s]*\)?/g, '')
      // Line syntax: headings, quotes, list markers, rules.
      .replace(/(^|\n)[ \t]*#{1,6}[ \t]+/g, '$1')
      .replace(/(^|\n)[ \t]*>[ \t]?/g, '$1')
      .replace(/(^|\n)[ \t]*(?:[-+*]|\d{1,3}[.)])[ \t]+/g, '$1')
      .replace(/(^|\n)[ \t]*([-*_])(?:[ \t]*\2){2,}[ \t]*(?=\n|$)/g, '$1')
      // Inline syntax: strong, emphasis, strike-through, code.
      .replace(/(\*\*|__|~~)/g, '')
      .replace(/`+/g, '')
      .replace(/(^|[\s(\uE000\uE001"'«])[*_]+(?=[^\s*_])/g, '$1')
      .replace(/([^\s*_])[*_]+(?=[\s).,;:!?"'»\uE000\uE001]|$)/g, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

/** The headline's text as parts: Markdown removed, matches flagged. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  const plain = stripMarkdown(headline)
  const pattern = new RegExp(`${MATCH_START}([^${MATCH_START}${MATCH_STOP}]*)${MATCH_STOP}`, 'g')
  let last = 0
  for (const m of plain.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: plain.slice(last, m.index), match: false })
    if (m[1]) parts.push({ text: m[1], match: true })
    last = m.index + m[0].length
  }
  if (last < plain.length) parts.push({ text: plain.slice(last), match: false })
  // A marker left unpaired by a cut is dropped.
  return parts.map((p) => ({ ...p, text: p.text.replace(MARKERS, '') })).filter((p) => p.text)
}

/** The snippet as plain text (the API's `snippet`). */
export const snippetText = (parts: SnippetPart[]) => parts.map((p) => p.text).join('')
