import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { authSessionIdFromToken } from '#app/services/accounts/auth-sessions.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { accountTokens, auditLog, users } from '#db/schema.ts'
import { insertChallenge, insertIdea, insertInstitution, insertUser } from '#tests/helpers/fixtures.ts'
import { getPage, postForm } from '#tests/helpers/forms.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { decodeMail, linkIn, startSmtpSink } from '#tests/helpers/mail.ts'
import { tmpDir } from '#tests/helpers/paths.ts'
import { startServerProcess } from '#tests/helpers/process.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

/**
 * Issue 11 §4, account basics (ADR 035): password reset and e-mail verification end to end — the app
 * server sends through a real SMTP server (smtp-server on a random loopback port), the test reads what
 * arrived, follows the link over HTTP and finishes the job as a browser without JavaScript would.
 */

let server: TestServer
let sink: Awaited<ReturnType<typeof startSmtpSink>>
const PASSWORD = 'una-clave-larga-y-mia'
const NEW_PASSWORD = 'otra-frase-nueva-para-entrar'
const MAIL_LINKS_PER_ADDRESS = 4
const db = () => server.database.db

beforeAll(async () => {
  sink = await startSmtpSink()
  const lots = { points: 1000, durationSeconds: 3600 }
  server = await startTestServer({ smtpUrl: sink.url, rateLimits: { signUpPerIp: lots, signInPerIp: lots, mailLinksPerIp: lots, mailLinksPerAddress: { points: MAIL_LINKS_PER_ADDRESS, durationSeconds: 3600 } } })
})
afterAll(async () => {
  await server?.stop()
  await sink?.close()
})

