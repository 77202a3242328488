import { type ServerBuild } from '@remix-run/node'
import { startServer, type RunningServer, type ServerOptions } from '#server/app.ts'
import { createLogger } from '#server/logger.ts'
import { createTestDatabase } from './database.ts'
import { serverBuild } from './paths.ts'

export type TestServer = RunningServer & { stop: () => Promise<void> }

/** The real server (production build, real HTTP and socket.io) on a random port, with this file's own database. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  // Several instances in one test share the first one's database, as instances share PostgreSQL in production.
  const ownDatabase = !options.database
  const database = options.database ?? (await createTestDatabase())
  const build = (await import(/* @vite-ignore */ serverBuild)) as ServerBuild
  const server = await startServer({
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    mode: 'production',
    database,
    build,
    seedDemo: '0',
    // Tests read pages right after changing things; the page cache has its own test.
    pageCacheMs: 0,
    ...options,
  })
  return {
    ...server,
    stop: async () => {
      await server.close()
      if (ownDatabase) await database.close()
    },
  }
}
