/** Small fetch helpers for talking to a real test server. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const text = await response.text()
  return { response, status: response.status, body: text ? JSON.parse(text) : null }
}

/** The `name=value` of a Set-Cookie header, ready to send back as a Cookie header. */
export function cookieFrom(response: Response, name: string) {
  const found = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  return found?.split(';')[0]
}

let counter = 0
export function uniqueEmail(prefix = 'persona') {
  return `${prefix}.${process.pid}.${Date.now()}.${counter++}@ejemplo.gt`
}

export async function signUpAndSignIn(baseUrl: string, name = 'Ana Pérez') {
  const email = uniqueEmail()
  const password = 'contraseña-segura-1'
  const created = await postJson(`${baseUrl}/api/v1/users`, { email, password, name })
  if (created.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(created.body)}`)
  const session = await postJson(`${baseUrl}/api/v1/session`, { email, password })
  if (session.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(session.body)}`)
  return { email, password, token: session.body.token as string, user: session.body.user as { id: string; name: string; role: string } }
}
