import { type IncomingMessage } from 'node:http'
import { type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { BOARD_ERROR_CODES, BOARD_EVENTS, BOARD_JOIN_ERROR_CODES, CONNECT_ERROR_CODES } from '#app/board/protocol.ts'
import { insertBoardScene } from '#tests/helpers/boards.ts'
import { serverElements, sessionHelpers } from '#tests/helpers/sessions.ts'
import { createPerson, expectNoBrowserErrors, hydrated, onPath, seen, signIn, startE2E, WAIT, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const kit = sessionHelpers(() => e2e.server)
const ENDED = 'La sesión terminó.'
const OFFLINE = 'Sin conexión — tus cambios se guardan y se enviarán al reconectar'
const ALL_CODES = [...BOARD_JOIN_ERROR_CODES, ...BOARD_ERROR_CODES, ...CONNECT_ERROR_CODES]

type Box = { x: number; y: number; width: number; height: number }
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y

const synced = (page: Page) => page.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })
const addNoteButton = (page: Page) => page.getByRole('button', { name: 'Añadir una nota' })
const noteBoxes = (page: Page) => page.getByTestId('board-note').evaluateAll((notes) => notes.map((n) => n.getBoundingClientRect().toJSON() as Box))

/** A guest joins a live session's board with its six-digit code and a nickname, and waits until the board is in step. */
async function guestOnBoard(code: string, boardId: string, name: string) {
  const page = await e2e.newPage()
  await page.goto(`/sesiones/unirse`)
  await hydrated(page)
  await page.getByLabel('Código de la sesión').fill(code)
  await page.getByLabel('Tu apodo').fill(name)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await onPath(page, `/tableros/${boardId}`)
  await synced(page)
  return page
}

/** The facilitator ends the session (the API, as any client would). */
async function endSession(sessionId: string) {
  const facilitator = await kit.person('facilitator', 'Fabiola Final')
  const res = await kit.api('POST', `/sessions/${sessionId}/end`, facilitator)
  expect(res.status).toBe(200)
}

/** What the page says, all of it: no error code may be in it. */
async function noCodeShown(page: Page) {
  const text = await page.locator('body').innerText()
  for (const code of ALL_CODES) expect(text, `the code ${code} on screen`).not.toContain(code)
}

/** Every way a guest could try to add something, on the canvas, with the mouse and the keyboard. */
async function tryToAddNotes(page: Page) {
  const canvas = page.getByTestId('board-canvas')
  // An empty spot of the canvas itself: the floating toolbars and the notes are not where a new note would go.
  const spot = await canvas.evaluate((el) => {
    const box = el.getBoundingClientRect()
    for (let y = box.bottom - 40; y > box.top + 40; y -= 30) {
      for (let x = box.right - 40; x > box.left + 40; x -= 30) {
        const hit = document.elementFromPoint(x, y)
        if (hit && el.contains(hit) && !hit.closest('[data-testid="board-note"], [role="toolbar"], button, a')) return { x: x - box.left, y: y - box.top }
      }
    }
    throw new Error('no empty spot on the canvas')
  })
  await canvas.dblclick({ position: spot })
  await canvas.focus()
  for (const key of ['n', 'N', 'Shift+N', 'Enter', 'Control+d', 'Control+v', 'Delete', 'Control+z', 'Control+y']) await page.keyboard.press(key)
}

