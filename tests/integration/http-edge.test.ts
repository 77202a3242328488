import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { postForm } from '#tests/helpers/forms.ts'
import { signUpAndSignIn } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

// What browsers do with a Location: tabs and newlines vanish, `\` is `/`; the result must stay on our host.
const hostileRedirects = ['/\t/example.org', '%2F%09%2Fexample.org', '/\n/example.org', '//example.org', '/\\example.org', '/%2F/example.org', '/%5C%5Cexample.org', 'https://example.org', '/%09/example.org']

describe('open redirects', () => {
  test('sign-in sends the person back only to a path of this site', async () => {
    const { email, password } = await signUpAndSignIn(server.url, 'Redirigida Segura')
    for (const redirectTo of hostileRedirects) {
      // As /login?redirectTo=… puts it in the form: decoded once by the page.
      const value = redirectTo.includes('%') ? decodeURIComponent(redirectTo) : redirectTo
      const signedIn = await postForm(server.url, '/login', { email, password, redirectTo: value })
      expect(signedIn.status, value).toBe(302)
      expect(signedIn.location, value).toBe('/')
    }
    const fine = await postForm(server.url, '/login', { email, password, redirectTo: '/retos?fase=abierta' })
    expect(fine.location).toBe('/retos?fase=abierta')
  })

  test('the language switcher too', async () => {
    for (const redirectTo of hostileRedirects) {
      const value = redirectTo.includes('%') ? decodeURIComponent(redirectTo) : redirectTo
      const switched = await postForm(server.url, '/language', { lng: 'en', redirectTo: value })
      expect(switched.status, value).toBe(302)
      expect(switched.location, value).toBe('/')
    }
    expect((await postForm(server.url, '/language', { lng: 'en', redirectTo: '/pilotos' })).location).toBe('/pilotos')
  })
})

/**
 * A huge body sent the way an attacker would: in 1 MiB chunks as fast as the server reads them,
 * with a declared Content-Length or chunked. Stops sending once the server has answered.
 */
function postHuge(url: string, { totalBytes, declareLength, headers = {} }: { totalBytes: number; declareLength: boolean; headers?: Record<string, string> }) {
  return new Promise<{ status: number; html: string; sent: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 'email=a%40b.gt&password=xxxxxxxx&'.repeat(1))
    chunk.fill('a')
    let sent = 0
    let answered = false
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, ...(declareLength ? { 'content-length': String(totalBytes) } : {}), ...headers },
    })
    req.on('response', (res) => {
      answered = true
      let html = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (html += d))
      res.on('end', () => resolve({ status: res.statusCode!, html, sent }))
    })
    // The server closes the connection after refusing: writing on may fail, which is expected.
    req.on('error', (err) => (answered ? undefined : reject(err)))
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    pump()
  })
}

describe('request bodies', () => {
  const MB = 1024 * 1024

  test('a 150 MB form post is refused with 413 and a page in the reader’s language, without reading it into memory', async () => {
    const before = process.memoryUsage().rss
    const started = Date.now()
    const es = await postHuge(`${server.url}/login`, { totalBytes: 150 * MB, declareLength: true })
    expect(es.status).toBe(413)
    expect(es.html).toContain('<html lang="es"')
    expect(es.html).toContain('Envío demasiado grande')
    expect(es.sent).toBeLessThan(150 * MB)

    // Chunked (no Content-Length): counted as it arrives, refused at the limit.
    const en = await postHuge(`${server.url}/login`, { totalBytes: 150 * MB, declareLength: false, headers: { 'accept-language': 'en' } })
    expect(en.status).toBe(413)
    expect(en.html).toContain('<html lang="en"')
    expect(en.html).toContain('Too large')
    expect(en.sent).toBeLessThan(150 * MB)
    expect(Date.now() - started).toBeLessThan(10_000)
    // Both bodies together were 300 MB; what this process grew by is a small fraction of that.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB)

    // The server is still there and the form still works.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const wrong = await postForm(server.url, '/login', { email: 'nadie@ejemplo.gt', password: 'no-es-esta' })
    expect(wrong.status).toBe(401)
  }, 60_000)

  test('every page route has the limit, multipart included (within it, a form is read as before)', async () => {
    for (const path of ['/signup', '/retos/nuevo', '/pilotos/cualquiera', '/language', '/no-existe']) {
      const big = await postHuge(`${server.url}${path}`, { totalBytes: 20 * MB, declareLength: true, headers: { 'content-type': 'multipart/form-data; boundary=x' } })
      expect(big.status, path).toBe(413)
    }
    const form = new FormData()
    form.set('lng', 'en')
    form.set('redirectTo', '/retos')
    const multipart = await fetch(`${server.url}/language`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: server.url } })
    expect(multipart.status).toBe(302)
    expect(multipart.headers.get('location')).toBe('/retos')
  }, 60_000)

  test('the API answers a body over its limit with the JSON error', async () => {
    const response = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@b.gt', password: 'x'.repeat(200_000) }) })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ error: { code: 'too_large', message: expect.any(String) } })
  })
})
