import { data } from '@remix-run/node'
import { challengeFormInput, challengeInputSchema, type ChallengeInput } from '#app/services/challenges/challenge-schemas.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { type FileInput } from '#app/services/platform/stored-files.server.ts'
import { readUploadForm } from './uploads.server.ts'

/** The 400 (or other) reply a challenge form re-renders with: its messages and what was typed (all the SDG boxes ticked). */
export function challengeFormReply(formData: FormData, errors: Record<string, string[]>, status = 400) {
  const values: Record<string, string> = {}
  for (const [key, value] of formData.entries()) if (typeof value === 'string' && key !== 'sdgTargets') values[key] = value
  return data({ errors, values, sdgTargets: formData.getAll('sdgTargets').map(String) }, { status })
}

/**
 * The create and edit actions: read the form and its cover (at most 2 MiB, PNG, JPEG or WebP by
 * its bytes), validate, then `save` (the service stores the cover only when it accepts the
 * challenge); a refusal re-renders the form with its messages.
 */
export async function submitChallengeForm(request: Request, save: (input: ChallengeInput, cover: FileInput | null, formData: FormData) => Promise<Response>) {
  const { formData, file, fileError } = await readUploadForm(request, { field: 'coverImage', kind: 'cover', fallbackName: 'cover' })
  const parsed = challengeInputSchema.safeParse(challengeFormInput(formData))
  if (!parsed.success || fileError) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error)
    if (fileError) errors.coverImage = [fileError]
    return challengeFormReply(formData, errors)
  }
  try {
    return await save(parsed.data, file, formData)
  } catch (error) {
    if (!isDomainError(error)) throw error
    return challengeFormReply(formData, error.details.fields ?? { form: [error.messageKey] }, error.status)
  }
}
