import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readEnv } from './config.ts'
import { acquireLock, tightenDataDir } from './data-dir-lock.ts'
import { createLogger } from './logger.ts'

// Everything this process creates (PGlite's files, the secret, the lock) is its owner's alone: 0600 files, 0700 directories.
process.umask(0o077)

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const development = process.argv.includes('--dev')
process.env.NODE_ENV ??= development ? 'development' : 'production'

const env = readEnv()
const logger = createLogger(env.LOG_LEVEL)
if (!env.DATABASE_URL) tightenDataDir(env.DATA_DIR)

/**
 * SESSION_SECRET signs the flash cookie. Production on a server database must set it;
 * the embedded single-machine setup generates one and keeps it in DATA_DIR.
 */
function sessionSecret() {
  if (env.SESSION_SECRET) return env.SESSION_SECRET
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
    logger.fatal('SESSION_SECRET is required in production (at least 32 characters)')
    process.exit(1)
  }
  const file = path.join(path.resolve(env.DATA_DIR), 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(path.dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
process.env.SESSION_SECRET = sessionSecret()

if (!development && !existsSync(path.join(root, 'build/server/index.js'))) {
  logger.info('no production build yet: building (remix vite:build)…')
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    logger.fatal('the build failed')
    process.exit(1)
  }
}

// With embedded PGlite the admin command goes through this server, authenticated by a key kept in the lock file.
const adminKey = env.DATABASE_URL ? undefined : randomBytes(24).toString('base64url')
const lockHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST
const { startServer } = await import('./app.ts')
let lock: ReturnType<typeof acquireLock> | undefined
try {
  if (adminKey) lock = acquireLock(env.DATA_DIR, { host: lockHost, port: env.PORT, adminKey })
} catch (error) {
  logger.fatal((error as Error).message)
  process.exit(1)
}
const releaseLock = () => lock?.release()

const server = await startServer({
  logger,
  mode: development ? 'development' : 'production',
  host: env.HOST,
  port: env.PORT,
  databaseUrl: env.DATABASE_URL,
  dataDir: env.DATA_DIR,
  redisUrl: env.REDIS_URL,
  publicUrl: env.PUBLIC_URL,
  smtpUrl: env.SMTP_URL,
  seedDemo: env.SEED_DEMO,
  adminKey,
  trustProxy: env.TRUST_PROXY,
}).catch((error) => {
  releaseLock()
  logger.fatal({ err: error }, 'could not start')
  process.exit(1)
})
if (adminKey) lock?.update({ host: lockHost, port: server.port, adminKey })

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server
      .close()
      .then(() => {
        releaseLock()
        logger.info('stopped')
        process.exit(0)
      })
      .catch((err) => {
        logger.error({ err }, 'error while shutting down')
        process.exit(1)
      })
  })
}

// Only after the handlers exist: whoever reads this line may send SIGTERM at once, and a signal without a handler kills the process.
logger.info({ url: `http://${lockHost}:${server.port}`, engine: server.database.engine }, 'Cocrea is listening')
