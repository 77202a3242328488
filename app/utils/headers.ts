import { type HeadersFunction } from '@remix-run/node'

/** Document responses only carry a route's headers through `headers`: keep Retry-After from a rate-limited action. */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders)
  const retryAfter = actionHeaders.get('Retry-After')
  if (retryAfter) headers.set('Retry-After', retryAfter)
  return headers
}
