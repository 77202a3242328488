import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Compaction writes the folded board as rows of about PIECE_BYTES, a few per query, and reads
 * and writes at most about QUERY_BYTES per query: PGlite runs on the event loop, and one query
 * moving 10 MB holds it for seconds (one 134 kB value took 100–200 ms on the loaded 2-core
 * machine, while several small values together move far faster per byte).
 */
export const PIECE_BYTES = 16 * 1024
export const QUERY_BYTES = 64 * 1024

/**
 * The whole-document work of compaction runs in a worker thread, off the event loop: build a
 * Y.Doc from the snapshot and the log (so deleted content is garbage-collected), then cut its
 * state into valid Yjs updates of about PIECE_BYTES each — per client, runs of consecutive
 * structs with their own header, and one last piece with the delete set. The worker checks
 * that the pieces rebuild the same document (state vector and content); if they do not, it
 * answers with the state as a single update.
 *
 * The worker is plain CommonJS evaluated from a string, so it runs the same under tsx, vitest
 * and the production build.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Y = require(workerData.yjs)
const encoding = require(workerData.encoding)

function header(count, client, clock) {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, count)
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, clock)
  return encoding.toUint8Array(e)
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.byteLength, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.byteLength }
  return out
}

function split(doc, max) {
  const pieces = []
  for (const [client, structs] of doc.store.clients) {
    let i = 0
    while (i < structs.length) {
      const start = structs[i].id.clock
      const body = new Y.UpdateEncoderV1()
      let count = 0
      while (i < structs.length && (count === 0 || encoding.length(body.restEncoder) < max)) {
        structs[i].write(body, 0)
        count++
        i++
      }
      // The piece's header, its structs, and an empty delete set.
      pieces.push(concat([header(count, client, start), body.toUint8Array(), new Uint8Array([0])]))
    }
  }
  // No structs, every deletion.
  pieces.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))
  if (doc.store.pendingStructs) pieces.push(doc.store.pendingStructs.update)
  if (doc.store.pendingDs) pieces.push(doc.store.pendingDs)
  return pieces
}

const same = (a, b) => a.byteLength === b.byteLength && a.every((x, i) => x === b[i])

parentPort.on('message', ({ id, state, updates, pieceBytes }) => {
  try {
    const doc = new Y.Doc()
    doc.transact(() => {
      if (state) Y.applyUpdate(doc, state)
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    let pieces = split(doc, pieceBytes)
    const check = new Y.Doc()
    check.transact(() => { for (const piece of pieces) Y.applyUpdate(check, piece) })
    const whole = Y.encodeStateAsUpdate(doc)
    if (!same(Y.encodeStateVector(check), Y.encodeStateVector(doc)) || !same(Y.encodeStateAsUpdate(check), whole)) pieces = [whole]
    check.destroy()
    doc.destroy()
    parentPort.postMessage({ id, pieces }, pieces.map((p) => p.buffer))
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) })
  }
})
`

type Pending = { resolve: (pieces: Uint8Array[]) => void; reject: (error: Error) => void }

let worker: Worker | null = null
let nextId = 0
const pending = new Map<number, Pending>()

function start() {
  const require = createRequire(import.meta.url)
  const w = new Worker(WORKER, { eval: true, workerData: { yjs: require.resolve('yjs'), encoding: require.resolve('lib0/encoding') } })
  // An idle worker does not keep the process alive.
  w.unref()
  w.on('message', ({ id, pieces, error }: { id: number; pieces?: Uint8Array[]; error?: string }) => {
    const waiting = pending.get(id)
    pending.delete(id)
    if (!waiting) return
    if (pieces) waiting.resolve(pieces)
    else waiting.reject(new Error(`compaction failed in the worker: ${error}`))
  })
  const fail = (error: Error) => {
    if (worker === w) worker = null
    for (const [id, waiting] of pending) {
      pending.delete(id)
      waiting.reject(error)
    }
  }
  w.on('error', fail)
  w.on('exit', (code) => fail(new Error(`the compaction worker exited (${code})`)))
  return w
}

/** Folds a snapshot and log rows into pieces of about `pieceBytes`, in the worker thread. */
export function foldBoard(state: Uint8Array | null, updates: Uint8Array[], pieceBytes = PIECE_BYTES): Promise<Uint8Array[]> {
  worker ??= start()
  const id = nextId++
  const w = worker
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    // The worker gets its own copies (the rows may share a buffer with the database driver), moved rather than cloned.
    const copies = updates.map((u) => u.slice())
    const stateCopy = state ? state.slice() : null
    w.postMessage({ id, state: stateCopy, updates: copies, pieceBytes }, [...copies, ...(stateCopy ? [stateCopy] : [])].map((c) => c.buffer))
  })
}

/** Stops the worker (tests and shutdown); the next fold starts a new one. */
export async function stopCompactionWorker() {
  const w = worker
  worker = null
  if (w) await w.terminate()
}
