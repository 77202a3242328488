import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sessions, users } from '#db/schema.ts'
import { getPage, postForm } from '#tests/helpers/forms.ts'
import { cookieFrom, postJson, signUpAndSignIn, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({
    rateLimits: { signInPerAccount: { points: 3, durationSeconds: 60 }, signInPerIp: { points: 1000, durationSeconds: 60 } },
  })
})
afterAll(() => server?.stop())

describe('home page and language', () => {
  test('is Spanish by default and English with Accept-Language: en', async () => {
    const es = await getPage(server.url, '/')
    expect(es.status).toBe(200)
    expect(es.html).toContain('<html lang="es"')
    expect(es.html).toContain('Co-creemos mejores servicios públicos')
    const en = await getPage(server.url, '/', { 'accept-language': 'en-GB,en;q=0.9' })
    expect(en.html).toContain('<html lang="en"')
    expect(en.html).toContain('co-create better public services')
  })

  test('the language switcher works without JavaScript and is remembered', async () => {
    const switched = await postForm(server.url, '/language', { lng: 'en', redirectTo: '/login' })
    expect(switched.status).toBe(302)
    expect(switched.location).toBe('/login')
    const cookie = cookieFrom(switched.response, 'cocrea_lang')!
    expect(cookie).toBe('cocrea_lang=en')
    const page = await getPage(server.url, '/login', { cookie, 'accept-language': 'es' })
    expect(page.html).toContain('<html lang="en"')
    expect(page.html).toContain('>Sign in<')
  })

  test('an off-site redirectTo is ignored', async () => {
    const switched = await postForm(server.url, '/language', { lng: 'es', redirectTo: '//evil.example/x' })
    expect(switched.location).toBe('/')
  })

  test('a signed-in person’s switch is saved to their profile', async () => {
    const { token, user } = await signUpAndSignIn(server.url, 'Cambio Idioma')
    const cookie = `cocrea_session=${token}`
    await postForm(server.url, '/language', { lng: 'en', redirectTo: '/' }, { cookie })
    const [row] = await server.database.db.select().from(users).where(eq(users.id, user.id))
    expect(row.language).toBe('en')
    // The profile wins over the browser's Accept-Language.
    expect((await getPage(server.url, '/', { cookie, 'accept-language': 'es' })).html).toContain('<html lang="en"')
  })
})

