import { expect } from 'vitest'

/** Every visible control of the page has a label pointing at it. */
export function expectLabelledControls(html: string) {
  const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/type="hidden"/.test(tag))
  expect(controls.length).toBeGreaterThan(0)
  for (const tag of controls) {
    const id = /\bid="([^"]+)"/.exec(tag)?.[1]
    expect(id, tag).toBeTruthy()
    expect(html, tag).toContain(`for="${id}"`)
  }
}

/** The page's words: tags become spaces, the common entities are decoded, whitespace collapses (the hydration data stays in). */
export function pageText(html: string) {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}
