import { afterAll, beforeAll, expect, test } from 'vitest'
import { seedDemoData } from '#server/demo/seed.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  // With the demo data, so the home page holds what a visitor would see.
  const database = await createTestDatabase()
  await seedDemoData(database.db)
  server = await startTestServer({ database })
}, 120_000)
afterAll(async () => {
  await server?.stop()
})

/** Uncompressed bytes of a response body (fetch undoes the gzip the server applies). */
async function bytes(url: string) {
  const response = await fetch(url)
  expect(response.status, url).toBe(200)
  return (await response.arrayBuffer()).byteLength
}

test('the home page is under 100 KB of HTML and CSS before any JavaScript (issue 11 §8)', async () => {
  const html = await (await fetch(`${server.url}/`)).text()
  const stylesheets = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)].map((m) => /href="([^"]+)"/.exec(m[0])![1])
  expect(stylesheets.length).toBeGreaterThan(0)
  const htmlBytes = Buffer.byteLength(html)
  const cssBytes = (await Promise.all(stylesheets.map((href) => bytes(new URL(href, server.url).toString())))).reduce((a, b) => a + b, 0)
  const total = htmlBytes + cssBytes
  expect(total, `HTML ${htmlBytes} B + CSS ${cssBytes} B`).toBeLessThan(100 * 1024)

  // The web font is self-hosted, Latin only, and swapped in (never blocks the text).
  const css = await (await fetch(new URL(stylesheets[0]!, server.url))).text()
  const faces = css.match(/@font-face\s*\{[^}]*\}/g) ?? []
  expect(faces).toHaveLength(1)
  expect(faces[0]).toContain('font-display:swap')
  const font = /url\(([^)]+\.woff2)\)/.exec(faces[0]!)![1]!.replace(/["']/g, '')
  expect(font).toMatch(/^\/assets\/inter-latin-wght-normal-[\w-]+\.woff2$/)
  expect(await bytes(new URL(font, server.url).toString())).toBeLessThan(60 * 1024)
})
