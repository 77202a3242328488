import { type Namespace } from 'socket.io'
import { toPublicUser } from '#app/services/users.server.ts'
import { authenticateSocket, type SocketData } from './auth.ts'

/**
 * `/live`: tallies, presence and notifications. Each signed-in socket joins its own
 * `user:<id>` room so services can notify a person on every device.
 */
export function registerLiveNamespace(live: Namespace) {
  live.use(authenticateSocket)
  live.on('connection', (socket) => {
    const data = socket.data as SocketData
    if (data.user) void socket.join(`user:${data.user.id}`)
    socket.on('session:whoami', (ack: unknown) => {
      if (typeof ack !== 'function') return
      ack({ ok: true, user: data.user ? toPublicUser(data.user) : null })
    })
  })
}
