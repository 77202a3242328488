import { data } from '@remix-run/node'
import {
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxHeaderSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
  type FileUpload,
} from '@remix-run/form-data-parser'
import { fileTypeFromBuffer } from 'file-type'
import { storedFileKinds, type FileInput, type StoredFileKind } from '#app/services/platform/stored-files.server.ts'

/** A multipart text field may be this large; the zod schemas then refuse what is too long for its field, with a message. */
export const MAX_TEXT_PART_BYTES = 1024 * 1024

/** The largest part the parser keeps: the page body limit (server/http/page-bodies.ts) bounds the whole body before this runs. */
const MAX_PART_BYTES = 8 * 1024 * 1024

const LIMITS = [MaxFileSizeExceededError, MaxFilesExceededError, MaxHeaderSizeExceededError, MaxPartsExceededError, MaxTotalSizeExceededError]

/** For a multipart parse that failed: a part (or the parts) above a limit is a 413 page, a body that does not parse a 400 — never a 500. */
function refuseUnreadableForm(error: unknown): never {
  if (LIMITS.some((limit) => error instanceof limit)) throw data({ code: 'too_large' }, { status: 413 })
  throw data({ code: 'bad_request' }, { status: 400 })
}

export type UploadForm = {
  /** The other fields (the file's field is not in it). */
  formData: FormData
  /** The file, checked: at most its kind's size, of one of its types as its bytes show (never as the browser said). */
  file: FileInput | null
  /** The field message when a file was sent and refused (too large, or not a type its kind takes). */
  fileError: string | null
}

/**
 * The one reader of forms that carry a file (the challenge form's cover, a pilot update's
 * attachment): multipart with at most one file in `field`, or urlencoded. A file above its kind's
 * limit is read to the end and dropped, so the other fields still arrive and the form re-renders
 * with a message for the file. A text part above MAX_TEXT_PART_BYTES is a 413; a body that does
 * not parse a 400.
 */
export async function readUploadForm(request: Request, upload: { field: string; kind: StoredFileKind; fallbackName: string }): Promise<UploadForm> {
  if (!/^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')) {
    const formData = await request.formData()
    formData.delete(upload.field)
    return { formData, file: null, fileError: null }
  }
  const rules = storedFileKinds[upload.kind]
  let file: FileInput | null = null
  let fileError: string | null = null
  const onFile = async (part: FileUpload) => {
    // A file anywhere else (a file sent where text goes) is left out: the field is then missing, and the form says so.
    if (part.fieldName !== upload.field || part.size === 0) return null
    if (part.size > rules.maxBytes) {
      fileError = rules.sizeMessage
      return null
    }
    const bytes = new Uint8Array(await part.arrayBuffer())
    const type = await fileTypeFromBuffer(bytes)
    const mimeType = type && Object.keys(rules.types).includes(type.ext) ? (rules.types as Record<string, string>)[type.ext] : null
    if (!mimeType) fileError = rules.typeMessage
    else file = { bytes, mimeType, name: part.name.slice(0, 200) || upload.fallbackName }
    return null
  }
  const formData = await parseFormData(request, { maxFileSize: MAX_PART_BYTES, maxTotalSize: MAX_PART_BYTES }, onFile).catch(refuseUnreadableForm)
  for (const value of formData.values()) {
    if (typeof value === 'string' && Buffer.byteLength(value) > MAX_TEXT_PART_BYTES) throw data({ code: 'too_large' }, { status: 413 })
  }
  return { formData, file, fileError }
}
