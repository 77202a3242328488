import { redirect, type AppLoadContext } from '@remix-run/node'
import { type Permission } from '#app/services/platform/permissions.ts'
import { requirePermission } from '#app/services/platform/permissions.server.ts'
import { type SessionUser } from '#app/services/accounts/auth-sessions.server.ts'
import { rethrowAsErrorPage } from './error-page.server.ts'
import { safeRedirect } from './redirect.ts'

export function getUser(context: AppLoadContext): SessionUser | null {
  return context.auth?.user ?? null
}

/** The signed-in person, or a redirect to the sign-in page that comes back here afterwards. */
export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  const user = getUser(context)
  if (!user) {
    const url = new URL(request.url)
    throw redirect(`/login?${new URLSearchParams({ redirectTo: safeRedirect(url.pathname + url.search) })}`)
  }
  return user
}

/** For loaders: a refusal becomes the matching error page (403 …) instead of a 500. */
export function requireUserWithPermission(context: AppLoadContext, request: Request, permission: Permission): SessionUser {
  const user = requireUser(context, request)
  try {
    return requirePermission(user, permission)
  } catch (error) {
    rethrowAsErrorPage(error)
  }
}

export function requireAnonymous(context: AppLoadContext) {
  if (getUser(context)) throw redirect('/')
}