describe('new notes go to free space', () => {
  test('ten notes added in a row with the toolbar lie side by side, none over another, around the middle of the view', async () => {
    const scene = await insertBoardScene(e2e.server.database.db, { template: 'blank' })
    const person = await createPerson('Nora Notas')
    const page = await e2e.newPage()
    await signIn(page, person.email)
    await page.goto(`/tableros/${scene.board.id}`)
    await hydrated(page)
    await synced(page)

    for (let i = 1; i <= 10; i++) {
      await addNoteButton(page).click()
      await expect.poll(() => page.getByTestId('board-note').count(), { timeout: WAIT }).toBe(i)
    }
    const boxes = await noteBoxes(page)
    expect(boxes).toHaveLength(10)
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j]), `note ${i + 1} over note ${j + 1}`).toBe(false)
    }
    // The first one sits in the middle of the canvas (give or take its border); the rest around it.
    const canvas = (await page.getByTestId('board-canvas').boundingBox())!
    const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 }
    expect(Math.abs(boxes[0].x + boxes[0].width / 2 - middle.x)).toBeLessThan(8)
    expect(Math.abs(boxes[0].y + boxes[0].height / 2 - middle.y)).toBeLessThan(8)
    for (const b of boxes) expect(Math.hypot(b.x + b.width / 2 - middle.x, b.y + b.height / 2 - middle.y), 'a note far from the middle').toBeLessThan(600)
    // And the server holds ten notes, apart from each other as well.
    await expect.poll(async () => (await serverElements(scene.board.id)).filter((e) => e.type === 'note').length, { timeout: WAIT }).toBe(10)

    // A double-click just left of the leftmost note puts the new one at the pointer, nudged off that note.
    const leftmost = [...boxes].sort((a, b) => a.x - b.x)[0]
    const pointer = { x: leftmost.x - 10 - canvas.x, y: leftmost.y + leftmost.height / 2 - canvas.y }
    expect(pointer.x).toBeGreaterThan(0)
    await page.getByTestId('board-canvas').dblclick({ position: pointer })
    await expect.poll(() => page.getByTestId('board-note').count(), { timeout: WAIT }).toBe(11)
    const after = await noteBoxes(page)
    const added = after.find((b) => !boxes.some((o) => o.x === b.x && o.y === b.y))!
    // Beside the pointer: to its left, its right edge near where the double-click was.
    expect(Math.abs(added.x + added.width - (leftmost.x - 12))).toBeLessThan(8)
    for (let i = 0; i < after.length; i++) {
      for (let j = i + 1; j < after.length; j++) expect(overlap(after[i], after[j]), `note ${i + 1} over note ${j + 1}`).toBe(false)
    }
  })
})

describe('the end of a session, as a guest sees it', () => {
  test('a guest on the live board sees the session end: read only, nothing to add, no offline banner, no code; nothing they try reaches the board', async () => {
    const scene = await insertBoardScene(e2e.server.database.db, { template: 'hmw' })
    const page = await guestOnBoard(scene.session!.code, scene.board.id, 'Gabi invitada')
    await addNoteButton(page).click()
    await page.keyboard.type('Antes del final')
    await expect.poll(async () => (await serverElements(scene.board.id)).some((e) => e.text === 'Antes del final'), { timeout: WAIT }).toBe(true)

    await endSession(scene.session!.id)

    await seen(page.getByTestId('board-ended').getByText(ENDED))
    expect(await page.locator('[data-testid="board"]').getAttribute('data-board-status')).toBe('ended')
    await seen(page.getByTestId('bar-phase').getByText('Terminada'))
    expect(await addNoteButton(page).count()).toBe(0)
    expect(await page.getByText(OFFLINE).count()).toBe(0)
    // The note written before the end is still there, and cannot be edited.
    const note = page.getByRole('textbox', { name: 'Texto de la nota de Gabi invitada' })
    await expect.poll(() => note.inputValue(), { timeout: WAIT }).toBe('Antes del final')
    expect(await note.getAttribute('readonly')).not.toBeNull()

    const before = await serverElements(scene.board.id)
    const notesShown = await page.getByTestId('board-note').count()
    await tryToAddNotes(page)
    await note.click()
    await page.keyboard.type('después')
    // Nothing new on the screen, nothing new on the server.
    expect(await page.getByTestId('board-note').count()).toBe(notesShown)
    expect(await note.inputValue()).toBe('Antes del final')
    expect(await serverElements(scene.board.id)).toEqual(before)
    expect(await page.getByText(OFFLINE).count()).toBe(0)
    expect(await page.getByText('session_ended').count()).toBe(0)
    await noCodeShown(page)
  })

  test('a guest who opens the board after the end sees it ended and read only', async () => {
    const scene = await insertBoardScene(e2e.server.database.db, { template: 'hmw' })
    const page = await guestOnBoard(scene.session!.code, scene.board.id, 'Tito tardío')
    await endSession(scene.session!.id)
    await page.reload()
    await hydrated(page)
    await seen(page.getByTestId('board-ended').getByText(ENDED))
    await page.locator('[data-testid="board"][data-access="view"]').waitFor({ timeout: WAIT })
    expect(await addNoteButton(page).count()).toBe(0)
    const before = await serverElements(scene.board.id)
    await tryToAddNotes(page)
    expect(await page.getByTestId('board-note').count()).toBe(0)
    expect(await serverElements(scene.board.id)).toEqual(before)
    expect(await page.getByText(OFFLINE).count()).toBe(0)
    expect(await page.getByText('Tu cambio no se guardó', { exact: false }).count()).toBe(0)
    await noCodeShown(page)
  })

  test('a note a guest wrote offline while the session ended is not shown as if saved once they are back', async () => {
    const scene = await insertBoardScene(e2e.server.database.db, { template: 'hmw' })
    const page = await guestOnBoard(scene.session!.code, scene.board.id, 'Olga sin red')
    const guestCookie = (await page.context().cookies()).find((c) => c.name === 'cocrea_guest')!.value

    // Her network goes (the server plays the network: Chromium's offline mode keeps WebSockets to localhost).
    type AllowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, ok: boolean) => void) => void
    const engine = e2e.server.io.engine as unknown as { opts: { allowRequest?: AllowRequest } }
    const allowRequest = engine.opts.allowRequest
    engine.opts.allowRequest = (req, callback) =>
      req.headers.cookie?.includes(guestCookie) ? callback('offline', false) : allowRequest ? allowRequest(req, callback) : callback(null, true)
    try {
      for (const socket of e2e.server.io.of('/boards').sockets.values()) {
        if ((socket.data as { guest?: { name: string } | null }).guest?.name === 'Olga sin red') socket.conn.close()
      }
      await seen(page.getByText(OFFLINE))
      await addNoteButton(page).click()
      await page.keyboard.type('Escrita sin red')
      await expect.poll(() => page.getByRole('textbox', { name: 'Texto de la nota de Olga sin red' }).inputValue(), { timeout: WAIT }).toBe('Escrita sin red')

      await endSession(scene.session!.id)
    } finally {
      engine.opts.allowRequest = allowRequest
    }

    // Back: the session is over, her note was never saved, and the board no longer shows it.
    await seen(page.getByTestId('board-ended').getByText(ENDED))
    await expect.poll(() => page.getByRole('textbox', { name: 'Texto de la nota de Olga sin red' }).count(), { timeout: WAIT }).toBe(0)
    expect((await serverElements(scene.board.id)).some((e) => e.text === 'Escrita sin red')).toBe(false)
    await seen(page.getByText('Tu cambio no se guardó', { exact: false }))
    expect(await page.getByText(OFFLINE).count()).toBe(0)
    await noCodeShown(page)
    // Chromium logs each refused reconnection attempt while offline: expected here, and nothing else.
    expect(e2e.takeBrowserErrors().filter((error) => !/net::ERR_INTERNET_DISCONNECTED|socket\.io|WebSocket|status of 403|status of 400/.test(error))).toEqual([])
  })
})

