import { type LoaderFunctionArgs } from '@remix-run/node'
import { type Language } from '#app/domain/vocabulary.ts'
import { getT } from '#app/i18n/i18n.ts'
import { readStoredFile } from '#app/services/platform/stored-files.server.ts'

/** A plain-text 404 in the reader's language. */
const notFound = (lang: Language) => new Response(getT(lang)('errors.not_found'), { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/**
 * Attachments of pilot updates (images and PDFs, type checked from their bytes when stored),
 * served only by the random names the server gave them. PDFs download rather than open inline.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const name = params.file ?? ''
  const file = await readStoredFile('attachment', name)
  if (!file) throw notFound(context.lang)
  return new Response(file.bytes, {
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.bytes.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'",
      ...(file.ext === 'pdf' ? { 'Content-Disposition': `attachment; filename="${name}"` } : {}),
    },
  })
}
