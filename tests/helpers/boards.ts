import { io as connect, type Socket } from 'socket.io-client'
import * as Y from 'yjs'
import { BoardProvider, type BoardAccess, type BoardErrorInfo, type BoardsSocket } from '#app/board/client/board-provider.ts'
import { BOARD_EVENTS, type BoardError } from '#app/board/protocol.ts'
import { templateUpdate } from '#app/board/model.ts'
import { type Db } from '#db/client.ts'
import { boardUpdates, boards, cocreationSessions, type BoardTemplate, type Phase, type SessionStatus } from '#db/schema.ts'
import { insertChallenge, insertInstitution, insertUser } from './fixtures.ts'

/** A challenge with a board (its template's frames as the first stored update) and, unless told otherwise, a live session on it. */
export async function insertBoardScene(
  db: Db,
  { phase = 'cocreation', session = 'live', template = 'empathy', locked = false }: { phase?: Phase; session?: SessionStatus | null; template?: BoardTemplate; locked?: boolean } = {},
) {
  const institution = await insertInstitution(db)
  const facilitator = await insertUser(db, { role: 'facilitator', name: 'Facilitadora Tablero' })
  const challenge = await insertChallenge(db, { title: 'Reto con tablero', phase, institutionId: institution.id })
  const [board] = await db.insert(boards).values({ challengeId: challenge.id, title: 'Tablero de prueba', template, createdBy: facilitator.id }).returning()
  await db.insert(boardUpdates).values({ boardId: board.id, update: templateUpdate(template, {}, { key: `user:${facilitator.id}`, name: facilitator.name }) })
  const code = String(100000 + Math.floor(Math.random() * 900000))
  const [row] = session
    ? await db
        .insert(cocreationSessions)
        .values({
          challengeId: challenge.id,
          boardId: board.id,
          title: 'Sesión de prueba',
          startsAt: new Date(Date.now() - 3600_000),
          endsAt: new Date(Date.now() + 3600_000),
          status: session,
          code,
          locked,
          createdBy: facilitator.id,
        })
        .returning()
    : [null]
  return { institution, facilitator, challenge, board, session: row }
}

export type BoardClient = {
  socket: BoardsSocket
  doc: Y.Doc
  provider: BoardProvider
  errors: BoardErrorInfo[]
  /** Resolves with the access once joined and the first sync is complete. */
  synced: Promise<BoardAccess>
  close: () => void
}

/** A real socket.io client with a real Y.Doc on one board, as a browser would hold it. */
export function boardClient(
  url: string,
  boardId: string,
  { token, guest, doc = new Y.Doc(), reconnection = false, headers }: { token?: string; guest?: { sessionCode: string; name: string }; doc?: Y.Doc; reconnection?: boolean; headers?: Record<string, string> } = {},
): BoardClient {
  // `headers`: what a browser's handshake carries (its cookies), e.g. the guest cookie.
  const socket: BoardsSocket = connect(`${url}/boards`, { transports: ['websocket'], reconnection, reconnectionDelay: 50, reconnectionDelayMax: 200, forceNew: true, extraHeaders: headers, auth: { ...(token ? { token } : {}), ...(guest ? { guest } : {}) } })
  const provider = new BoardProvider(socket, boardId, doc)
  const errors: BoardErrorInfo[] = []
  provider.on('error', (e) => errors.push(e))
  const synced = new Promise<BoardAccess>((resolve, reject) => {
    provider.on('status', (status) => {
      if (status === 'synced') resolve(provider.access!)
      if (status === 'refused') reject(new Error(`refused: ${JSON.stringify(errors.at(-1))}`))
    })
    socket.on('connect_error', (err) => !reconnection && reject(err))
  })
  synced.catch(() => {})
  return {
    socket,
    doc,
    provider,
    errors,
    synced,
    close: () => {
      provider.destroy()
      socket.disconnect()
    },
  }
}

/** A bare `/boards` socket with the protocol's events (no provider). */
export const boardsSocket = (url: string, options: Parameters<typeof connect>[1] = {}): BoardsSocket =>
  connect(`${url}/boards`, { transports: ['websocket'], reconnection: false, forceNew: true, ...options })

/** The same socket without the protocol's types: for sending what a hostile client would (text as a frame, a wrong argument). */
export const untyped = (socket: BoardsSocket) => socket as unknown as Socket

/** The next `board:error` this client receives. */
export const nextBoardError = (c: BoardClient) => new Promise<BoardError>((resolve) => c.socket.once(BOARD_EVENTS.error, resolve))

/** How long a board change may take to reach a client or the database (vi.waitFor's default, 1 s, is short on a loaded machine). */
export const BOARD_WAIT = { timeout: 5000, interval: 20 }

export const noteTexts = (doc: Y.Doc) =>
  [...doc.getMap<Y.Map<unknown>>('elements').values()]
    .filter((m) => m.get('type') === 'note')
    .map((m) => String(m.get('text')))
    .sort()