describe('errors and operations', () => {
  test('an unknown page is a 404 in the reader’s language, without a stack trace', async () => {
    const es = await getPage(server.url, '/no-existe')
    expect(es.status).toBe(404)
    expect(es.html).toContain('Página no encontrada')
    const en = await getPage(server.url, '/no-existe', { 'accept-language': 'en' })
    expect(en.html).toContain('Page not found')
  })

  test('security headers, with a CSP nonce that matches the page’s scripts', async () => {
    const { response, html } = await getPage(server.url, '/')
    const csp = response.headers.get('content-security-policy')!
    const nonce = csp.match(/'nonce-([^']+)'/)![1]
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('x-powered-by')).toBeNull()
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`)
  })

  test('no link or form on the list pages carries Remix’s internal `?index`', async () => {
    for (const path of ['/', '/retos', '/pilotos', '/datos', '/buscar']) {
      const { status, html } = await getPage(server.url, path)
      expect(status, path).toBe(200)
      expect(html, path).not.toMatch(/(href|action)="[^"]*\?index/)
    }
  })

  test('GET /healthz and GET /metrics', async () => {
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' })
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toMatch(/cocrea_http_requests_total\{method="GET",kind="ops",status="200"\} \d+/)
    expect(metrics).toContain('process_cpu_user_seconds_total')
  })
})

describe('CSRF: the Origin check', () => {
  test('a cross-site form post is refused with 403 and creates nothing', async () => {
    const email = uniqueEmail('csrf')
    const result = await postForm(server.url, '/signup', { name: 'Atacante', email, password: 'una-clave-larga' }, { origin: 'https://evil.example' })
    expect(result.status).toBe(403)
    expect(result.html).toContain('viene de otro sitio')
    const api = await postJson(`${server.url}/api/v1/users`, { name: 'Atacante', email, password: 'una-clave-larga' }, { origin: 'https://evil.example' })
    expect(api.status).toBe(403)
    expect(api.body.error.code).toBe('cross_site')
    const fetchSite = await postForm(server.url, '/signup', { name: 'Atacante', email, password: 'una-clave-larga' }, { 'sec-fetch-site': 'cross-site' })
    expect(fetchSite.status).toBe(403)
    expect(await server.database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0)
  })

  test('a cross-site sign-out cannot end a session', async () => {
    const { token } = await signUpAndSignIn(server.url)
    await postForm(server.url, '/logout', {}, { cookie: `cocrea_session=${token}`, origin: 'https://evil.example' })
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  })
})

describe('sign-up, sign-in and sign-out forms (no JavaScript)', () => {
  test('invalid sign-up re-renders with messages, keeps the name, never echoes the password, stores nothing', async () => {
    const result = await postForm(server.url, '/signup', { name: 'Iván <b>Chen</b>', email: 'no-valido', password: 'corta-pero-secreta'.slice(0, 5) })
    expect(result.status).toBe(400)
    expect(result.html).toContain('Escribe un correo electrónico válido')
    expect(result.html).toContain('La contraseña debe tener al menos 10 caracteres.')
    expect(result.html).toContain('value="Iván &lt;b&gt;Chen&lt;/b&gt;"')
    expect(result.html).not.toContain('corta')
    expect(result.html).toContain('aria-invalid="true"')
  })

  test('sign-up signs the person in and greets them; their name is shown as text', async () => {
    const email = uniqueEmail()
    const result = await postForm(server.url, '/signup', { name: '<script>alert(1)</script> Lucía', email, password: 'una-clave-larga', acceptTerms: 'on' })
    expect(result.status).toBe(302)
    expect(result.location).toBe('/')
    const session = cookieFrom(result.response, 'cocrea_session')!
    const flash = cookieFrom(result.response, 'cocrea_flash')!
    const home = await getPage(server.url, '/', { cookie: `${session}; ${flash}` })
    expect(home.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Lucía')
    expect(home.html).not.toContain('<script>alert(1)</script>')
    expect(home.html).toContain('Cerrar sesión')
  })

  test('wrong credentials re-render the sign-in form with the same message for unknown e-mails', async () => {
    const { email } = await signUpAndSignIn(server.url)
    const wrong = await postForm(server.url, '/login', { email, password: 'incorrecta-123' })
    const unknown = await postForm(server.url, '/login', { email: uniqueEmail('nadie'), password: 'incorrecta-123' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.html).toContain('El correo o la contraseña no son correctos.')
    expect(unknown.html).toContain('El correo o la contraseña no son correctos.')
  })

  test('the sign-in form is rate limited: 429, Retry-After and a message in Spanish', async () => {
    const { email } = await signUpAndSignIn(server.url)
    for (let i = 0; i < 3; i++) await postForm(server.url, '/login', { email, password: `mala-${i}-clave` })
    const limited = await postForm(server.url, '/login', { email, password: 'contraseña-segura-1' })
    expect(limited.status).toBe(429)
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.html).toMatch(/Demasiados intentos\. Vuelve a intentarlo en \d+ segundos\./)
  })

  test('sign-in sets the session cookie and goes back where the person was; sign-out ends the session', async () => {
    const { email, password } = await signUpAndSignIn(server.url)
    const signedIn = await postForm(server.url, '/login', { email, password, redirectTo: '/settings' })
    expect(signedIn.status).toBe(302)
    expect(signedIn.location).toBe('/settings')
    const cookie = cookieFrom(signedIn.response, 'cocrea_session')!
    expect((await getPage(server.url, '/settings', { cookie })).status).toBe(200)
    const out = await postForm(server.url, '/logout', {}, { cookie })
    expect(out.status).toBe(302)
    expect(out.response.headers.getSetCookie().join()).toMatch(/cocrea_session=;/)
    const after = await getPage(server.url, '/settings', { cookie })
    expect(after.status).toBe(302)
    expect(after.response.headers.get('location')).toBe('/login?redirectTo=%2Fsettings')
  })
})

describe('profile and password', () => {
  test('the profile saves name and language', async () => {
    const { token, user } = await signUpAndSignIn(server.url)
    const cookie = `cocrea_session=${token}`
    const saved = await postForm(server.url, '/settings', { intent: 'profile', name: 'Nombre Nuevo', language: 'en' }, { cookie })
    expect(saved.status).toBe(302)
    const [row] = await server.database.db.select().from(users).where(eq(users.id, user.id))
    expect([row.name, row.language]).toEqual(['Nombre Nuevo', 'en'])
    const invalid = await postForm(server.url, '/settings', { intent: 'profile', name: '', language: 'fr' }, { cookie })
    expect(invalid.status).toBe(400)
    expect(invalid.html).toContain('Choose Spanish or English.')
  })

  test('changing the password ends the person’s other sessions but keeps this one', async () => {
    const { token: first, email, password, user } = await signUpAndSignIn(server.url)
    const second = (await postJson(`${server.url}/api/v1/session`, { email, password })).body.token as string
    const wrong = await postForm(
      server.url,
      '/settings',
      { intent: 'password', currentPassword: 'no-es-esta-1', newPassword: 'nueva-clave-larga', confirmPassword: 'nueva-clave-larga' },
      { cookie: `cocrea_session=${first}` },
    )
    expect(wrong.status).toBe(400)
    expect(wrong.html).toContain('La contraseña actual no es correcta.')
    expect(await server.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2)

    const changed = await postForm(
      server.url,
      '/settings',
      { intent: 'password', currentPassword: password, newPassword: 'nueva-clave-larga', confirmPassword: 'nueva-clave-larga' },
      { cookie: `cocrea_session=${first}` },
    )
    expect(changed.status).toBe(302)
    const me = (token: string) => fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)
    expect(await me(first)).toBe(200)
    expect(await me(second)).toBe(401)
    expect((await postJson(`${server.url}/api/v1/session`, { email, password: 'nueva-clave-larga' })).status).toBe(200)
  })
})