describe('a read-only visitor', () => {
  test('a signed-out visitor who changes nothing is never told a change was refused', async () => {
    const scene = await insertBoardScene(e2e.server.database.db, { template: 'empathy' })
    const editor = await createPerson('Elena Editora')
    const editorPage = await e2e.newPage()
    await signIn(editorPage, editor.email)
    await editorPage.goto(`/tableros/${scene.board.id}`)
    await hydrated(editorPage)
    await synced(editorPage)
    // Something deleted on the board, so that a full sync answer would not be empty.
    await addNoteButton(editorPage).click()
    await editorPage.keyboard.type('Borrada')
    await editorPage.keyboard.press('Escape')
    await editorPage.keyboard.press('Delete')
    await expect.poll(() => editorPage.getByTestId('board-note').count(), { timeout: WAIT }).toBe(0)

    const visitor = await e2e.newPage()
    const refusals: string[] = []
    visitor.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => void (String(payload).includes(BOARD_EVENTS.error) && refusals.push(String(payload)))))
    await visitor.goto(`/tableros/${scene.board.id}`)
    await hydrated(visitor)
    await synced(visitor)
    await visitor.locator('[data-testid="board"][data-access="view"]').waitFor({ timeout: WAIT })

    // The visitor's cursor reaching the editor shows the server has read everything the visitor sent before it.
    const canvas = visitor.getByTestId('board-canvas')
    const box = (await canvas.boundingBox())!
    await visitor.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await visitor.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 10)
    await seen(editorPage.getByTestId('board-cursor').getByText('Visitante'))

    expect(refusals).toEqual([])
    expect(await visitor.getByText('Tu cambio no se guardó', { exact: false }).count()).toBe(0)
    await seen(visitor.getByText('Solo lectura: puedes ver el tablero, pero no cambiarlo.'))
    await noCodeShown(visitor)
  })
})
