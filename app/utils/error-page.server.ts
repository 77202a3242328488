import { data } from '@remix-run/node'
import { isDomainError } from '#app/services/platform/errors.ts'

/** For loaders: a refusal from a service becomes the matching error page (a hidden draft is a 404, as if it did not exist). */
export function rethrowAsErrorPage(error: unknown): never {
  if (isDomainError(error)) throw data({ code: error.code }, { status: error.status })
  throw error
}

/** `await orErrorPage(service(...))`: the value, or the error page of the service's refusal. */
export function orErrorPage<T>(work: Promise<T>): Promise<T> {
  return work.catch(rethrowAsErrorPage)
}
