import { type ServerBuild } from '@remix-run/node'
import { eq as eqCol } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { boards, challenges, cocreationSessions, evaluationCriteria, ideas, institutions, kpis, pilots, users } from '#db/schema.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'
import { serverBuild } from '#tests/helpers/paths.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

/**
 * Hostile input through every door: every operation of the OpenAPI document and every page
 * route with an action (from the server build's route manifest), with real ids from the demo
 * data. NUL bytes, bad percent-encodings, year 0000, oversized and malformed bodies must all be
 * a 4xx — the JSON error for the API, a form or page for the site — never a 500.
 */

let server: TestServer
let build: ServerBuild
const ids: Record<string, string> = {}
let accounts: { email: string; password: string; role: string }[] = []

const lots = { points: 1_000_000, durationSeconds: 60 }

beforeAll(async () => {
  const database = await createTestDatabase()
  accounts = (await seedDemoData(database.db)) ?? []
  server = await startTestServer({ database, rateLimits: { signInPerAccount: lots, signInPerIp: lots, signUpPerIp: lots, votePerUser: lots } })
  build = (await import(/* @vite-ignore */ serverBuild)) as ServerBuild
  const db = database.db
  const [open] = await db.select().from(challenges).orderBy(challenges.phase)
  const byPhase = new Map((await db.select().from(challenges)).map((c) => [c.phase, c]))
  const challenge = byPhase.get('open') ?? byPhase.get('voting') ?? open
  const [idea] = await db.select().from(ideas).where(eqCol(ideas.challengeId, challenge.id)).limit(1)
  const [anyIdea] = idea ? [idea] : await db.select().from(ideas).limit(1)
  const [session] = await db.select().from(cocreationSessions).limit(1)
  const [pilot] = await db.select().from(pilots).limit(1)
  const [kpi] = await db.select().from(kpis).limit(1)
  const [criterion] = await db.select().from(evaluationCriteria).limit(1)
  const [board] = await db.select().from(boards).limit(1)
  const [institution] = await db.select().from(institutions).limit(1)
  const [user] = await db.select().from(users).limit(1)
  Object.assign(ids, {
    challengeId: challenge.id,
    challengeSlug: challenge.slug,
    ideaId: anyIdea.id,
    sessionId: session.id,
    pilotId: pilot.id,
    pilotSlug: pilot.slug,
    kpiId: kpi.id,
    criterionId: criterion.id,
    boardId: board.id,
    institutionId: institution.id,
    userId: user.id,
  })
}, 180_000)
afterAll(() => server?.stop())

const NUL = 'Texto\u0000 hostil con un carácter nulo en medio'
const hostilePathSegments = ['%00', '%FF', 'a%00b', '%C0%80', '%E0%A4%A', `${'a'.repeat(3000)}`]

/** A fresh session of the demo account with this role (as signing in makes, without an Argon2 check per request). */
async function signIn(role: string) {
  const account = accounts.find((a) => a.role === role)!
  const [user] = await server.database.db.select().from(users).where(eqCol(users.email, account.email))
  return (await startAuthSession(user.id)).token
}

/** A short description of a response for failure messages. */
const describeResponse = async (r: Response) => `${r.status} ${(await r.clone().text()).slice(0, 300)}`

// ——— The API, from its OpenAPI document ———

type Schema = {
  $ref?: string
  type?: string | string[]
  format?: string
  enum?: unknown[]
  properties?: Record<string, Schema>
  items?: Schema
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  anyOf?: Schema[]
  oneOf?: Schema[]
}
type Doc = { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } }

/** A leaf of a body: where it is and what kind of value it holds. */
type Leaf = { path: string[]; kind: 'text' | 'date' | 'datetime' | 'other'; maxLength?: number }

function resolve(doc: Doc, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components!.schemas![schema.$ref.split('/').pop()!])
  if (schema.anyOf) return resolve(doc, schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0])
  if (schema.oneOf) return resolve(doc, schema.oneOf[0])
  return schema
}

const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type)

const uuidFor = (name: string) =>
  ({ institutionId: ids.institutionId, userId: ids.userId, ideaId: ids.ideaId, criterionId: ids.criterionId, parentId: ids.ideaId, kpiId: ids.kpiId })[name] ?? ids.ideaId

