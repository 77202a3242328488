import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getPage } from '#tests/helpers/forms.ts'
import { insertChallenge, insertIdea, insertInstitution, insertUser } from '#tests/helpers/fixtures.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
const ids: Record<string, string> = {}
beforeAll(async () => {
  server = await startTestServer()
  const db = server.database.db
  const inst = await insertInstitution(db, 'RENAP')
  const author = await insertUser(db)
  const dpi = await insertChallenge(db, {
    institutionId: inst.id,
    title: 'Trámite del DPI sin filas',
    problem: 'Renovar el Documento Personal de Identificación exige horas de espera en las sedes.',
  })
  const compras = await insertChallenge(db, {
    institutionId: inst.id,
    title: 'Compras municipales en Guatecompras',
    problem: 'Las municipalidades pequeñas no logran publicar sus licencias y trámites de compra a tiempo.',
  })
  const draft = await insertChallenge(db, { institutionId: inst.id, phase: 'draft', title: 'Borrador secreto de trámites', problem: 'No público.' })
  const idea = await insertIdea(db, { challengeId: dpi.id, createdBy: author.id, title: 'Citas en línea para el trámite', description: 'Una agenda en línea con recordatorios por SMS.' })
  const hidden = await insertIdea(db, { challengeId: dpi.id, createdBy: author.id, title: 'Trámite oculto', description: 'Spam', status: 'hidden' })
  const markdown = await insertChallenge(db, {
    institutionId: inst.id,
    title: 'Reto con formato',
    problem: '## Lo que sabemos\n- La **cédula vecinal** caduca y [la guía](https://example.org/guia) no lo dice.\n- Escriben «<img src=x onerror=alert(1)>» y <b>negrita</b> con la cédula en la mano.',
  })
  Object.assign(ids, { dpi: dpi.id, compras: compras.id, draft: draft.id, idea: idea.id, hidden: hidden.id, markdown: markdown.id })
})
afterAll(() => server?.stop())

const api = async (q: string) => {
  const response = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}`)
  return { status: response.status, body: await response.json() }
}

describe('Spanish full-text search', () => {
  test('ignores accents and case: "tramite" and "TRÁMITE" find "Trámite"', async () => {
    for (const q of ['tramite', 'TRÁMITE', 'Tramité']) {
      const { body } = await api(q)
      const found = body.items.map((i: { id: string }) => i.id)
      expect(found).toContain(ids.dpi)
      expect(found).toContain(ids.idea)
    }
  })

  test('matches word forms: "licencias" finds "licencia" and "licencia" finds "licencias"', async () => {
    expect((await api('licencia')).body.items.map((i: { id: string }) => i.id)).toEqual([ids.compras])
    expect((await api('licencias')).body.items.map((i: { id: string }) => i.id)).toEqual([ids.compras])
  })

  test('ranks a title match above a description match, and never shows drafts or hidden ideas', async () => {
    const { body } = await api('trámite')
    const found = body.items.map((i: { id: string }) => i.id)
    expect(found).not.toContain(ids.draft)
    expect(found).not.toContain(ids.hidden)
    // "trámite" is in the DPI challenge's title but only in the body of the procurement one.
    expect(found.indexOf(ids.dpi)).toBeLessThan(found.indexOf(ids.compras))
    expect(body.items[0]).toEqual({ type: expect.any(String), id: expect.any(String), title: expect.any(String), snippet: expect.any(String), parts: expect.any(Array) })
  })

  test('nothing for an empty query, 400 for a query that is too long', async () => {
    expect((await api('')).body).toEqual({ items: [] })
    const long = await api('a'.repeat(201))
    expect(long.status).toBe(400)
    expect(long.body.error.code).toBe('validation')
  })

  test('the search page lists results as links, without JavaScript', async () => {
    const page = await getPage(server.url, '/buscar?q=guatecompras')
    expect(page.status).toBe(200)
    expect(page.html).toContain('1 resultado para «guatecompras»')
    expect(page.html).toMatch(/href="\/retos\/reto-[0-9a-f]+"/)
    const none = await getPage(server.url, '/buscar?q=xyzzy', { 'accept-language': 'en' })
    expect(none.html).toContain('Nothing found for “xyzzy”')
  })

  test('snippets are plain text without Markdown, the matches in <mark>, and HTML in content stays text', async () => {
    const { body } = await api('cédula')
    const item = body.items.find((i: { id: string }) => i.id === ids.markdown)
    expect(item.snippet).not.toMatch(/\*\*|##|\]\(|«cédula»/)
    expect(item.snippet).toContain('La cédula vecinal caduca y la guía no lo dice.')
    expect(item.parts.filter((p: { match: boolean }) => p.match).map((p: { text: string }) => p.text.toLowerCase())).toContain('cédula')
    const page = await getPage(server.url, '/buscar?q=c%C3%A9dula')
    const snippet = page.html.match(/<p[^>]*data-testid="snippet"[^>]*>(.*?)<\/p>/s)![1]
    expect(snippet).toContain('La <mark>cédula</mark> vecinal caduca y la guía no lo dice.')
    expect(snippet).not.toMatch(/\*\*|##|https:\/\/example\.org|«cédula»/)
    // The content's HTML is escaped text: no element but <mark> in the snippet.
    expect(snippet).toContain('&lt;img src=x onerror=alert(1)&gt;')
    // (ts_headline drops what it parses as a tag, like <b>; its words stay.)
    expect(snippet).toContain(' y negrita con la <mark>cédula</mark> en la mano')
    expect(snippet.replace(/<\/?mark>/g, '').replace(/<!-- -->/g, '')).not.toMatch(/<[a-z/]/i)
  })
})
