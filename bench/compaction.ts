/**
 * `/healthz` latency while a ~10 MB board compacts (issue 9), against `/healthz` with nothing
 * else running, in the same run: the same sequential probe (one request at a time, as fast as
 * they come back) measured first idle, then for as long as the compaction takes.
 */
import { type ServerBuild } from '@remix-run/node'
import * as Y from 'yjs'
import { addNote } from '#app/board/model.ts'
import { type DatabaseHandle } from '#db/client.ts'
import { boardUpdates } from '#db/schema.ts'
import { startServer } from '#server/app.ts'
import { storedSize } from '#server/boards/board-store.ts'
import { createLogger } from '#server/logger.ts'
import { boardClient, insertBoardScene } from '#tests/helpers/boards.ts'

type Probe = { requests: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }

async function probe(url: string, until: () => boolean): Promise<Probe> {
  const latencies: number[] = []
  while (!until()) {
    const started = performance.now()
    const response = await fetch(`${url}/healthz`)
    await response.arrayBuffer()
    latencies.push(performance.now() - started)
  }
  latencies.sort((a, b) => a - b)
  const at = (q: number) => +latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)
  return { requests: latencies.length, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: +latencies.at(-1)!.toFixed(1) }
}

export async function runCompactionBench({ build, database }: { build: ServerBuild; database: DatabaseHandle }) {
  const server = await startServer({ logger: createLogger('silent'), mode: 'production', database, build, seedDemo: '0', boards: { compactAfterUpdates: Number.POSITIVE_INFINITY, maxBoardBytes: 64 * 1024 * 1024 } })
  try {
    const scene = await insertBoardScene(database.db, { template: 'blank' })
    // 1,000 notes of 10 kB of text that does not compress, written earlier as 100 rows.
    const writer = new Y.Doc()
    for (let i = 0; i < 100; i++) {
      const before = Y.encodeStateVector(writer)
      writer.transact(() => {
        for (let j = 0; j < 10; j++) {
          const text = Array.from({ length: 1000 }, () => Math.random().toString(36).slice(2, 12)).join('').slice(0, 10_000)
          addNote(writer, { x: j * 200, y: i * 200, text, author: { key: 'user:bench', name: 'Bench' } })
        }
      })
      await database.db.insert(boardUpdates).values({ boardId: scene.board.id, update: Y.encodeStateAsUpdate(writer, before) })
    }
    const size = await storedSize(database.db, scene.board.id)
    const reader = boardClient(server.url, scene.board.id)
    await reader.synced
    const idleUntil = performance.now() + 5000
    const idle = await probe(server.url, () => performance.now() > idleUntil)
    let done = false
    const started = performance.now()
    const compaction = server.boards.get(scene.board.id)!.compact().finally(() => (done = true))
    const during = await probe(server.url, () => done)
    await compaction
    const compactionMs = Math.round(performance.now() - started)
    reader.close()
    return { boardLogBytes: size.log, compactionMs, healthzIdle: idle, healthzDuringCompaction: during }
  } finally {
    await server.close()
  }
}
