import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type LoaderFunctionArgs } from '@remix-run/node'
import { UPLOAD_NAME, uploadContentTypes, uploadsDir } from '#app/services/challenges/challenges.server.ts'

/**
 * Uploaded images (challenge covers), served only by the random names the server gave them:
 * anything else is a 404 before the disk is touched. Names never change content, so they cache for a year.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const name = params.file ?? ''
  const match = UPLOAD_NAME.exec(name)
  if (!match) throw new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  let bytes: Buffer
  try {
    bytes = await readFile(path.join(uploadsDir(), name))
  } catch {
    throw new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': uploadContentTypes[match[1]],
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'",
      // X-Content-Type-Options: nosniff comes with every response from the security headers (server/http/security.ts).
    },
  })
}
