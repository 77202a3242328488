import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi'
import { z } from 'zod'

extendZodWithOpenApi(z)

/**
 * The OpenAPI document is generated from the same zod schemas the handlers parse with:
 * each API module registers its paths here (server/api/*.ts) when it is imported.
 */
export const registry = new OpenAPIRegistry()

export const ErrorSchema = registry.register(
  'Error',
  z.object({
    error: z.object({
      code: z.string().openapi({ example: 'validation' }),
      message: z.string().openapi({ example: 'Los datos enviados no son válidos.' }),
      fields: z.record(z.string(), z.array(z.string())).optional(),
    }),
  }),
)

export const bearerAuth = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })

/** Standard error answers for a path. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [String(s), { description: `Error ${s}`, content: { 'application/json': { schema: ErrorSchema } } }]))
}

export function openApiDocument() {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Cocrea API', version: '1.0.0', description: 'La API pública del laboratorio de innovación Cocrea. Errors: {error:{code,message}}.' },
    servers: [{ url: '/api/v1' }],
  })
}
