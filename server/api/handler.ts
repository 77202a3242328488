import { type NextFunction, type Request, type Response } from 'express'
import { type z } from 'zod'
import { DomainError } from '#app/services/platform/errors.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { type RequestContext } from '#app/utils/context.ts'
import { validationError } from './errors.ts'

type Handler = (req: Request, res: Response, ctx: RequestContext) => Promise<unknown>

/** Thin handlers: parse, call one service, answer. Errors go to the JSON error handler. */
export const handle = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {
  fn(req, res, res.locals.ctx as RequestContext).catch(next)
}

/** Parses a body or query with its zod schema; a failure is a 400 with field messages. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {})
  if (!result.success) throw validationError(fieldErrors(result.error))
  return result.data
}

/** The signed-in person, or 401. */
export function requireApiUser(ctx: RequestContext) {
  if (!ctx.auth) throw new DomainError('unauthenticated')
  return ctx.auth.user
}
