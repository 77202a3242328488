import { type Router } from 'express'

/** /api/v1 routes of this area; each path is also registered in the OpenAPI registry (./openapi.ts). */
export function registerSearchRoutes(_router: Router) {}
