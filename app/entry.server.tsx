import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { sanitizeError } from '#db/errors.ts'
import { defaultLanguage, getI18n } from './i18n/i18n.ts'
import { NonceProvider } from './utils/nonce.tsx'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const i18n = getI18n(loadContext.lang ?? defaultLanguage)
  const nonce = loadContext.cspNonce
  // The pages use no deferred data, so streaming only cut the document into many small writes,
  // each a round trip through gzip; the whole document at once is measurably faster (bench/README.md).
  const readyEvent = 'onAllReady'
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(sanitizeError(error))
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}

/** Log server errors (without the values a failed query carried), but not the aborted requests of people who navigated away. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  console.error(sanitizeError(error))
}
