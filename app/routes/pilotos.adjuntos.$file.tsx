import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type LoaderFunctionArgs } from '@remix-run/node'
import { type Language } from '#app/domain/vocabulary.ts'
import { getT } from '#app/i18n/i18n.ts'
import { uploadsDir } from '#app/services/challenges/challenges.server.ts'
import { ATTACHMENT_NAME, attachmentContentTypes } from '#app/services/pilots/pilots.server.ts'

/** A plain-text 404 in the reader's language. */
const notFound = (lang: Language) => new Response(getT(lang)('errors.not_found'), { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/**
 * Attachments of pilot updates (images and PDFs, type checked from their bytes when stored),
 * served only by the random names the server gave them. PDFs download rather than open inline.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const name = params.file ?? ''
  const match = ATTACHMENT_NAME.exec(name)
  if (!match) throw notFound(context.lang)
  let bytes: Buffer
  try {
    bytes = await readFile(path.join(uploadsDir(), name))
  } catch {
    throw notFound(context.lang)
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': attachmentContentTypes[match[1]],
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'",
      ...(match[1] === 'pdf' ? { 'Content-Disposition': `attachment; filename="${name}"` } : {}),
    },
  })
}
