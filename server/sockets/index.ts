import { type Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-adapter'
import { Server } from 'socket.io'
import { setLivePublisher } from '#app/services/live.server.ts'
import { isCrossSite } from '../http/security.ts'
import { type Metrics } from '../metrics.ts'
import { registerLiveNamespace } from './live.ts'

type RedisClient = { duplicate: () => RedisClient; connect: () => Promise<unknown>; quit: () => Promise<unknown> }

/** socket.io on the same HTTP server as the pages; the Redis adapter when several instances share the load. */
export async function createSocketServer(
  httpServer: HttpServer,
  { publicUrl, metrics, redis }: { publicUrl?: string; metrics: Metrics; redis?: RedisClient },
) {
  const io = new Server(httpServer, {
    serveClient: false,
    // Board frames are limited to 1 MiB by the protocol; leave room for the envelope.
    maxHttpBufferSize: 1_100_000,
    // A cross-site page must not open a socket with the person's cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin
      const expected = publicUrl ? new URL(publicUrl).origin : `http://${req.headers.host}`
      const expectedTls = `https://${req.headers.host}`
      const crossSite = origin !== undefined && origin !== expectedTls && isCrossSite(origin, undefined, expected)
      callback(null, !crossSite)
    },
  })
  const adapterClients: RedisClient[] = []
  if (redis) {
    const pub = redis.duplicate()
    const sub = redis.duplicate()
    await Promise.all([pub.connect(), sub.connect()])
    adapterClients.push(pub, sub)
    io.adapter(createAdapter(pub, sub))
  }
  const live = io.of('/live')
  registerLiveNamespace(live)
  setLivePublisher((room, event, payload) => live.to(room).emit(event, payload))
  live.on('connection', (socket) => {
    metrics.sockets.inc({ namespace: '/live' })
    socket.on('disconnect', () => metrics.sockets.dec({ namespace: '/live' }))
  })
  /** Closes the sockets (and with them the HTTP server), then the adapter's Redis connections. */
  const close = async () => {
    setLivePublisher(undefined)
    await new Promise<void>((resolve) => io.close(() => resolve()))
    await Promise.all(adapterClients.map((c) => c.quit().catch(() => {})))
  }
  return { io, close }
}
