/**
 * The board benchmark (issue 4): N clients on one board, each making `rate` edits per
 * second, against (a) a bare socket.io relay that forwards every frame to the room — the
 * naive baseline, measured in the same run — and (b) Cocrea's /boards with Yjs and storage
 * on, with updates gathered for a few ms into one frame (and, to show what that buys, with
 * no gathering). Also: how long a new client waits for a board with 10,000 updates in its
 * history, before and after compaction, and the stored size.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import { type AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerBuild } from '@remix-run/node'
import { Server } from 'socket.io'
import * as Y from 'yjs'
import { addNote, setText } from '#app/board/model.ts'
import { BOARD_EVENTS, type BoardJoinReply, type BoardsClientToServerEvents, type BoardsServerToClientEvents, type WireFrame } from '#app/board/protocol.ts'
import { type DatabaseHandle } from '#db/client.ts'
import { boardUpdates } from '#db/schema.ts'
import { startServer } from '#server/app.ts'
import { compactBoard, storedSize } from '#server/boards/board-store.ts'
import { createLogger } from '#server/logger.ts'
import { boardClient, insertBoardScene } from '#tests/helpers/boards.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tsx = path.join(root, 'node_modules/tsx/dist/esm/index.mjs')

type ClientResult = { clients: number; lost: number; converged: boolean; p50Ms: number; p99Ms: number; maxMs: number; editsSent: number; deliveries: number }
type Measured = ClientResult & { serverCpuPercent: number; serverPeakRssMb: number }

/** How many processes hold the clients: the server takes one core, the clients share the rest. */
const WORKERS = 2

type WorkerResult = { expected: number; received: number; histogram: [number, number][]; digests: string[]; sizes: number[] }

/** Runs N clients split over worker processes, starts their edits together and combines what they measured. */
async function runClients({ url, boardId, mode, n, rate, seconds, code = '' }: { url: string; boardId: string; mode: 'yjs' | 'relay'; n: number; rate: number; seconds: number; code?: string }): Promise<ClientResult> {
  const sizes = Array.from({ length: WORKERS }, (_, w) => Math.floor(n / WORKERS) + (w < n % WORKERS ? 1 : 0))
  const workers = sizes.map((count, w) => {
    const offset = sizes.slice(0, w).reduce((a, b) => a + b, 0)
    return fork(path.join(root, 'bench/board-clients.ts'), [url, boardId, mode, String(offset), String(count), String(rate), String(seconds), code], {
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each client worker, to see where the clients' time goes.
      execArgv: ['--import', tsx, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
  })
  const message = <T>(child: ChildProcess, type: string) =>
    new Promise<T>((resolve, reject) => {
      child.on('message', (m: { type: string } & T) => m.type === type && resolve(m))
      // Rejecting after the message came is a no-op; without it, a worker gone early would leave the benchmark waiting forever.
      child.on('exit', (code) => reject(new Error(`board clients exited (${code}) before "${type}"`)))
    })
  await Promise.all(workers.map((w) => message(w, 'ready')))
  const edited = workers.map((w) => message<{ sent: number }>(w, 'edited'))
  const results = workers.map((w) => message<WorkerResult>(w, 'result'))
  for (const w of workers) w.send({ type: 'go', total: n })
  const sent = (await Promise.all(edited)).reduce((a, e) => a + e.sent, 0)
  for (const w of workers) w.send({ type: 'total', sent })
  const all = await Promise.all(results)
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode === null ? w.on('exit', resolve) : resolve(null)))))

  const histogram = new Map<number, number>()
  for (const r of all) for (const [bucket, count] of r.histogram) histogram.set(bucket, (histogram.get(bucket) ?? 0) + count)
  const buckets = [...histogram].sort((a, b) => a[0] - b[0])
  const deliveries = all.reduce((a, r) => a + r.received, 0)
  const percentile = (q: number) => {
    let seen = 0
    for (const [bucket, count] of buckets) if ((seen += count) >= q * deliveries) return bucket / 4
    return Number.NaN
  }
  const expected = all.reduce((a, r) => a + r.expected, 0)
  return {
    clients: n,
    editsSent: sent,
    deliveries,
    lost: expected - deliveries,
    converged: new Set(all.flatMap((r) => r.digests)).size === 1 && all.flatMap((r) => r.sizes).every((size) => size === sent),
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    maxMs: percentile(1),
  }
}

/** CPU of this process (the server) as % of one core, and its peak RSS, while `work` runs. */
async function measured(work: () => Promise<ClientResult>): Promise<Measured> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250)
  try {
    const result = await work()
    const used = process.cpuUsage(cpu)
    return { ...result, serverCpuPercent: Math.round(((used.user + used.system) / 1000 / (performance.now() - started)) * 100), serverPeakRssMb: Math.round(peak / 1e6) }
  } finally {
    clearInterval(sampler)
  }
}

/** The naive baseline: forward every frame to everyone else in the room; no Yjs, no storage. */
async function startRelay() {
  const http = createServer()
  const io = new Server<BoardsClientToServerEvents, BoardsServerToClientEvents>(http, { serveClient: false, maxHttpBufferSize: 8 * 1024 * 1024 })
  io.of('/boards').on('connection', (socket) => {
    socket.on(BOARD_EVENTS.join, (boardId: string, ack: (r: BoardJoinReply) => void) => {
      void socket.join(boardId)
      ack({ ok: true, access: 'edit' })
    })
    socket.on(BOARD_EVENTS.frame, (boardId: string, frame: WireFrame) => socket.to(boardId).emit(BOARD_EVENTS.frame, boardId, frame))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => io.close(() => resolve())) }
}

