/** A plain HTML form post, as a browser without JavaScript sends it (same-origin, so with our Origin). */
export async function postForm(baseUrl: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, ...headers },
    body: new URLSearchParams(fields).toString(),
  })
  return { response, status: response.status, html: await response.text(), location: response.headers.get('location') }
}

export async function getPage(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers })
  return { response, status: response.status, html: await response.text() }
}
