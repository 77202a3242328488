import { type RequestHandler } from 'express'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Prometheus metrics for one server instance, on its own registry so several servers can share a process (tests). */
export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'cocrea_http_requests_total',
    help: 'HTTP requests by method, route kind and status',
    labelNames: ['method', 'kind', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'cocrea_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const sockets = new Gauge({
    name: 'cocrea_socket_connections',
    help: 'Open socket.io connections by namespace',
    labelNames: ['namespace'] as const,
    registers: [registry],
  })

  const kindOf = (path: string) =>
    path.startsWith('/api/') ? 'api' : path.startsWith('/assets/') ? 'asset' : path === '/healthz' || path === '/metrics' ? 'ops' : 'page'

  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer({ kind: kindOf(req.path) })
    res.on('finish', () => {
      end()
      requests.inc({ method: req.method, kind: kindOf(req.path), status: String(res.statusCode) })
    })
    next()
  }

  return { registry, middleware, sockets }
}

export type Metrics = ReturnType<typeof createMetrics>
