import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'
import { type ServerBuild } from '@remix-run/node'
import { startServer, type RunningServer, type ServerOptions } from '#server/app.ts'
import { createLogger } from '#server/logger.ts'
import { createTestDatabase } from './database.ts'
import { serverBuild, tmpDir } from './paths.ts'

export type TestServer = RunningServer & { stop: () => Promise<void> }

/** The real server (production build, real HTTP and socket.io) on a random port, with this file's own database. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  // Several instances in one test share the first one's database, as instances share PostgreSQL in production.
  const ownDatabase = !options.database
  const database = options.database ?? (await createTestDatabase())
  const build = (await import(/* @vite-ignore */ serverBuild)) as ServerBuild
  // Without SMTP, e-mails land in this server's own outbox (server.mailDir), removed when it stops.
  mkdirSync(tmpDir, { recursive: true })
  const ownMailDir = options.mailDir ? undefined : mkdtempSync(path.join(tmpDir, 'mail-'))
  const server = await startServer({
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    mode: 'production',
    database,
    build,
    seedDemo: '0',
    // Tests read pages right after changing things; the page cache has its own test.
    pageCacheMs: 0,
    mailDir: ownMailDir,
    ...options,
  })
  return {
    ...server,
    stop: async () => {
      await server.close()
      if (ownDatabase) await database.close()
      if (ownMailDir) rmSync(ownMailDir, { recursive: true, force: true })
    },
  }
}
