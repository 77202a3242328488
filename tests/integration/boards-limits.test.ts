import type * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { addNote, updateElement } from '#app/board/model.ts'
import { startSession } from '#app/services/sessions.server.ts'
import { type DatabaseHandle } from '#db/client.ts'
import { boardClient, eventually, insertBoardScene, type BoardClient } from '#tests/helpers/boards.ts'
import { createTestDatabase } from '#tests/helpers/database.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let database: DatabaseHandle
let server: TestServer
const clients: BoardClient[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  server = await startTestServer({ database, boards: { unloadMs: 200 } })
})
afterEach(() => {
  for (const c of clients.splice(0)) c.close()
})
afterAll(async () => {
  await server?.stop()
  await database?.close()
})

function client(boardId: string, options: Parameters<typeof boardClient>[2] = {}) {
  const c = boardClient(server.url, boardId, options)
  clients.push(c)
  return c
}

const healthy = async () => {
  const response = await fetch(`${server.url}/healthz`)
  return { status: response.status, body: await response.json() }
}

describe('board exports with hostile geometry', () => {
  test('a guest’s note at x = 3e21, NaN, Infinity or of huge size gives a sane PNG and SVG, and the server stays up', async () => {
    const scene = await insertBoardScene(database.db, { template: 'hmw' })
    const guest = client(scene.board.id, { guest: { sessionCode: scene.session!.code, name: 'Invitada Hostil' } })
    expect(await guest.synced).toBe('edit')
    const author = { key: 'guest:x', name: 'Invitada Hostil' }
    const far = addNote(guest.doc, { x: 0, y: 0, text: 'Lejísimos', author })
    const nan = addNote(guest.doc, { x: 10, y: 10, text: 'NaN', author })
    const huge = addNote(guest.doc, { x: 20, y: 20, text: 'Enorme', author })
    updateElement(guest.doc, far, { x: 3e21, y: -2e21 })
    updateElement(guest.doc, nan, { x: Number.NaN, y: Number.POSITIVE_INFINITY, w: Number.NEGATIVE_INFINITY })
    updateElement(guest.doc, huge, { w: 1e300, h: 5e20 })
    const serverDoc = () => server.boards.get(scene.board.id)?.doc
    await eventually(() => (serverDoc()?.getMap<Y.Map<unknown>>('elements').get(huge)?.get('h') as number) === 5e20, 'the hostile geometry reached the server')

    const cookie = `cocrea_session=${(await startSession(scene.facilitator.id)).token}`
    for (let i = 0; i < 2; i++) {
      const png = await fetch(`${server.url}/sesiones/${scene.session!.id}/tablero.png`, { headers: { cookie } })
      expect(png.status).toBe(200)
      expect(png.headers.get('content-type')).toBe('image/png')
      const bytes = new Uint8Array(await png.arrayBuffer())
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      // IHDR: width and height, big-endian, within the caps.
      const view = new DataView(bytes.buffer, bytes.byteOffset)
      const [width, height] = [view.getUint32(16), view.getUint32(20)]
      expect(Math.max(width, height)).toBeLessThanOrEqual(4000)
      expect(width * height).toBeLessThanOrEqual(16_000_000)

      const svg = await fetch(`${server.url}/sesiones/${scene.session!.id}/tablero.svg`, { headers: { cookie } })
      expect(svg.status).toBe(200)
      const text = await svg.text()
      const size = /<svg [^>]*width="([^"]+)" height="([^"]+)"/.exec(text)!
      for (const value of [size[1], size[2]]) {
        expect(Number.isFinite(Number(value)), value).toBe(true)
        expect(Number(value)).toBeLessThanOrEqual(2_100_000)
      }
      expect(text).not.toMatch(/="[^"]*(NaN|Infinity|e\+)/)
      expect(await healthy()).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } })
    }
  })
})