/** The visible text of a page, tags dropped and the few entities React writes decoded. */
function textOf(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

/** Signs up through the plain HTML form, as a person would; returns the session cookie. */
async function signUpByForm(name: string, email = uniqueEmail('cuenta')) {
  const res = await postForm(server.url, '/signup', { name, email, password: PASSWORD, acceptTerms: 'on' })
  expect(res.status, res.html.slice(0, 300)).toBe(302)
  return { email, cookie: cookieFrom(res.response, 'cocrea_session')! }
}

async function bearerFor(email: string, password: string) {
  const res = await postJson(`${server.url}/api/v1/session`, { email, password })
  return { status: res.status, token: res.body?.token as string | undefined }
}

/** The `n`-th message with this subject that reached `email`. */
async function mailTo(email: string, subject: string, n = 1) {
  const mail = await vi.waitUntil(() => sink.to(email).map((m) => decodeMail(m.raw)).filter((m) => m.subject === subject)[n - 1], { timeout: 10_000, interval: 25 })
  return mail
}

const RESET_SUBJECT = 'Cocrea: elige una contraseña nueva'
const VERIFY_SUBJECT = 'Cocrea: confirma tu correo'

describe('password reset by e-mail', () => {
  test('the link on /login, the same answer for any address, the e-mailed link, a new password, all sessions ended, the audit entry', async () => {
    const { email, cookie } = await signUpByForm('Rocío Restablece')
    const apiSession = await bearerFor(email, PASSWORD)
    expect(apiSession.status).toBe(200)

    const login = await getPage(server.url, '/login')
    expect(login.html).toContain('href="/olvide-mi-contrasena"')
    expect(textOf(login.html)).toContain('¿Olvidaste tu contraseña?')
    const form = await getPage(server.url, '/olvide-mi-contrasena')
    expect(form.status).toBe(200)
    expect(textOf(form.html)).toContain('Recuperar el acceso a tu cuenta')

    // An unknown address and a known one (typed in capitals) get the same page, apart from the address echoed.
    const unknown = uniqueEmail('nadie')
    const forUnknown = await postForm(server.url, '/olvide-mi-contrasena', { email: unknown })
    const forKnown = await postForm(server.url, '/olvide-mi-contrasena', { email: email.toUpperCase() })
    expect(forUnknown.status).toBe(200)
    expect(forKnown.status).toBe(200)
    const answer = (html: string, address: string) => textOf(html).replaceAll(address, 'X')
    expect(answer(forKnown.html, email)).toBe(answer(forUnknown.html, unknown))
    expect(textOf(forKnown.html)).toContain(`Si existe una cuenta con el correo ${email}, te enviamos un enlace`)

    const mail = await mailTo(email, RESET_SUBJECT)
    expect(mail.text).toContain('Hola, Rocío Restablece:')
    // The link points at the address the server listens on (PUBLIC_URL is unset here).
    const link = linkIn(mail.text, `${server.url}/restablecer-contrasena?token=`)
    const token = new URL(link).searchParams.get('token')!
    // Only the token's SHA-256 is stored.
    const rows = await db().select().from(accountTokens).where(eq(accountTokens.purpose, 'password_reset'))
    expect(rows.some((r) => r.id === authSessionIdFromToken(token))).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(token)
    // The unknown address got nothing (its request came first, so it would be here by now).
    expect(sink.to(unknown)).toHaveLength(0)

    const page = await getPage(server.url, new URL(link).pathname + new URL(link).search)
    expect(page.status).toBe(200)
    expect(textOf(page.html)).toContain(`Elige una contraseña nueva para la cuenta ${email}`)

    // The usual password rules hold here too.
    const formAction = `/restablecer-contrasena?token=${token}`
    expect(page.html).toContain(`action="${formAction}"`)
    const weak = await postForm(server.url, formAction, { token, newPassword: '1234567890', confirmPassword: '1234567890' })
    expect(weak.status).toBe(400)
    expect(textOf(weak.html)).toContain('Esta contraseña es demasiado común')
    const differ = await postForm(server.url, formAction, { token, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` })
    expect(differ.status).toBe(400)
    expect(textOf(differ.html)).toContain('Las contraseñas no coinciden.')

    const done = await postForm(server.url, formAction, { token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(done.status).toBe(302)
    expect(done.location).toBe('/login')
    const after = await getPage(server.url, '/login', { cookie: cookieFrom(done.response, 'cocrea_flash')! })
    expect(textOf(after.html)).toContain('Tu contraseña cambió y se cerraron todas tus sesiones.')

    // Every session of the person ended: the browser's cookie and the API token.
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${apiSession.token}` } })).status).toBe(401)
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401)

    // The old password no longer works; the new one does, through the sign-in form.
    const old = await postForm(server.url, '/login', { email, password: PASSWORD })
    expect(old.status).toBe(401)
    const signedIn = await postForm(server.url, '/login', { email, password: NEW_PASSWORD })
    expect(signedIn.status).toBe(302)
    expect(cookieFrom(signedIn.response, 'cocrea_session')).toBeTruthy()

    const [user] = await db().select().from(users).where(eq(users.email, email))
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'user.reset_password')))
    expect(audit).toHaveLength(1)
    expect(audit[0].actorId).toBe(user.id)
    // Receiving the link proved the address, too.
    expect(user.emailVerifiedAt).not.toBeNull()

    // The same link a second time: refused, with a message that says why, on opening and on sending.
    const reopened = await getPage(server.url, new URL(link).pathname + new URL(link).search)
    expect(reopened.status).toBe(400)
    expect(textOf(reopened.html)).toContain('Este enlace ya se usó.')
    expect(reopened.html).not.toContain('name="newPassword"')
    const resent = await postForm(server.url, formAction, { token, newPassword: 'una-tercera-clave-larga', confirmPassword: 'una-tercera-clave-larga' })
    expect(resent.status).toBe(400)
    expect(textOf(resent.html)).toContain('Este enlace ya se usó.')
    expect((await bearerFor(email, NEW_PASSWORD)).status).toBe(200)
  })

  test('an expired link and an unknown one are refused with a clear message; a newer link replaces an older one', async () => {
    const { email } = await signUpByForm('Ernesto Expira')
    await postForm(server.url, '/olvide-mi-contrasena', { email })
    const first = new URL(linkIn((await mailTo(email, RESET_SUBJECT)).text, server.url)).searchParams.get('token')!
    // An hour later (the clock moved by hand in the database, not by waiting).
    await db()
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.id, authSessionIdFromToken(first)))
    const expired = await getPage(server.url, `/restablecer-contrasena?token=${first}`)
    expect(expired.status).toBe(400)
    expect(textOf(expired.html)).toContain('Este enlace venció (vale una hora).')
    const sent = await postForm(server.url, '/restablecer-contrasena', { token: first, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
    expect(sent.status).toBe(400)
    expect(textOf(sent.html)).toContain('Este enlace venció')
    expect((await bearerFor(email, PASSWORD)).status).toBe(200)

    const unknown = await getPage(server.url, '/restablecer-contrasena?token=abcdefghijklmnopqrstuvwxyz234567')
    expect(unknown.status).toBe(400)
    expect(textOf(unknown.html)).toContain('Este enlace para restablecer la contraseña no es válido.')
    expect((await getPage(server.url, '/restablecer-contrasena')).status).toBe(400)

    // Two requests: only the newest link works.
    await postForm(server.url, '/olvide-mi-contrasena', { email })
    const second = new URL(linkIn((await mailTo(email, RESET_SUBJECT, 2)).text, server.url)).searchParams.get('token')!
    await postForm(server.url, '/olvide-mi-contrasena', { email })
    const third = new URL(linkIn((await mailTo(email, RESET_SUBJECT, 3)).text, server.url)).searchParams.get('token')!
    expect((await getPage(server.url, `/restablecer-contrasena?token=${second}`)).status).toBe(400)
    expect((await getPage(server.url, `/restablecer-contrasena?token=${third}`)).status).toBe(200)
  })

  test('requests for one address are rate-limited, whether or not it has an account', async () => {
    const unknown = uniqueEmail('limite')
    for (let i = 0; i < MAIL_LINKS_PER_ADDRESS; i++) expect((await postForm(server.url, '/olvide-mi-contrasena', { email: unknown })).status).toBe(200)
    const refused = await postForm(server.url, '/olvide-mi-contrasena', { email: unknown })
    expect(refused.status).toBe(429)
    expect(refused.response.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(textOf(refused.html)).toContain('Demasiados intentos.')
    expect(sink.to(unknown)).toHaveLength(0)
  })
})