/** A plausible valid value for the schema (so hostile values reach as deep as they can), with its leaves. */
function sample(doc: Doc, raw: Schema, path: string[], leaves: Leaf[]): unknown {
  const schema = resolve(doc, raw)
  const name = path[path.length - 1] ?? ''
  const type = typeOf(schema)
  if (schema.enum) return leaves.push({ path, kind: 'other' }), schema.enum[0]
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(doc, v, [...path, k], leaves)]))
  }
  if (type === 'array') return [sample(doc, schema.items ?? {}, [...path, '0'], leaves)]
  if (type === 'integer' || type === 'number') return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? 100)
  if (type === 'boolean') return true
  if (schema.format === 'uuid') return leaves.push({ path, kind: 'other' }), uuidFor(name)
  if (schema.format === 'date') return leaves.push({ path, kind: 'date' }), '2026-03-01'
  if (schema.format === 'date-time') return leaves.push({ path, kind: 'datetime' }), '2026-03-01T15:00:00.000Z'
  leaves.push({ path, kind: 'text', maxLength: schema.maxLength })
  const text = 'Texto de prueba para un campo de la API, con suficiente largo para los mínimos de cada campo.'
  const min = schema.minLength ?? 1
  return text.repeat(Math.ceil(min / text.length) + 1).slice(0, Math.min(Math.max(min, 40), schema.maxLength ?? 200))
}

function setAt(body: unknown, path: string[], value: unknown) {
  const copy = structuredClone(body) as Record<string, unknown>
  let node = copy as Record<string, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>
  node[path[path.length - 1]] = value
  return copy
}

type ApiCase = { label: string; method: string; path: string; body?: string; contentType?: string }

function apiCases(doc: Doc): ApiCase[] {
  const cases: ApiCase[] = []
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const m = method.toUpperCase()
      const params = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
      const fill = (name: string, value?: string) => {
        if (value !== undefined) return value
        if (name === 'targetType') return 'idea'
        if (name === 'targetId') return ids.ideaId
        if (name === 'kpiId') return ids.kpiId
        if (template.startsWith('/pilots')) return ids.pilotId
        if (template.startsWith('/sessions')) return ids.sessionId
        if (template.startsWith('/ideas')) return ids.ideaId
        return ids.challengeId
      }
      const pathWith = (hostile?: { name: string; value: string }) => template.replace(/\{(\w+)\}/g, (_, name: string) => fill(name, hostile?.name === name ? hostile.value : undefined))
      const label = `${m} ${template}`
      cases.push({ label: `${label} with a NUL in an unknown query parameter`, method: m, path: `${pathWith()}?x=%00` })
      // Hostile path segments (NUL, bad escapes, absurd lengths), one parameter at a time.
      for (const name of params) for (const value of hostilePathSegments) cases.push({ label: `${label} with {${name}} = ${value.slice(0, 12)}`, method: m, path: pathWith({ name, value }) })
      // Hostile query strings.
      for (const q of (operation.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const value of ['%00', 'a%00b', '%FF', 'x'.repeat(5000)]) cases.push({ label: `${label} with ?${q.name}=${value.slice(0, 12)}`, method: m, path: `${pathWith()}?${q.name}=${value}` })
      }
      if (m === 'GET') continue
      const path = pathWith()
      // Bodies that are not what the operation reads.
      cases.push({ label: `${label} with no body`, method: m, path })
      cases.push({ label: `${label} with broken JSON`, method: m, path, body: '{"title": "sin cerrar', contentType: 'application/json' })
      cases.push({ label: `${label} with JSON in an unknown charset`, method: m, path, body: '{}', contentType: 'application/json; charset=klingon' })
      cases.push({ label: `${label} with a 300 KB body`, method: m, path, body: JSON.stringify({ title: 'x'.repeat(300_000) }), contentType: 'application/json' })
      cases.push({ label: `${label} with a form body`, method: m, path, body: `title=${encodeURIComponent(NUL)}`, contentType: 'application/x-www-form-urlencoded' })
      const schema = operation.requestBody?.content['application/json']?.schema
      if (!schema) continue
      const leaves: Leaf[] = []
      const valid = sample(doc, schema, [], leaves)
      const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' })
      cases.push({ label: `${label} with NUL in every text`, method: m, path, ...json(leaves.reduce((b, l) => (l.kind === 'text' ? setAt(b, l.path, NUL) : b), valid)) })
      for (const leaf of leaves) {
        const where = leaf.path.join('.')
        cases.push({ label: `${label} with NUL in ${where}`, method: m, path, ...json(setAt(valid, leaf.path, NUL)) })
        cases.push({ label: `${label} with NUL alone in ${where}`, method: m, path, ...json(setAt(valid, leaf.path, '\u0000')) })
        if (leaf.kind === 'date') for (const d of ['0000-01-01', '0000-00-00', '9999-12-31', '2026-02-30']) cases.push({ label: `${label} with ${where} = ${d}`, method: m, path, ...json(setAt(valid, leaf.path, d)) })
        if (leaf.kind === 'datetime' || leaf.kind === 'text') {
          for (const d of ['0000-01-01T00:00:00Z', '0000-01-01T00:00', '-000001-01-01T00:00:00Z', '275760-09-13T00:00:00Z']) cases.push({ label: `${label} with ${where} = ${d}`, method: m, path, ...json(setAt(valid, leaf.path, d)) })
        }
        if (leaf.kind === 'text') cases.push({ label: `${label} with ${where} oversized`, method: m, path, ...json(setAt(valid, leaf.path, 'x'.repeat(Math.min((leaf.maxLength ?? 50_000) + 1, 90_000)))) })
        cases.push({ label: `${label} with ${where} of the wrong type`, method: m, path, ...json(setAt(valid, leaf.path, { $gt: '' })) })
      }
    }
  }
  return cases
}

