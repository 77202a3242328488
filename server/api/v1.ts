import express, { type NextFunction, type Request, type Response, Router } from 'express'
import { type z } from 'zod'
import { DomainError } from '#app/services/errors.ts'
import { fieldErrors, signInSchema, signUpSchema } from '#app/services/schemas.ts'
import { invalidateSession } from '#app/services/sessions.server.ts'
import { signIn, signUp, toPublicUser } from '#app/services/users.server.ts'
import { clearedSessionCookie, sessionCookie } from '#app/utils/cookies.server.ts'
import { type RequestContext } from '#app/utils/context.ts'
import { type Logger } from '../logger.ts'
import { apiErrorHandler, sendError, validationError } from './errors.ts'

type Handler = (req: Request, res: Response, ctx: RequestContext) => Promise<unknown>

/** Thin handlers: parse, call one service, answer. Errors go to the JSON error handler. */
const handle = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {
  fn(req, res, res.locals.ctx as RequestContext).catch(next)
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {})
  if (!result.success) throw validationError(fieldErrors(result.error))
  return result.data
}

export function apiV1Router(logger: Logger) {
  const router = Router()
  router.use(express.json({ limit: '100kb' }))

  router.post(
    '/users',
    handle(async (req, res, ctx) => {
      const user = await signUp(parseBody(signUpSchema, req.body), ctx.clientIp)
      res.status(201).json({ user: toPublicUser(user) })
    }),
  )

  router.post(
    '/session',
    handle(async (req, res, ctx) => {
      const { token, session, user } = await signIn(parseBody(signInSchema, req.body), ctx.clientIp)
      res.append('Set-Cookie', sessionCookie(token, session.expiresAt))
      res.status(200).json({ token, user: toPublicUser(user) })
    }),
  )

  router.delete(
    '/session',
    handle(async (_req, res, ctx) => {
      if (ctx.auth) await invalidateSession(ctx.auth.session.id)
      res.append('Set-Cookie', clearedSessionCookie())
      res.status(204).end()
    }),
  )

  router.get(
    '/me',
    handle(async (_req, res, ctx) => {
      if (!ctx.auth) throw new DomainError('unauthenticated')
      const u = ctx.auth.user
      res.json({ user: { ...toPublicUser(u), email: u.email, language: u.language, institutionId: u.institutionId } })
    }),
  )

  router.use((_req, res) => sendError(res, new DomainError('not_found')))
  router.use(apiErrorHandler(logger))
  return router
}
