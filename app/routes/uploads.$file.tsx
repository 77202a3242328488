import { type LoaderFunctionArgs } from '@remix-run/node'
import { readStoredFile } from '#app/services/platform/stored-files.server.ts'

/**
 * Uploaded images (challenge covers), served only by the random names the server gave them:
 * anything else is a 404 before the disk is touched. Names never change content, so they cache for a year.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = await readStoredFile('cover', params.file ?? '')
  if (!file) throw new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(file.bytes, {
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.bytes.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'",
      // X-Content-Type-Options: nosniff comes with every response from the security headers (server/http/security.ts).
    },
  })
}
