import { type Language } from '#app/domain/vocabulary.ts'
import { type Auth } from '#app/services/accounts/auth-sessions.server.ts'

/** What the Express layer resolves once per request and hands to Remix (one session source for pages, API and sockets). */
export type RequestContext = {
  auth: Auth | null
  lang: Language
  cspNonce: string
  clientIp: string
}

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
