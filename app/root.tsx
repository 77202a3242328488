import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { GeneralErrorBoundary } from './components/layout/error-boundary.tsx'
import { useFullViewport } from './components/layout/full-viewport.ts'
import { FlashMessage } from './components/layout/flash-message.tsx'
import { SiteFooter } from './components/layout/site-footer.tsx'
import { SiteHeader } from './components/layout/site-header.tsx'
import { VerifyEmailBanner } from './components/layout/verify-email-banner.tsx'
import { getT } from './i18n/i18n.ts'
import { unreadCount } from './services/notifications/notifications.server.ts'
import tailwind from './tailwind.css?url'
import { readFlash } from './utils/flash.server.ts'
import { useNonce } from './utils/nonce.tsx'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tailwind },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { flash, setCookie } = await readFlash(request)
  const user = context.auth?.user
  const t = getT(context.lang)
  const unread = user ? await unreadCount(user.id) : 0
  return data(
    {
      lang: context.lang,
      user: user ? { id: user.id, name: user.name, role: user.role } : null,
      unverifiedEmail: user && !user.emailVerifiedAt ? user.email : null,
      flash,
      unreadCount: unread,
      meta: { title: t('meta.title'), description: t('meta.description') },
    },
    { headers: setCookie ? { 'Set-Cookie': setCookie } : {} },
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.meta.title ?? 'Cocrea' },
  { name: 'description', content: data?.meta.description ?? '' },
]

export function Layout({ children }: { children: ReactNode }) {
  const { i18n } = useT()
  const rootData = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  const fullViewport = useFullViewport()
  const lang = rootData?.lang ?? i18n.language
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body className={fullViewport ? 'flex h-dvh flex-col overflow-hidden' : 'flex min-h-screen flex-col'}>
        <SiteHeader user={rootData?.user ?? null} unreadCount={rootData?.unreadCount ?? 0} />
        {children}
        {fullViewport ? null : <SiteFooter />}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { lang, flash, unverifiedEmail } = useLoaderData<typeof loader>()
  const { i18n } = useT()
  const fullViewport = useFullViewport()
  // Marks the moment the page is interactive (browser tests wait for it before typing).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  // Signing in can switch to the person's preferred language without a full reload.
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang)
  }, [i18n, lang])
  return (
    <>
      {fullViewport ? (
        // Over a full-screen workspace, a message floats (and the reminder to verify waits for another page): nothing pushes it down.
        flash ? (
          <div className="pointer-events-none fixed inset-x-0 bottom-20 z-50 [&_p]:pointer-events-auto [&_p]:shadow-lg">
            <FlashMessage flash={flash} />
          </div>
        ) : null
      ) : (
        <>
          <FlashMessage flash={flash} />
          {unverifiedEmail ? <VerifyEmailBanner email={unverifiedEmail} /> : null}
        </>
      )}
      <main id="main" tabIndex={-1} className={fullViewport ? 'flex min-h-0 w-full flex-1 flex-col focus:outline-none' : 'mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none'}>
        <Outlet />
      </main>
    </>
  )
}

export function ErrorBoundary() {
  return (
    <main id="main" className="flex-1">
      <GeneralErrorBoundary />
    </main>
  )
}
