/**
 * A worker of the board benchmark: it holds `count` of the N clients (the benchmark runs
 * two workers so the clients get the cores the server leaves), each with a real Y.Doc on
 * one board, and makes `rate` edits per second per client once told to start. An edit writes
 * `bench[<client>:<seq>] = <send time>` in epoch milliseconds with sub-millisecond precision
 * (`performance.timeOrigin + performance.now()`), comparable across processes on one
 * machine; every other client records the delay until the key reaches its document.
 *
 *   mode yjs:   the real client (BoardProvider) against Cocrea's /boards
 *   mode relay: the naive client against a bare relay — each edit sent as an update frame,
 *               every received frame applied
 *
 * Talks to bench/boards.ts over IPC: ready → go → edited {sent} → total {sent} → result.
 */
import { createHash } from 'node:crypto'
import { io } from 'socket.io-client'
import * as Y from 'yjs'
import { BoardProvider, type BoardsSocket } from '#app/board/client/board-provider.ts'
import { asBytes, readFrame, updateFrame } from '#app/board/frames.ts'
import { BOARD_EVENTS } from '#app/board/protocol.ts'

const [url, boardId, mode, offsetArg, countArg, rateArg, secondsArg, sessionCode] = process.argv.slice(2)
const offset = Number(offsetArg)
const count = Number(countArg)
const rate = Number(rateArg)
const seconds = Number(secondsArg)
const now = () => performance.timeOrigin + performance.now()

type Client = { socket: BoardsSocket; doc: Y.Doc; map: Y.Map<number>; ready: Promise<void>; provider?: BoardProvider }
/** Latencies in 0.25 ms buckets: enough precision for p50/p99, small enough to send over IPC. */
const histogram = new Map<number, number>()
let received = 0

function makeClient(i: number): Client {
  const auth = mode === 'yjs' ? { guest: { sessionCode, name: `Banco ${i}` } } : {}
  const socket: BoardsSocket = io(`${url}/boards`, { transports: ['websocket'], forceNew: true, reconnection: false, auth })
  const doc = new Y.Doc()
  const map = doc.getMap<number>('bench')
  map.observe((event, tx) => {
    if (tx.local) return
    const at = now()
    for (const key of event.keysChanged) {
      const sent = map.get(key)
      if (typeof sent !== 'number') continue
      const bucket = Math.max(0, Math.round((at - sent) * 4))
      histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1)
      received++
    }
  })
  let ready: Promise<void>
  let provider: BoardProvider | undefined
  if (mode === 'yjs') {
    provider = new BoardProvider(socket, boardId, doc)
    ready = new Promise((resolve, reject) => {
      provider!.on('status', (s) => (s === 'synced' ? resolve() : s === 'refused' ? reject(new Error('refused')) : undefined))
      socket.on('connect_error', reject)
    })
  } else {
    ready = new Promise((resolve, reject) => {
      socket.on('connect', () => socket.emit(BOARD_EVENTS.join, boardId, () => resolve()))
      socket.on('connect_error', reject)
    })
    socket.on(BOARD_EVENTS.frame, (_id, frame) => readFrame(asBytes(frame)!, { doc, origin: 'remote', reply: () => {} }))
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') socket.emit(BOARD_EVENTS.frame, boardId, updateFrame(update))
    })
  }
  return { socket, doc, map, ready, provider }
}

/** Resolves once the message is handed to the IPC channel: exiting before that loses it (and the benchmark waits forever). */
const send = (message: unknown) => new Promise<void>((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())))
const next = <T>(type: string) => new Promise<T>((resolve) => process.on('message', (m: { type: string } & T) => m.type === type && resolve(m)))

const clients: Client[] = []
for (let i = 0; i < count; i++) {
  clients.push(makeClient(offset + i))
  // Connect in small waves: a room of people arriving, not a thundering herd.
  if (i % 20 === 19) await new Promise((r) => setTimeout(r, 50))
}
await Promise.all(clients.map((c) => c.ready))
await send({ type: 'ready' })
const { total: n } = await next<{ total: number }>('go')

let sent = 0
const interval = 1000 / rate
const started = performance.now()
await Promise.all(
  clients.map(
    (c, k) =>
      new Promise<void>((resolve) => {
        const i = offset + k
        let seq = 0
        // Spread all N clients' ticks over the interval so edits arrive evenly.
        setTimeout(
          () => {
            const timer = setInterval(() => {
              if (performance.now() - started >= seconds * 1000) {
                clearInterval(timer)
                return resolve()
              }
              c.map.set(`${i}:${seq++}`, now())
              sent++
            }, interval)
          },
          (i / n) * interval,
        )
      }),
  ),
)
await send({ type: 'edited', sent })
const { sent: sentByAll } = await next<{ sent: number }>('total')
// Every edit reaches every client of this worker except its sender.
const expected = sentByAll * count - sent
const drainUntil = performance.now() + 10_000
while (received < expected && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50))

const digest = (c: Client) => createHash('sha1').update(Y.encodeStateVector(c.doc)).digest('hex')
await send({ type: 'result', expected, received, histogram: [...histogram], digests: clients.map(digest), sizes: clients.map((c) => c.map.size) })
for (const c of clients) {
  c.provider?.destroy()
  c.socket.disconnect()
}
process.disconnect()
setTimeout(() => process.exit(0), 100)
