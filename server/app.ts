import { once } from 'node:events'
import { createServer as createHttpServer } from 'node:http'
import { type AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type Request, type Response } from 'express'
import { pinoHttp } from 'pino-http'
import { createClient as createRedisClient } from 'redis'
import { getT } from '#app/i18n/i18n.ts'
import { configureRateLimits, type RateLimitConfig } from '#app/services/platform/rate-limits.server.ts'
import { DomainError } from '#app/services/platform/errors.ts'
import { deleteExpiredAuthSessions } from '#app/services/accounts/auth-sessions.server.ts'
import { configureMail, mailOutboxDir, setMailListenUrl } from '#app/services/notifications/mail.server.ts'
import { advanceDuePhases } from '#app/services/challenges/challenges.server.ts'
import { notifyMissedMilestones } from '#app/services/pilots/pilots.server.ts'
import { type RequestContext } from '#app/utils/context.ts'
import { openDatabase, setDatabase, type DatabaseHandle } from '#db/client.ts'
import { isEmptyDatabase, seedDemoData } from '#server/demo/seed.ts'
import { sendError } from './api/errors.ts'
import { internalAdminRouter } from './api/internal.ts'
import { apiV1Router } from './api/v1.ts'
import { tightenDataDir } from './data-dir-lock.ts'
import { finalErrorHandler, urlGuard } from './http/errors.ts'
import { pageBodies, remixPages } from './http/page-bodies.ts'
import { cspNonce, originCheck, securityHeaders } from './http/security.ts'
import { anonymousPageCache } from './http/page-cache.ts'
import { requestContext } from './http/request-context.ts'
import { errorSerializer, type Logger } from './logger.ts'
import { createMetrics } from './metrics.ts'
import { type TrustProxy } from './sockets/boards.ts'
import { createSocketServer, type BoardServerOptions } from './sockets/index.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type ServerOptions = {
  logger: Logger
  mode: 'production' | 'development'
  host?: string
  port?: number
  /** An already open database (tests); otherwise opened from databaseUrl / dataDir. */
  database?: DatabaseHandle
  databaseUrl?: string
  dataDir?: string
  redisUrl?: string
  publicUrl?: string
  /** '1' load on any engine, '0' never; unset: only into an empty embedded database. */
  seedDemo?: '0' | '1'
  rateLimits?: Partial<RateLimitConfig>
  /** The Remix server build; production loads build/server/index.js when absent. */
  build?: ServerBuild
  /** Lets the admin command go through this server (see server/api/internal.ts). */
  adminKey?: string
  /** Express "trust proxy" setting; default: loopback. */
  trustProxy?: string
  /** How often the phase clock looks for challenges due to move (default one minute). */
  phaseClockMs?: number
  /** How long a public page is reused for signed-out readers (default 2 s; 0 turns it off). */
  pageCacheMs?: number
  /** Board server tuning (fan-out and storage batching, unload grace, compaction, frame rate limit). */
  boards?: BoardServerOptions
  /** How long the start waits for Redis before serving without it (default 5 s). */
  redisConnectMs?: number
  /** SMTP server for e-mail; unset: SMTP_URL from the environment, else the outbox directory. */
  smtpUrl?: string
  /** Where e-mails are written without SMTP (default DATA_DIR/mail). */
  mailDir?: string
}

export type RunningServer = Awaited<ReturnType<typeof startServer>>

