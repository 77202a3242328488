/**
 * `npm run bench`: load the production server in this process's own database and compare
 * each page with a trivial route measured in the same run (absolute numbers drift on
 * shared machines; the ratio is what we track). Prints JSON.
 *
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=50 BENCH_DATABASE_URL=postgres://… npm run bench
 *
 * `challengePage…` (bench/challenge-page.ts): a challenge in voting with 200 ideas and 2,000 comments.
 * `votes` (bench/votes.ts): 500 people casting and withdrawing dots over the JSON API, then a
 * check that every tally and budget is exact.
 * `boards` (bench/boards.ts): N clients editing one board, against a bare relay and /boards.
 * `compaction` (bench/compaction.ts): /healthz latency while a 10 MB board compacts, against idle /healthz.
 *
 *   BENCH_ONLY=pages|boards|compaction BENCH_BOARD_CLIENTS=20,50,100,200 BENCH_BOARD_SECONDS=15 npm run bench
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { type ServerBuild } from '@remix-run/node'
import postgres from 'postgres'
import { openDatabase } from '#db/client.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { startServer } from '#server/app.ts'
import { createLogger } from '#server/logger.ts'
import { load } from './lib.ts'
import { benchSession, seedBigChallenge } from './challenge-page.ts'
import { runVoteBench } from './votes.ts'
import { runBoardBench } from './boards.ts'
import { runCompactionBench } from './compaction.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const engines = process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
/** `pages`, `boards` or both (default): the board benchmark alone takes about four minutes. */
const only = process.env.BENCH_ONLY ?? 'all'
const boardCounts = (process.env.BENCH_BOARD_CLIENTS ?? '20,50,100,200').split(',').map(Number)
const boardSeconds = Number(process.env.BENCH_BOARD_SECONDS ?? 15)

if (!existsSync(path.join(root, 'build/server/index.js'))) {
  spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], { cwd: root, stdio: 'inherit' })
}
process.env.NODE_ENV = 'production'
const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild

async function freshDatabase(engine: string) {
  if (engine === 'pglite') return { handle: await openDatabase({}), drop: async () => {} }
  const base = process.env.BENCH_DATABASE_URL!
  const name = `cocrea_bench_${Date.now()}`
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    handle: await openDatabase({ databaseUrl: url.toString() }),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

async function runPageBench(handle: Awaited<ReturnType<typeof freshDatabase>>['handle']) {
  const server = await startServer({ logger: createLogger('silent'), mode: 'production', database: handle, build, seedDemo: '0' })
  const opts = { connections, durationSeconds: seconds, headers: { 'accept-language': 'es' } }
  const baseline = await load(`${server.url}/healthz`, opts)
  const home = await load(`${server.url}/`, opts)
  const login = await load(`${server.url}/login`, opts)
  const challengePath = await seedBigChallenge(handle.db)
  const challengePage = await load(`${server.url}${challengePath}`, opts)
  // A signed-in reader's cookie bypasses the page cache: every view is rendered.
  const { token } = await benchSession(handle.db)
  const challengePageSignedIn = await load(`${server.url}${challengePath}`, { ...opts, headers: { ...opts.headers, cookie: `cocrea_session=${token}` } })
  const votes = await runVoteBench({ url: server.url, db: handle.db, connections, seconds, baseline })
  await server.close()
  return {
    baseline_healthz: baseline,
    home: { ...home, ratioToBaseline: +(home.requestsPerSecond / baseline.requestsPerSecond).toFixed(2) },
    login: { ...login, ratioToBaseline: +(login.requestsPerSecond / baseline.requestsPerSecond).toFixed(2) },
    challengePage200Ideas2000Comments: {
      ...challengePage,
      ratioToBaseline: +(challengePage.requestsPerSecond / baseline.requestsPerSecond).toFixed(2),
      ratioToLoginPage: +(challengePage.requestsPerSecond / login.requestsPerSecond).toFixed(2),
    },
    challengePageSignedIn: { ...challengePageSignedIn, ratioToBaseline: +(challengePageSignedIn.requestsPerSecond / baseline.requestsPerSecond).toFixed(2) },
    votes,
  }
}

const cleanups: (() => Promise<void>)[] = []
const results: Record<string, unknown> = { seconds, connections, node: process.version, at: new Date().toISOString() }
for (const engine of engines) {
  const { handle, drop } = await freshDatabase(engine)
  if (only !== 'compaction') await seedDemoData(handle.db)
  const pages = only === 'all' || only === 'pages' ? await runPageBench(handle) : {}
  // Board storage is on the same engine; the clients run in their own process.
  const boards = only === 'all' || only === 'boards' ? { boards: await runBoardBench({ build, database: handle, counts: boardCounts, rate: 2, seconds: boardSeconds }) } : {}
  const compaction = only === 'all' || only === 'compaction' ? { compaction: await runCompactionBench({ build, database: handle }) } : {}
  results[engine] = { ...pages, ...boards, ...compaction }
  cleanups.push(async () => {
    await handle.close()
    await drop()
  })
}
// Results first: a database that is slow to close must not keep them from being printed.
console.log(JSON.stringify(results, null, 2))
for (const cleanup of cleanups) await Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())])
process.exit(0)
