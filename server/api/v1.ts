import express, { Router } from 'express'
import { z } from 'zod'
import { DomainError } from '#app/services/platform/errors.ts'
import { signInSchema, signUpSchema } from '#app/services/platform/schemas.ts'
import { invalidateAuthSession } from '#app/services/accounts/auth-sessions.server.ts'
import { signIn, signUp, toPublicUser } from '#app/services/accounts/users.server.ts'
import { clearedSessionCookie, sessionCookie } from '#app/utils/cookies.server.ts'
import { type Logger } from '../logger.ts'
import { registerChallengeRoutes } from './challenges.ts'
import { registerEvaluationRoutes } from './evaluation.ts'
import { registerFollowRoutes } from './follows.ts'
import { apiErrorHandler, sendError } from './errors.ts'
import { handle, parse as parseBody } from './handler.ts'
import { registerIdeaRoutes } from './ideas.ts'
import { bearerAuth, errorResponses, openApiDocument, registry } from './openapi.ts'
import { registerParticipationRoutes } from './participation.ts'
import { registerPilotRoutes } from './pilots.ts'
import { registerSearchRoutes } from './search.ts'
import { registerSessionRoutes } from './sessions.ts'

const PublicUser = registry.register(
  'PublicUser',
  z.object({ id: z.uuid(), name: z.string(), role: z.enum(['citizen', 'facilitator', 'official', 'admin']) }),
)
registry.registerPath({
  method: 'post',
  path: '/users',
  summary: 'Sign up (role citizen)',
  request: { body: { content: { 'application/json': { schema: signUpSchema } } } },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: z.object({ user: PublicUser }) } } }, ...errorResponses(400, 409, 429) },
})
registry.registerPath({
  method: 'post',
  path: '/session',
  summary: 'Sign in: the token works as `Authorization: Bearer` and is also set as the session cookie',
  request: { body: { content: { 'application/json': { schema: signInSchema } } } },
  responses: { 200: { description: 'Signed in', content: { 'application/json': { schema: z.object({ token: z.string(), user: PublicUser }) } } }, ...errorResponses(400, 401, 429) },
})
registry.registerPath({ method: 'delete', path: '/session', summary: 'Sign out', security: [{ [bearerAuth.name]: [] }], responses: { 204: { description: 'Signed out' } } })
registry.registerPath({
  method: 'get',
  path: '/me',
  summary: 'The signed-in person',
  security: [{ [bearerAuth.name]: [] }],
  responses: { 200: { description: 'The person', content: { 'application/json': { schema: z.object({ user: PublicUser }) } } }, ...errorResponses(401) },
})

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
      if (ctx.auth) await invalidateAuthSession(ctx.auth.session.id)
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

  registerChallengeRoutes(router)
  registerIdeaRoutes(router)
  registerParticipationRoutes(router)
  registerSearchRoutes(router)
  registerFollowRoutes(router)
  registerPilotRoutes(router)
  registerSessionRoutes(router)
  registerEvaluationRoutes(router)

  let document: unknown
  router.get('/openapi.json', (_req, res) => {
    document ??= openApiDocument()
    res.json(document)
  })

  router.use((_req, res) => sendError(res, new DomainError('not_found')))
  router.use(apiErrorHandler(logger))
  return router
}