/** A line on stderr per measurement, so a long run shows where it is. */
const progress = (what: string, m: Measured) =>
  console.error(`boards: ${what}: ${m.editsSent} edits, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, max ${m.maxMs} ms, lost ${m.lost}, converged ${m.converged}, server CPU ${m.serverCpuPercent} %, RSS ${m.serverPeakRssMb} MB`)

/** Which fan-out variants run (`BENCH_BOARD_VARIANTS`, all by default): a single one is handy while tuning. */
const variants = (process.env.BENCH_BOARD_VARIANTS ?? 'relay,cocrea,cocreaOneFramePerUpdate').split(',')

/** While tuning: BENCH_FANOUT_PER_CLIENT / BENCH_FANOUT_MAX override the window's growth and cap. */
const tuning = {
  ...(process.env.BENCH_FANOUT_PER_CLIENT ? { fanoutMsPerClient: Number(process.env.BENCH_FANOUT_PER_CLIENT) } : {}),
  ...(process.env.BENCH_FANOUT_MAX ? { fanoutMaxMs: Number(process.env.BENCH_FANOUT_MAX) } : {}),
}

export async function runBoardBench({ build, database, counts, rate, seconds }: { build: ServerBuild; database: DatabaseHandle; counts: number[]; rate: number; seconds: number }) {
  // Each server first carries a short unmeasured load, so the first N measured does not pay for a cold JIT.
  const warmUp = { n: 20, rate, seconds: 3 }
  const fanout: Record<string, Measured[]> = { relay: [], cocrea: [], cocreaOneFramePerUpdate: [] }
  if (variants.includes('relay')) {
    const relay = await startRelay()
    await runClients({ url: relay.url, boardId: 'relay-warm-up', mode: 'relay', ...warmUp })
    for (const n of counts) {
      fanout.relay.push(await measured(() => runClients({ url: relay.url, boardId: 'relay-board', mode: 'relay', n, rate, seconds })))
      progress(`relay N=${n}`, fanout.relay.at(-1)!)
    }
    await relay.close()
  }

  for (const [variant, fanoutMsPerClient] of [
    ['cocrea', undefined],
    ['cocreaOneFramePerUpdate', 0],
  ] as const) {
    if (!variants.includes(variant)) continue
    const server = await startServer({ logger: createLogger('silent'), mode: 'production', database, build, seedDemo: '0', boards: { fanoutMsPerClient, framesPerSecond: 1000, ...tuning } })
    const warmUpScene = await insertBoardScene(database.db, { template: 'blank' })
    await runClients({ url: server.url, boardId: warmUpScene.board.id, mode: 'yjs', code: warmUpScene.session!.code, ...warmUp })
    for (const n of counts) {
      const scene = await insertBoardScene(database.db, { template: 'blank' })
      fanout[variant].push(await measured(() => runClients({ url: server.url, boardId: scene.board.id, mode: 'yjs', n, rate, seconds, code: scene.session!.code })))
      progress(`${variant} N=${n}`, fanout[variant].at(-1)!)
    }
    await server.close()
  }

  const history = await historyBench(build, database)
  console.error(`boards: 10,000-update board opens in ${history.beforeCompaction.openMs} ms, ${history.afterCompaction.openMs} ms after compaction`)
  return {
    setup: { editsPerClientPerSecond: rate, seconds, latency: 'from the sender’s edit to its arrival in every other client’s document (same clock)' },
    fanout,
    history,
  }
}

/** A board whose log holds 10,000 updates (typing in notes): cold open time before and after compaction. */
async function historyBench(build: ServerBuild, database: DatabaseHandle) {
  const scene = await insertBoardScene(database.db, { template: 'blank' })
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const author = { key: 'user:bench', name: 'Banco' }
  const notes: string[] = []
  for (let i = 0; updates.length < 10_000; i++) {
    if (i % 50 === 0) notes.push(addNote(doc, { x: (i % 2000) / 2, y: Math.floor(i / 2000) * 160, text: '', author }))
    setText(doc, notes.at(-1)!, `Idea número ${i}: ampliar el horario de atención los sábados`, author)
  }
  for (let i = 0; i < updates.length; i += 500) {
    await database.db.insert(boardUpdates).values(updates.slice(i, i + 500).map((update) => ({ boardId: scene.board.id, update })))
  }
  const server = await startServer({ logger: createLogger('silent'), mode: 'production', database, build, seedDemo: '0', boards: { unloadMs: 50, compactAfterUpdates: Number.POSITIVE_INFINITY } })
  const openOnce = async () => {
    const started = performance.now()
    const c = boardClient(server.url, scene.board.id)
    await c.synced
    const ms = performance.now() - started
    c.close()
    // Wait for the board to leave memory, so the next open loads it from storage again.
    while (server.boards.get(scene.board.id)) await new Promise((r) => setTimeout(r, 20))
    return ms
  }
  const median = async () => {
    const times = []
    for (let i = 0; i < 5; i++) times.push(await openOnce())
    return +times.sort((a, b) => a - b)[2].toFixed(1)
  }
  // Compaction on load is off for this server, and a reader writes nothing, so the log stays raw until we compact it.
  const before = { ...(await storedSize(database.db, scene.board.id)), openMs: await median() }
  await compactBoard(database.db, scene.board.id)
  const after = { ...(await storedSize(database.db, scene.board.id)), openMs: await median() }
  await server.close()
  return { updatesInHistory: updates.length, beforeCompaction: before, afterCompaction: after }
}
