import { randomBytes } from 'node:crypto'
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DomainError } from './errors.ts'

/**
 * Files people upload (challenge covers, attachments of pilot updates), kept in the uploads
 * directory under random names: 32 hex characters and the extension of the type their bytes
 * showed. The HTTP edge (app/utils/uploads.server.ts) reads and checks them; this module only
 * stores, finds and deletes them.
 */

const IMAGES = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' } as const

/** What each kind of file may be: its largest size, its types (by extension) and the messages that say so. */
export const storedFileKinds = {
  cover: { maxBytes: 2 * 1024 * 1024, types: IMAGES, sizeMessage: 'challenges.validation.coverSize', typeMessage: 'challenges.validation.coverType' },
  attachment: {
    maxBytes: 5 * 1024 * 1024,
    types: { ...IMAGES, pdf: 'application/pdf' },
    sizeMessage: 'pilots.validation.attachmentSize',
    typeMessage: 'pilots.validation.attachmentType',
  },
} as const satisfies Record<string, { maxBytes: number; types: Record<string, string>; sizeMessage: string; typeMessage: string }>

export type StoredFileKind = keyof typeof storedFileKinds

/** A file as the edge hands it over: its bytes and the type they were found to be. */
export type FileInput = { bytes: Uint8Array; mimeType: string; name: string }

const NAMES: Record<StoredFileKind, RegExp> = {
  cover: /^[a-f0-9]{32}\.(png|jpg|webp)$/,
  attachment: /^[a-f0-9]{32}\.(png|jpg|webp|pdf)$/,
}

export const uploadsDir = () => path.resolve(process.env.DATA_DIR ?? './data', 'uploads')

/** The extension a file of this kind and type is stored with, or null when the kind does not take that type. */
export function storedExtension(kind: StoredFileKind, mimeType: string): string | null {
  return Object.entries(storedFileKinds[kind].types).find(([, type]) => type === mimeType)?.[0] ?? null
}

/** Stores the file under a new random name and returns it; refuses (as a field message of `field`) what its kind does not take. */
export async function storeFile(kind: StoredFileKind, file: Pick<FileInput, 'bytes' | 'mimeType'>, field: string = kind): Promise<string> {
  const rules = storedFileKinds[kind]
  if (file.bytes.byteLength > rules.maxBytes) throw new DomainError('validation', 'errors.validation', { fields: { [field]: [rules.sizeMessage] } })
  const ext = storedExtension(kind, file.mimeType)
  if (!ext) throw new DomainError('validation', 'errors.validation', { fields: { [field]: [rules.typeMessage] } })
  const name = `${randomBytes(16).toString('hex')}.${ext}`
  await mkdir(uploadsDir(), { recursive: true })
  await writeFile(path.join(uploadsDir(), name), file.bytes, { flag: 'wx' })
  return name
}

/** Deletes a stored file (a name that is not one the server gives is ignored, so no other file can be reached). */
export async function removeStoredFile(kind: StoredFileKind, name: string) {
  if (!NAMES[kind].test(name)) return
  await unlink(path.join(uploadsDir(), name)).catch(() => {})
}

/** A stored file of this kind by its name, with its type; null for any other name or a file that is not there. */
export async function readStoredFile(kind: StoredFileKind, name: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string; ext: string } | null> {
  const match = NAMES[kind].exec(name)
  if (!match) return null
  try {
    const bytes = await readFile(path.join(uploadsDir(), name))
    const ext = match[1]
    return { bytes: new Uint8Array(bytes), mimeType: (storedFileKinds[kind].types as Record<string, string>)[ext], ext }
  } catch {
    return null
  }
}