describe('the API, operation by operation from its OpenAPI document', () => {
  test('no hostile input is a 500; every refusal is the documented JSON error', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Doc
    const cases = apiCases(doc)
    const operations = new Set(cases.map((c) => c.label.split(' with ')[0]))
    expect(operations.size).toBeGreaterThanOrEqual(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0))
    const token = await signIn('admin')
    const failures: string[] = []
    for (const c of cases) {
      // Signing out would end the session the other cases use: that operation is sent without it.
      const auth: Record<string, string> = c.path.endsWith('/session') ? {} : { authorization: `Bearer ${token}` }
      const response = await fetch(`${server.url}/api/v1${c.path}`, { method: c.method, headers: { ...(c.contentType ? { 'content-type': c.contentType } : {}), ...auth }, body: c.body })
      const type = response.headers.get('content-type') ?? ''
      if (response.status >= 500) failures.push(`${c.label}: ${await describeResponse(response)}`)
      else if (response.status >= 400) {
        const body = type.includes('application/json') ? await response.json() : null
        if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') failures.push(`${c.label}: not the JSON error: ${response.status} ${type}`)
      }
    }
    expect(failures).toEqual([])
  }, 240_000)
})

// ——— The pages: every route with an action, from the build's route manifest ———

type FormField = { name: string; value: string; type: string }
type FoundForm = { action: string; fields: FormField[]; submits: { name: string; value: string }[]; multipart: boolean; identity: string }

const decodeEntities = (s: string) =>
  s.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|#39);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()] ?? m,
  )
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)
  return m ? decodeEntities(m[1]) : undefined
}

/** The post forms of a page, as a browser would send them. */
function formsOf(html: string, pagePath: string, identity: string): FoundForm[] {
  const forms: FoundForm[] = []
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [open, inner] = [`<form ${m[1]}>`, m[2]]
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue
    const action = attr(open, 'action') ?? pagePath
    const fields: FormField[] = []
    const submits: { name: string; value: string }[] = []
    for (const tag of inner.matchAll(/<(input|textarea|select|button)\b[^>]*>/gi)) {
      const t = tag[0]
      const name = attr(t, 'name')
      const kind = tag[1].toLowerCase()
      const type = (attr(t, 'type') ?? (kind === 'input' ? 'text' : kind)).toLowerCase()
      if (kind === 'button' || type === 'submit') {
        if (name) submits.push({ name, value: attr(t, 'value') ?? '' })
        continue
      }
      if (!name || type === 'file') continue
      let value = attr(t, 'value') ?? ''
      if (kind === 'select') value = /<option\b[^>]*value="([^"]*)"/i.exec(inner.slice(tag.index!))?.[1] ?? ''
      if (kind === 'textarea') value = decodeEntities(/^[^>]*>([\s\S]*?)<\/textarea>/i.exec(inner.slice(tag.index!))?.[1] ?? '')
      if ((type === 'checkbox' || type === 'radio') && fields.some((f) => f.name === name)) continue
      fields.push({ name, value, type })
    }
    forms.push({ action, fields, submits, multipart: /multipart\/form-data/i.test(attr(open, 'enctype') ?? ''), identity })
  }
  return forms
}

/** A route's URL with real ids (or the given value) in its parameters. */
function routeUrl(routeId: string, fill?: string) {
  const route = build.routes[routeId]
  const chain: string[] = []
  for (let r: (typeof build.routes)[string] | undefined = route; r; r = r.parentId ? build.routes[r.parentId] : undefined) if (r.path) chain.unshift(r.path)
  const path = `/${chain.join('/')}`.replace(/:(\w+)/g, (_, name: string) => {
    if (fill !== undefined) return fill
    if (name === 'slug') return routeId.includes('pilotos') ? ids.pilotSlug : ids.challengeSlug
    if (name === 'boardId') return ids.boardId
    if (name === 'file') return 'a'.repeat(32) + '.png'
    return routeId.includes('sesiones') ? ids.sessionId : ids.ideaId
  })
  return route.index ? `${path === '/' ? '' : path}?index` : path
}