export async function startServer(options: ServerOptions) {
  const { logger, mode } = options
  const development = mode === 'development'
  const database = options.database ?? (await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir }))
  setDatabase(database)
  // PGlite sets the modes of the files it unpacks at its first start (0666, past the umask): they are tightened here.
  if (!options.database && database.engine === 'pglite' && options.dataDir) tightenDataDir(options.dataDir)
  logger.info({ engine: database.engine }, 'database ready, migrations applied')

  const shouldSeed = options.seedDemo === '1' || (options.seedDemo !== '0' && database.engine === 'pglite' && (await isEmptyDatabase(database.db)))
  if (shouldSeed) {
    const credentials = await seedDemoData(database.db)
    if (credentials?.length) {
      // Printed once, when the accounts are created; the passwords are stored only as Argon2id hashes.
      logger.info({ demoAccounts: credentials }, 'demo data loaded — these demo accounts exist (shown only this once)')
    }
  }

  // Before anything can notify (the phase clock below): where e-mail goes and which address its links use.
  configureMail({ smtpUrl: options.smtpUrl, outboxDir: options.mailDir ?? path.join(options.dataDir ?? process.env.DATA_DIR ?? './data', 'mail'), publicUrl: options.publicUrl })

  const redis = options.redisUrl ? await connectRedis(options.redisUrl, logger, options.redisConnectMs ?? 5000) : undefined
  configureRateLimits(options.rateLimits, redis?.limits)

  const metrics = createMetrics()
  const app = express()
  app.disable('x-powered-by')
  const trust = options.trustProxy ?? 'loopback'
  app.set('trust proxy', /^\d+$/.test(trust) ? Number(trust) : trust === 'true' ? true : trust)
  const httpServer = createHttpServer(app)

  const refuseCrossSite = (req: Request, res: Response) => {
    const t = getT((res.locals.ctx as RequestContext | undefined)?.lang ?? 'es')
    if (req.path.startsWith('/api/')) return res.status(403).json({ error: { code: 'cross_site', message: t('errors.cross_site') } })
    res.status(403).type('text/plain; charset=utf-8').send(t('errors.cross_site'))
  }

  app.use(pinoHttp({ logger, serializers: { err: errorSerializer }, autoLogging: { ignore: (req) => req.url === '/healthz' || !!req.url?.startsWith('/assets/') } }))
  app.use(metrics.middleware)
  app.use(cspNonce)
  app.use(securityHeaders({ development, https: !!options.publicUrl?.startsWith('https:') }))
  app.use(compression())
  app.use(urlGuard)

  // Each dependency: the database decides the status code (nothing works without it); Redis, when
  // configured, is reported — without it the instance still serves, alone (ADR 023).
  app.get('/healthz', async (_req, res) => {
    const db = await database.ping().then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    )
    const redisState = redis ? { redis: redis.healthy() ? ('ok' as const) : ('unreachable' as const) } : {}
    const status = db !== 'ok' ? 'error' : redisState.redis === 'unreachable' ? 'degraded' : 'ok'
    res.status(db === 'ok' ? 200 : 503).json({ status, db, ...redisState })
  })
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  })

  const vite = development ? await import('vite').then((v) => v.createServer({ root, server: { middlewareMode: true } })) : undefined
  if (vite) {
    app.use(vite.middlewares)
  } else {
    // Vite copies public/ into build/client. Only paths that look like files go to the disk:
    // a stat per page request would cost every page view a trip to the thread pool.
    const assets = express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y', index: false })
    const files = express.static(path.join(root, 'build/client'), { maxAge: '1h', index: false })
    app.use('/assets', assets)
    app.use((req, res, next) => (path.extname(req.path) ? files(req, res, next) : next()))
  }

  app.use(requestContext)
  app.use(originCheck(options.publicUrl, refuseCrossSite))
  if (options.adminKey) app.use('/internal/admin', internalAdminRouter(options.adminKey, logger))
  app.use('/api/v1', apiV1Router(logger))
  app.use('/api', (_req, res) => sendError(res, new DomainError('not_found')))

  // Public pages that crowds read; everything personal (any cookie) bypasses the cache.
  app.get(['/', '/retos', '/retos/:slug', '/ideas/:id'], anonymousPageCache({ ttlMs: development ? 0 : (options.pageCacheMs ?? 2000) }))

  const build =
    options.build ??
    (vite
      ? () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
      : ((await import(path.join(root, 'build/server/index.js'))) as ServerBuild))
  app.use(pageBodies())
  app.all(
    '*',
    remixPages({
      build,
      mode,
      getLoadContext: (_req, res) => res.locals.ctx as RequestContext,
    }),
  )
  app.use(finalErrorHandler(logger))

  const sockets = await createSocketServer(httpServer, {
    publicUrl: options.publicUrl,
    metrics,
    redis: redis?.adapter as never,
    db: database.db,
    logger,
    boards: options.boards,
    // Sockets resolve the client's address with the same trust as pages (wrong session codes are counted per client).
    trustProxy: app.get('trust proxy fn') as TrustProxy,
  })
  const io = sockets.io

  // Expired sessions are refused on sight; this only keeps the table small.
  const sweep = setInterval(() => void deleteExpiredAuthSessions().catch((err) => logger.warn({ err }, 'session sweep failed')), 60 * 60 * 1000)
  sweep.unref()
  // Challenges move to their next phase when its date comes (each move is audited and notified).
  const advance = () =>
    advanceDuePhases()
      .then((moved) => moved.length && logger.info({ moved }, 'challenges moved to their next phase by date'))
      .catch((err) => logger.warn({ err }, 'phase advance failed'))
  void advance()
  const phaseClock = setInterval(advance, options.phaseClockMs ?? 60_000)
  phaseClock.unref()
  // Followers of a pilot hear once of each milestone that passed its due day undone.
  const missedMilestones = () => void notifyMissedMilestones().catch((err) => logger.warn({ err }, 'missed milestone check failed'))
  missedMilestones()
  const milestoneClock = setInterval(missedMilestones, options.phaseClockMs ?? 60_000)
  milestoneClock.unref()

  httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1')
  await once(httpServer, 'listening')
  const { port } = httpServer.address() as AddressInfo
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : (options.host ?? '127.0.0.1')}:${port}`
  setMailListenUrl(url)

  let closing: Promise<void> | undefined
  /** Graceful: stop accepting, close sockets, finish requests, then close the database. */
  const close = () =>
    (closing ??= (async () => {
      // io.close() also closes the HTTP server: no new connections, then idle ones go, then (after a grace) the rest.
      clearInterval(sweep)
      clearInterval(phaseClock)
      clearInterval(milestoneClock)
      const closed = sockets.close()
      httpServer.closeIdleConnections()
      const grace = setTimeout(() => httpServer.closeAllConnections(), 3000)
      await closed
      clearTimeout(grace)
      await vite?.close()
      await redis?.close()
      if (!options.database) await database.close()
      setDatabase(undefined)
    })())

  return { app, httpServer, io, url, port, database, close, boards: sockets.registry, mailDir: mailOutboxDir() }
}

/**
 * Redis for the socket.io adapter and shared rate limits. The start waits a few seconds for it,
 * then serves without it rather than never listening: this instance runs alone (no adapter) and
 * rate limits count in memory until Redis answers again (rate-limiter-flexible's insurance
 * limiter, see app/services/platform/rate-limits.server.ts). Outages are logged once each, not per retry.
 */
async function connectRedis(url: string, logger: Logger, waitMs: number) {
  const socket = { connectTimeout: Math.min(waitMs, 3000), reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) }
  const watch = (client: ReturnType<typeof createRedisClient>, role: string) => {
    let down = false
    client.on('error', (err: unknown) => {
      if (down) return
      down = true
      logger.warn({ err, role }, 'redis unreachable: rate limits count in this process until it answers again')
    })
    client.on('ready', () => {
      if (down) logger.info({ role }, 'redis reachable again')
      down = false
    })
    return client
  }
  // The limits' client fails fast while Redis is away (no offline queue), so its insurance limiter answers at once.
  const limits = watch(createRedisClient({ url, disableOfflineQueue: true, socket }), 'rate limits')
  const adapter = watch(createRedisClient({ url, socket }), 'socket.io adapter')
  const connecting = Promise.all([limits.connect(), adapter.connect()])
  connecting.catch(() => {})
  let timer: NodeJS.Timeout | undefined
  const ready = await Promise.race([connecting.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)))])
  clearTimeout(timer)
  if (!ready) {
    logger.warn(
      { url: url.replace(/\/\/[^@/]*@/, '//***@') },
      `redis did not answer within ${waitMs} ms: serving without it — this instance does not share socket events with others (until restart) and counts rate limits in memory until Redis answers`,
    )
    adapter.destroy()
  }
  return {
    limits,
    /** Only when Redis answered at the start: the adapter needs its pub/sub connections from the beginning. */
    adapter: ready ? adapter : undefined,
    healthy: () => limits.isReady && (!ready || adapter.isReady),
    close: async () => {
      // A Redis that is away (or just went) is not waited for more than a second: the connection is dropped.
      for (const client of [limits, adapter]) {
        if (!client.isOpen) continue
        let timer: NodeJS.Timeout | undefined
        const closed = client.isReady ? client.close().then(() => true, () => false) : Promise.resolve(false)
        const done = await Promise.race([closed, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000)))])
        clearTimeout(timer)
        if (!done && client.isOpen) client.destroy()
      }
    },
  }
}
