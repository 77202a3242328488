import { and, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { challenges, cocreationSessions, ideas, pilots } from '#db/schema.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

// Issue 11 §5: a link pasted into WhatsApp or a social network shows a preview (Open Graph and
// Twitter card tags), and every shareable page has a share button that works without JavaScript.

const PUBLIC_URL = 'https://cocrea.example.gt'
let server: TestServer
const db = () => server.database.db

beforeAll(async () => {
  server = await startTestServer({ publicUrl: PUBLIC_URL })
  await seedDemoData(db())
})
afterAll(() => server?.stop())

/** The content of each <meta property|name="…"> (attribute order as React writes it). */
function metaTags(html: string) {
  const head = html.slice(0, html.indexOf('</head>'))
  const tags = new Map<string, string>()
  for (const m of head.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"\/>/g)) tags.set(m[1], m[2].replaceAll('&amp;', '&').replaceAll('&quot;', '"'))
  return tags
}

describe('link previews', () => {
  test('challenge, idea, session and pilot pages carry title, plain description, absolute URL and image on the public address', async () => {
    const [challenge] = await db().select().from(challenges).where(eq(challenges.slug, 'renovar-el-dpi-sin-filas')).limit(1)
    const [idea] = await db().select().from(ideas).where(and(eq(ideas.challengeId, challenge.id), eq(ideas.status, 'published'))).limit(1)
    const [session] = await db().select().from(cocreationSessions).limit(1)
    const [pilot] = await db().select().from(pilots).where(isNotNull(pilots.slug)).limit(1)
    const pages = [
      { path: `/retos/${challenge.slug}`, title: challenge.title },
      { path: `/ideas/${idea.id}`, title: idea.title },
      { path: `/sesiones/${session.id}`, title: session.title },
      { path: `/pilotos/${pilot.slug}`, title: pilot.title },
    ]
    for (const { path, title } of pages) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(200)
      const html = await response.text()
      const tags = metaTags(html)
      expect(tags.get('og:title'), path).toBe(title)
      expect(tags.get('twitter:title'), path).toBe(title)
      expect(tags.get('og:url'), path).toBe(`${PUBLIC_URL}${path}`)
      expect(tags.get('og:image'), path).toMatch(new RegExp(`^${PUBLIC_URL}/`))
      expect(tags.get('twitter:card'), path).toBe('summary_large_image')
      expect(tags.get('og:locale'), path).toBe('es_GT')
      const description = tags.get('og:description') ?? ''
      expect(description.length, path).toBeGreaterThan(10)
      expect(description.length, path).toBeLessThanOrEqual(200)
      // Plain text: no Markdown syntax reaches the preview.
      expect(description, path).not.toMatch(/\*\*|^#|\]\(|`/)
      expect(html, path).toContain(`<link rel="canonical" href="${PUBLIC_URL}${path}"/>`)
      // The share button: a WhatsApp link with the title and address, and the address to copy.
      expect(html, path).toContain(`href="https://wa.me/?text=${encodeURIComponent(`${title} ${PUBLIC_URL}${path}`).replaceAll("'", '&#x27;')}"`)
      expect(html, path).toContain(`value="${PUBLIC_URL}${path}"`)
    }
  })

  test('the platform’s card is served when there is no cover, and a hidden idea offers nothing to share', async () => {
    const card = await fetch(`${server.url}/og-card.png`)
    expect(card.status).toBe(200)
    expect(card.headers.get('content-type')).toBe('image/png')
    expect([...new Uint8Array(await card.arrayBuffer()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])

    const [idea] = await db().select().from(ideas).limit(1)
    await db().update(ideas).set({ status: 'hidden' }).where(eq(ideas.id, idea.id))
    const html = await (await fetch(`${server.url}/ideas/${idea.id}`)).text()
    expect(metaTags(html).has('og:title')).toBe(false)
    expect(html).not.toContain('data-testid="share"')
  })
})