const pathOnly = (url: string) => url.split('?')[0].replace(/\/$/, '') || '/'

function multipartBody(fields: [string, string][], boundary: string) {
  return fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`
}

describe('the pages, route by route from the route manifest', () => {
  test('no hostile form post to any route with an action is a 500', async () => {
    const actionRoutes = Object.entries(build.routes).filter(([, r]) => r.module.action).map(([id]) => id)
    const pageRoutes = Object.entries(build.routes).filter(([id, r]) => r.module.default && r.module.loader && id !== 'root' && !r.path?.includes('*'))
    expect(actionRoutes.length).toBeGreaterThan(20)

    // Sign-in for each identity; the admin sees every management form, the anonymous reader the sign-in and sign-up ones.
    const cookieFor = async (identity: string) => (identity === 'anonymous' ? '' : `cocrea_session=${await signIn(identity)}`)
    const identities = ['admin', 'facilitator', 'anonymous']
    const cookies = Object.fromEntries(await Promise.all(identities.map(async (i) => [i, await cookieFor(i)] as const)))

    // Crawl: every page's post forms, as each identity sees them.
    const found: FoundForm[] = []
    for (const [id] of pageRoutes) {
      for (const identity of identities) {
        const url = routeUrl(id)
        const response = await fetch(`${server.url}${url}`, { headers: cookies[identity] ? { cookie: cookies[identity] } : {}, redirect: 'manual' })
        if (response.status !== 200) continue
        found.push(...formsOf(await response.text(), url, identity))
      }
    }

    const failures: string[] = []
    let posts = 0
    const send = async (label: string, url: string, identity: string, body: BodyInit | undefined, contentType: string | undefined) => {
      // A fresh session per post: a hostile post that signs out or changes a role must not spoil the next one.
      const cookie = identity === 'anonymous' ? undefined : `cocrea_session=${await signIn(identity)}`
      const response = await fetch(`${server.url}${url}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: server.url, ...(contentType ? { 'content-type': contentType } : {}), ...(cookie ? { cookie } : {}) },
        body,
      })
      posts++
      if (response.status >= 500) failures.push(`${label}: ${await describeResponse(response)}`)
      else await response.arrayBuffer()
    }

    for (const routeId of actionRoutes) {
      const url = routeUrl(routeId)
      const forms = found.filter((f) => pathOnly(f.action) === pathOnly(url) && (f.action.includes('?index') === url.includes('?index') || !url.includes('?index')))
      // A route no page shows a form for still gets every field name the site's forms use.
      const allNames = [...new Set(found.flatMap((f) => f.fields.map((x) => x.name)))]
      const targets: FoundForm[] = forms.length ? forms : [{ action: url, fields: allNames.map((name) => ({ name, value: '', type: 'text' })), submits: [], multipart: false, identity: 'admin' }]
      const seen = new Set<string>()
      for (const form of targets) {
        for (const submit of form.submits.length ? form.submits : [undefined]) {
          // The same form seen by several people (or on several pages) is sent once, by the first who saw it.
          const key = `${JSON.stringify(form.fields.map((f) => f.name))}|${submit?.value}`
          if (seen.has(key)) continue
          seen.add(key)
          const base: [string, string][] = form.fields.map((f) => [f.name, f.value])
          if (submit) base.push([submit.name, submit.value])
          const label = `${routeId} (${form.identity}${submit ? `, ${submit.name}=${submit.value}` : ''})`
          const textual = form.fields.filter((f) => !['checkbox', 'radio', 'hidden', 'select'].includes(f.type))
          const withValue = (name: string, value: string) => base.map(([k, v]): [string, string] => [k, k === name ? value : v])
          const urlencoded = (fields: [string, string][]) => new URLSearchParams(fields).toString()
          const post = (what: string, fields: [string, string][]) => send(`${label} ${what}`, form.action, form.identity, urlencoded(fields), 'application/x-www-form-urlencoded')
          await post('NUL in every field', base.map(([k, v]) => [k, k === 'intent' ? v : NUL]))
          for (const field of form.fields) {
            await post(`NUL in ${field.name}`, withValue(field.name, NUL))
            if (field.type.startsWith('date') || /at$|date|on$/i.test(field.name)) {
              for (const d of ['0000-01-01', '0000-01-01T00:00', '0000-00-00T00:00']) await post(`${field.name} = ${d}`, withValue(field.name, d))
            }
          }
          // Longer than any field allows (the longest, a challenge's problem, takes 20,000 characters).
          if (textual.length) await post('every text oversized', base.map(([k, v]): [string, string] => [k, textual.some((f) => f.name === k) ? 'x'.repeat(25_000) : v]))
          if (form.multipart) {
            const boundary = 'hostil123'
            const nul = base.map(([k, v]): [string, string] => [k, k === 'intent' ? v : NUL])
            await send(`${label} multipart NUL`, form.action, form.identity, multipartBody(nul, boundary), `multipart/form-data; boundary=${boundary}`)
            // A text part above what a multipart text field may be (1 MiB), within the body limit.
            if (textual[0]) await send(`${label} multipart ${textual[0].name} of 2 MB`, form.action, form.identity, multipartBody(withValue(textual[0].name, 'x'.repeat(2 * 1024 * 1024)), boundary), `multipart/form-data; boundary=${boundary}`)
          }
        }
      }
      // The same for every action, whatever its form: broken multipart, malformed headers, nothing at all.
      const b = 'hostil123'
      const raw: [string, string | undefined, string | undefined][] = [
        ['no body', undefined, undefined],
        ['empty urlencoded body', '', 'application/x-www-form-urlencoded'],
        ['a JSON body', '{"title":"x"}', 'application/json'],
        ['a text body', 'title=x', 'text/plain'],
        ['multipart without boundary', 'title=x', 'multipart/form-data'],
        ['multipart, wrong boundary', multipartBody([['title', 'x']], 'otro'), `multipart/form-data; boundary=${b}`],
        ['multipart, truncated', `--${b}\r\nContent-Disposition: form-data; name="title"\r\n\r\nsin fin`, `multipart/form-data; boundary=${b}`],
        ['multipart, malformed Content-Disposition', `--${b}\r\nContent-Disposition: form-data; name=\r\n\r\nx\r\n--${b}\r\nContent-Disposition: ; ; filename*=\r\n\r\ny\r\n--${b}--\r\n`, `multipart/form-data; boundary=${b}`],
        ['multipart, no headers in a part', `--${b}\r\n\r\nx\r\n--${b}--\r\n`, `multipart/form-data; boundary=${b}`],
        ['multipart, NUL in a field name', multipartBody([['ti\u0000tle', 'x'], ['intent', '\u0000']], b), `multipart/form-data; boundary=${b}`],
        ['multipart, a file where text goes', `--${b}\r\nContent-Disposition: form-data; name="title"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhola\r\n--${b}--\r\n`, `multipart/form-data; boundary=${b}`],
      ]
      for (const [what, body, type] of raw) await send(`${routeId} (admin) ${what}`, url, 'admin', body, type)
      await send(`${routeId} (anonymous) no body`, url, 'anonymous', undefined, undefined)
    }
    expect(posts).toBeGreaterThan(actionRoutes.length * 12)
    expect(failures).toEqual([])
  }, 600_000)

  test('no page is a 500 for NUL or a bad escape in its path or query string', async () => {
    const failures: string[] = []
    const routes = Object.entries(build.routes).filter(([id, r]) => r.module.loader && id !== 'root')
    for (const [id] of routes) {
      const urls = [...hostilePathSegments.map((s) => routeUrl(id, s)), `${routeUrl(id)}${routeUrl(id).includes('?') ? '&' : '?'}q=%00&page=%FF&fase=a%00&titulo=%E0%A4%A`]
      for (const url of urls) {
        if (!/%|\?|a{100}/.test(url)) continue
        const response = await fetch(`${server.url}${url}`, { redirect: 'manual', headers: { accept: 'text/html' } })
        if (response.status >= 500) failures.push(`GET ${url.slice(0, 120)}: ${await describeResponse(response)}`)
        else await response.arrayBuffer()
      }
    }
    for (const url of ['/retos/%00', '/retos/%00abc', '/ideas/%FF', '/buscar?q=%00', '/buscar?q=%FF', '/assets/%FF.js', '/x%00.png', '/%C0%AE%C0%AE/']) {
      const response = await fetch(`${server.url}${url}`, { redirect: 'manual' })
      if (response.status >= 500) failures.push(`GET ${url}: ${await describeResponse(response)}`)
      else {
        expect(response.status, url).toBeGreaterThanOrEqual(300)
        await response.arrayBuffer()
      }
    }
    expect(failures).toEqual([])
  }, 120_000)
})