describe('e-mail verification', () => {
  test('a link at sign-up; until it is opened the person may comment but not vote, and the banner says so; then voting works', async () => {
    const { email, cookie } = await signUpByForm('Valeria Verifica')
    const [created] = await db().select().from(users).where(eq(users.email, email))
    expect(created.emailVerifiedAt).toBeNull()

    const home = await getPage(server.url, '/', { cookie })
    expect(home.html).toContain('data-testid="verify-email-banner"')
    expect(textOf(home.html)).toContain(`Confirma tu correo (${email}) para proponer ideas y votar`)
    expect(textOf(home.html)).toContain('Reenviar enlace')

    const institution = await insertInstitution(db())
    const author = await insertUser(db(), { name: 'Autora Verificada' })
    const challenge = await insertChallenge(db(), { title: 'Reto para votar verificada', phase: 'voting', institutionId: institution.id })
    const idea = await insertIdea(db(), { challengeId: challenge.id, createdBy: author.id, title: 'Idea para votar' })
    const { token } = await bearerFor(email, PASSWORD)
    const vote = () => fetch(`${server.url}/api/v1/ideas/${idea.id}/vote`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ count: 1 }) })
    const refused = await vote()
    expect(refused.status).toBe(403)
    expect((await refused.json()).error).toMatchObject({ code: 'email_unverified', message: 'Primero confirma tu correo: te enviamos un enlace al crear tu cuenta.' })
    // Commenting is open to them.
    const comment = await fetch(`${server.url}/api/v1/ideas/${idea.id}/comments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ body: 'Me gusta, ¿y en Quiché?' }) })
    expect(comment.status).toBe(201)

    const mail = await mailTo(email, VERIFY_SUBJECT)
    expect(mail.text).toContain('Hola, Valeria Verifica:')
    const link = new URL(linkIn(mail.text, `${server.url}/verificar-correo?token=`))
    // Opened from the mail program, signed out: it works all the same.
    const opened = await getPage(server.url, link.pathname + link.search)
    expect(opened.status).toBe(302)
    expect(opened.response.headers.get('location')).toBe('/')
    const [verified] = await db().select().from(users).where(eq(users.email, email))
    expect(verified.emailVerifiedAt).not.toBeNull()
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, verified.id), eq(auditLog.action, 'user.verify_email')))).toHaveLength(1)

    expect((await vote()).status).toBe(200)
    expect((await getPage(server.url, '/', { cookie })).html).not.toContain('data-testid="verify-email-banner"')

    // The same link again: refused, saying it was used.
    const again = await getPage(server.url, link.pathname + link.search)
    expect(again.status).toBe(400)
    expect(textOf(again.html)).toContain('Este enlace ya se usó.')
  })

  test('an expired link is refused; "reenviar enlace" (a plain form) sends a new one that replaces it', async () => {
    const { email, cookie } = await signUpByForm('Esteban Espera')
    const first = new URL(linkIn((await mailTo(email, VERIFY_SUBJECT)).text, server.url))
    await db()
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.id, authSessionIdFromToken(first.searchParams.get('token')!)))
    const expired = await getPage(server.url, first.pathname + first.search)
    expect(expired.status).toBe(400)
    expect(textOf(expired.html)).toContain('Este enlace venció (vale dos días).')

    const resend = await postForm(server.url, '/verificar-correo', { redirectTo: '/retos' }, { cookie })
    expect(resend.status).toBe(302)
    expect(resend.location).toBe('/retos')
    const flashed = await getPage(server.url, '/retos', { cookie: `${cookie}; ${cookieFrom(resend.response, 'cocrea_flash')}` })
    expect(textOf(flashed.html)).toContain(`Te enviamos un enlace nuevo a ${email}.`)
    const second = new URL(linkIn((await mailTo(email, VERIFY_SUBJECT, 2)).text, server.url))
    expect((await getPage(server.url, second.pathname + second.search)).status).toBe(302)
    const [user] = await db().select().from(users).where(eq(users.email, email))
    expect(user.emailVerifiedAt).not.toBeNull()

    // Once confirmed, asking again sends nothing.
    const already = await postForm(server.url, '/verificar-correo', { redirectTo: '/' }, { cookie })
    expect(already.status).toBe(302)
    expect(sink.to(email).map((m) => decodeMail(m.raw)).filter((m) => m.subject === VERIFY_SUBJECT)).toHaveLength(2)
  })

  test('accounts made by an admin or the admin command count as confirmed, and get no verification mail', async () => {
    const email = uniqueEmail('creada')
    const user = await createUser('system', { email, password: PASSWORD, name: 'Creada Por Comando', role: 'citizen', institutionId: null })
    expect(user.emailVerifiedAt).not.toBeNull()
    const { token } = await bearerFor(email, PASSWORD)
    expect(token).toBeTruthy()
    expect(sink.to(email)).toHaveLength(0)
  })
})

describe('consent at sign-up', () => {
  test('the form asks to accept the terms and the privacy notice, refuses without it, and records when it was given', async () => {
    const form = await getPage(server.url, '/signup')
    expect(form.html).toContain('name="acceptTerms"')
    expect(form.html).toContain('href="/privacidad"')
    const email = uniqueEmail('consiente')
    const refused = await postForm(server.url, '/signup', { name: 'Sin Consentir', email, password: PASSWORD })
    expect(refused.status).toBe(400)
    expect(textOf(refused.html)).toContain('Para crear una cuenta, acepta los términos de uso y el aviso de privacidad.')
    expect(await db().select().from(users).where(eq(users.email, email))).toHaveLength(0)

    const before = Date.now()
    await signUpByForm('Con Consentimiento', email)
    const [user] = await db().select().from(users).where(eq(users.email, email))
    expect(user.termsAcceptedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000)

    const notice = await getPage(server.url, '/privacidad')
    expect(notice.status).toBe(200)
    for (const heading of ['Aviso de privacidad y términos de uso', 'Qué datos guardamos', 'Tus derechos', 'Términos de uso']) expect(textOf(notice.html)).toContain(heading)
    const english = await getPage(server.url, '/privacidad', { 'accept-language': 'en' })
    expect(textOf(english.html)).toContain('Privacy notice and terms of use')
  })
})

describe('my data and my account (/settings)', () => {
  test('"descargar mis datos" gives my data as JSON (no password hash, nobody else\'s); deleting the account needs the password, erases me and keeps my contributions as "Cuenta eliminada"', async () => {
    const { email, cookie } = await signUpByForm('Daniela Datos')
    const institution = await insertInstitution(db())
    const author = await insertUser(db(), { name: 'Otra Autora' })
    const challenge = await insertChallenge(db(), { title: 'Reto de mis datos', phase: 'open', institutionId: institution.id })
    const idea = await insertIdea(db(), { challengeId: challenge.id, createdBy: author.id, title: 'Idea comentada' })
    const { token } = await bearerFor(email, PASSWORD)
    const posted = await fetch(`${server.url}/api/v1/ideas/${idea.id}/comments`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ body: 'Comentario que debe quedar' }) })
    expect(posted.status).toBe(201)

    const settings = await getPage(server.url, '/settings', { cookie })
    expect(settings.html).toContain('href="/settings/datos.json"')
    const download = await fetch(`${server.url}/settings/datos.json`, { headers: { cookie } })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toContain('application/json')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="cocrea-mis-datos-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(download.headers.get('cache-control')).toBe('no-store')
    const mine = await download.json()
    expect(mine.profile).toMatchObject({ email, name: 'Daniela Datos', role: 'citizen' })
    expect(mine.profile.termsAcceptedAt).toBeTruthy()
    expect(mine.comments.map((c: { body: string }) => c.body)).toEqual(['Comentario que debe quedar'])
    expect(mine.auditLog.map((a: { action: string }) => a.action)).toContain('user.create')
    const raw = JSON.stringify(mine)
    expect(raw).not.toMatch(/argon2|passwordHash/i)
    expect(raw).not.toContain('Otra Autora')
    expect((await fetch(`${server.url}/settings/datos.json`, { redirect: 'manual' })).status).toBe(302)

    const wrong = await postForm(server.url, '/settings', { intent: 'delete', currentPassword: 'no-es-esta' }, { cookie })
    expect(wrong.status).toBe(400)
    expect(textOf(wrong.html)).toContain('La contraseña actual no es correcta.')
    const [before] = await db().select().from(users).where(eq(users.email, email))
    expect(before.deletedAt).toBeNull()

    const deleted = await postForm(server.url, '/settings', { intent: 'delete', currentPassword: PASSWORD }, { cookie })
    expect(deleted.status).toBe(302)
    expect(deleted.location).toBe('/')
    const [after] = await db().select().from(users).where(eq(users.id, before.id))
    expect(after).toMatchObject({ name: 'Cuenta eliminada', role: 'citizen', institutionId: null })
    expect(after.deletedAt).not.toBeNull()
    expect(after.email).not.toContain(email.split('@')[0])
    // Signed out everywhere, and the old credentials open nothing.
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
    expect((await bearerFor(email, PASSWORD)).status).toBe(401)
    // The comment stays, signed "Cuenta eliminada".
    const page = textOf((await getPage(server.url, `/ideas/${idea.id}`)).html)
    expect(page).toContain('Comentario que debe quedar')
    expect(page).toContain('Cuenta eliminada')
    expect(page).not.toContain('Daniela Datos')
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, before.id), eq(auditLog.action, 'user.delete_account')))).toHaveLength(1)
  })

  test('changing the e-mail needs the password, must be confirmed again at the new address, and tells the old one', async () => {
    const { email, cookie } = await signUpByForm('Camila Cambia')
    const first = new URL(linkIn((await mailTo(email, VERIFY_SUBJECT)).text, server.url))
    expect((await getPage(server.url, first.pathname + first.search)).status).toBe(302)
    const fresh = uniqueEmail('nuevo')

    const wrong = await postForm(server.url, '/settings', { intent: 'email', email: fresh, currentPassword: 'no-es-esta' }, { cookie })
    expect(wrong.status).toBe(400)
    expect(textOf(wrong.html)).toContain('La contraseña actual no es correcta.')
    const taken = await postForm(server.url, '/settings', { intent: 'email', email: (await insertUser(db())).email, currentPassword: PASSWORD }, { cookie })
    expect(taken.status).toBe(409)
    expect(textOf(taken.html)).toContain('Ya existe una cuenta con este correo.')

    const changed = await postForm(server.url, '/settings', { intent: 'email', email: fresh.toUpperCase(), currentPassword: PASSWORD }, { cookie })
    expect(changed.status).toBe(302)
    const [user] = await db().select().from(users).where(eq(users.email, fresh))
    expect(user.emailVerifiedAt).toBeNull()
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'user.change_email')))).toHaveLength(1)

    const notice = await mailTo(email, 'Cocrea: el correo de tu cuenta cambió')
    expect(notice.text).toContain(`cambió a ${fresh}`)
    const link = new URL(linkIn((await mailTo(fresh, VERIFY_SUBJECT)).text, `${server.url}/verificar-correo?token=`))
    expect((await getPage(server.url, '/', { cookie })).html).toContain('data-testid="verify-email-banner"')
    expect((await bearerFor(email, PASSWORD)).status).toBe(401)
    expect((await bearerFor(fresh, PASSWORD)).status).toBe(200)
    expect((await getPage(server.url, link.pathname + link.search)).status).toBe(302)
    const [verified] = await db().select().from(users).where(eq(users.id, user.id))
    expect(verified.emailVerifiedAt).not.toBeNull()
  })

  test('the last admin cannot delete their account', async () => {
    const onlyAdmins = await db().select().from(users).where(eq(users.role, 'admin'))
    expect(onlyAdmins).toHaveLength(0)
    const admin = await insertUser(db(), { role: 'admin', name: 'Única Admin' })
    const signedIn = await postForm(server.url, '/login', { email: admin.email, password: 'una-clave-larga' })
    const cookie = cookieFrom(signedIn.response, 'cocrea_session')!
    const refused = await postForm(server.url, '/settings', { intent: 'delete', currentPassword: 'una-clave-larga' }, { cookie })
    expect(refused.status).toBe(409)
    expect(textOf(refused.html)).toContain('Eres la única persona con rol de administración')
  })
})

describe('without SMTP_URL (npm start)', () => {
  test('the verification e-mail is an .eml file in DATA_DIR/mail and the log never carries the address', async () => {
    const dataDir = mkdtempSync(path.join(tmpDir, 'outbox-'))
    const p = await startServerProcess({ SMTP_URL: '', PUBLIC_URL: '', DATA_DIR: dataDir, SEED_DEMO: '0' })
    try {
      const email = uniqueEmail('buzon')
      const created = await postJson(`${p.url}/api/v1/users`, { email, password: PASSWORD, name: 'Beatriz Buzón' })
      expect(created.status).toBe(201)
      const mailDir = path.join(dataDir, 'mail')
      const file = await vi
        .waitUntil(() => existsSync(mailDir) && readdirSync(mailDir).find((f) => f.endsWith('.eml')), { timeout: 10_000, interval: 50 })
        .catch((error: unknown) => {
          throw new Error(`no .eml in ${mailDir}: ${String(error)}\n${JSON.stringify(p.logs.slice(-10))}`)
        })
      const raw = readFileSync(path.join(mailDir, file), 'utf8')
      const mail = decodeMail(raw)
      expect(mail.to).toBe(email)
      expect(mail.subject).toBe(VERIFY_SUBJECT)
      expect(linkIn(mail.text, `${p.url}/verificar-correo?token=`)).toBeTruthy()
      await vi.waitUntil(() => p.logs.some((l) => l.file === file), { timeout: 5000, interval: 25 })
      const log = JSON.stringify(p.logs)
      expect(log).not.toContain(email)
      expect(log).not.toContain('verificar-correo?token=')
    } finally {
      p.child.kill('SIGTERM')
      await p.exited
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
