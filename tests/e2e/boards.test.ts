import { type IncomingMessage } from 'node:http'
import { eq } from 'drizzle-orm'
import { type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { cocreationSessions } from '#db/schema.ts'
import { insertBoardScene } from '#tests/helpers/boards.ts'
import { createPerson, expectNoBrowserErrors, hydrated, seen, startE2E, tabUntil, WAIT, type E2E, signIn } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

/** Opens the board and waits until it is interactive and in step with the server. */
async function openBoard(page: Page, path: string) {
  await page.goto(path)
  await hydrated(page)
  await page.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })
}

/** Two signed-in people (own browser contexts) on one board of a live session. */
async function twoPeopleOnABoard({ phase = null }: { phase?: 'silent' | 'voting' | null } = {}) {
  const db = e2e.server.database.db
  const scene = await insertBoardScene(db, { template: 'empathy' })
  if (phase) await db.update(cocreationSessions).set({ phase }).where(eq(cocreationSessions.id, scene.session!.id))
  const ana = await createPerson('Ana Ajú')
  const beto = await createPerson('Beto Batz')
  const pageA = await e2e.newPage()
  const pageB = await e2e.newPage()
  await signIn(pageA, ana.email)
  await signIn(pageB, beto.email)
  return { scene, pageA, pageB, path: `/tableros/${scene.board.id}` }
}

describe('boards in the browser', () => {
  test('a note typed in one browser appears in the other, with the author, a live cursor and who is here', async () => {
    const { pageA, pageB, path } = await twoPeopleOnABoard()
    await openBoard(pageA, path)
    await openBoard(pageB, path)

    // Both see each other in "who is here".
    await seen(pageA.getByTestId('board-presence').getByText('Ana Ajú (tú)'))
    await seen(pageA.getByTestId('board-presence').getByText('Beto Batz'))
    await seen(pageB.getByTestId('board-presence').getByText('Ana Ajú'))

    // Ana adds a note with the toolbar; its text has the focus, ready to type.
    await pageA.getByRole('toolbar', { name: 'Herramientas del tablero' }).getByRole('button', { name: 'Añadir una nota' }).click()
    const anaText = pageA.getByRole('textbox', { name: 'Texto de la nota de Ana Ajú' })
    await seen(anaText)
    await expect.poll(() => anaText.evaluate((el) => el === document.activeElement), { timeout: WAIT }).toBe(true)
    await pageA.keyboard.type('Citas por WhatsApp')

    // Beto sees it appear, by Ana, letter for letter.
    const inB = pageB.getByRole('textbox', { name: 'Texto de la nota de Ana Ajú' })
    await seen(inB)
    await expect.poll(() => inB.inputValue(), { timeout: WAIT }).toBe('Citas por WhatsApp')
    await seen(pageB.getByTestId('board-note').getByText('de Ana Ajú'))

    // Beto edits the same note: Ana sees the change.
    await inB.click()
    await pageB.keyboard.press('End')
    await pageB.keyboard.type(' y SMS')
    await expect.poll(() => anaText.inputValue(), { timeout: WAIT }).toBe('Citas por WhatsApp y SMS')

    // Ana's pointer over the canvas shows in Beto's canvas with her name.
    const canvas = pageA.getByTestId('board-canvas')
    const box = (await canvas.boundingBox())!
    await pageA.mouse.move(box.x + 200, box.y + 300)
    await pageA.mouse.move(box.x + 260, box.y + 320, { steps: 5 })
    await seen(pageB.getByTestId('board-cursor').filter({ hasText: 'Ana Ajú' }))

    // Undo takes back only Ana's own changes: her typing goes, Beto's stays.
    await anaText.focus()
    await pageA.keyboard.press('Control+z')
    await expect.poll(() => inB.inputValue(), { timeout: WAIT }).not.toContain('WhatsApp')
    expect(await inB.inputValue()).toContain('y SMS')
  })

  test('the list view works with the keyboard alone, and its changes reach the other browser’s canvas', async () => {
    const { pageA, pageB, path } = await twoPeopleOnABoard()
    await openBoard(pageA, path)

    // The list view is rendered on the server: it reads before any JavaScript runs.
    const noJs = await e2e.newPage({ javaScriptEnabled: false })
    await noJs.goto(`${path}?vista=lista`)
    await seen(noJs.getByRole('heading', { level: 2, name: 'Notas del tablero' }))
    await seen(noJs.getByRole('heading', { level: 3, name: /feels/ }))
    await noJs.context().close()

    await openBoard(pageB, `${path}?vista=lista`)
    const list = pageB.getByTestId('board-list')
    await seen(list.getByRole('heading', { level: 3, name: /says/ }))

    // Add a note into the frame "does", by keyboard only.
    const newText = pageB.getByLabel('Texto de la nueva nota')
    await tabUntil(pageB, newText, 40)
    await pageB.keyboard.type('Ventanilla móvil en el mercado')
    await pageB.keyboard.press('Tab')
    await expect.poll(() => pageB.getByLabel('Marco de la nueva nota').evaluate((el) => el === document.activeElement)).toBe(true)
    await pageB.keyboard.press('ArrowDown')
    await pageB.keyboard.press('ArrowDown')
    expect(await pageB.getByLabel('Marco de la nueva nota').locator('option:checked').textContent()).toBe('does')
    await pageB.keyboard.press('Tab')
    await pageB.keyboard.press('Enter')
    await seen(pageB.getByRole('status').filter({ hasText: 'Nota añadida.' }))

    const doesGroup = list.getByRole('region', { name: /does/ })
    const noteText = doesGroup.getByLabel('Texto de la nota de Beto Batz')
    await expect.poll(() => noteText.inputValue(), { timeout: WAIT }).toBe('Ventanilla móvil en el mercado')

    // It reaches Ana's canvas, inside the frame "does".
    const anaNote = pageA.getByRole('textbox', { name: 'Texto de la nota de Beto Batz' })
    await expect.poll(() => anaNote.inputValue(), { timeout: WAIT }).toBe('Ventanilla móvil en el mercado')
    await seen(pageA.getByRole('group', { name: 'Marco does' }).getByText('1 nota'))

    // Edit it by keyboard.
    await tabUntil(pageB, noteText, 10)
    await pageB.keyboard.press('End')
    await pageB.keyboard.type(' los sábados')
    await expect.poll(() => anaNote.inputValue(), { timeout: WAIT }).toBe('Ventanilla móvil en el mercado los sábados')

    // Move it to the frame "feels": choose in "Mover a", then the button.
    const moveTo = doesGroup.getByLabel('Mover a')
    await tabUntil(pageB, moveTo, 10)
    await pageB.keyboard.press('ArrowDown')
    expect(await moveTo.locator('option:checked').textContent()).toBe('feels')
    await pageB.keyboard.press('Tab')
    await pageB.keyboard.press('Enter')
    await seen(pageB.getByRole('status').filter({ hasText: 'Nota movida a «feels».' }))
    const feelsGroup = list.getByRole('region', { name: /feels/ })
    await expect.poll(() => feelsGroup.getByLabel('Texto de la nota de Beto Batz').inputValue(), { timeout: WAIT }).toBe('Ventanilla móvil en el mercado los sábados')
    // The focus followed the note into its new list.
    await expect.poll(() => feelsGroup.getByLabel('Texto de la nota de Beto Batz').evaluate((el) => el === document.activeElement)).toBe(true)

    // On Ana's canvas the note now sits in "feels".
    await seen(pageA.getByRole('group', { name: 'Marco feels' }).getByText('1 nota'))
    await seen(pageA.getByRole('group', { name: 'Marco does' }).getByText('0 notas'))
    const [noteBox, feelsBox] = await Promise.all([
      pageA.getByTestId('board-note').filter({ has: anaNote }).boundingBox(),
      pageA.getByRole('group', { name: 'Marco feels' }).boundingBox(),
    ])
    expect(noteBox!.x).toBeGreaterThanOrEqual(feelsBox!.x)
    expect(noteBox!.y).toBeGreaterThanOrEqual(feelsBox!.y)
    expect(noteBox!.x + noteBox!.width).toBeLessThanOrEqual(feelsBox!.x + feelsBox!.width + 1)
  })

  test('dragging a note into a frame groups it there for everyone; shift-click selects several; Delete removes them', async () => {
    const { pageA, pageB, path } = await twoPeopleOnABoard()
    await openBoard(pageA, path)
    await openBoard(pageB, path)

    // Ana double-clicks the background, left of the frames, and writes a note: it is in no frame.
    const canvas = pageA.getByTestId('board-canvas')
    // The whole canvas in the window: the mouse only reaches what is on screen.
    await canvas.evaluate((el) => el.scrollIntoView({ block: 'end' }))
    const says = pageA.getByRole('group', { name: 'Marco says' })
    const [canvasBox, saysBox] = [(await canvas.boundingBox())!, (await says.boundingBox())!]
    await pageA.mouse.dblclick(canvasBox.x + 8 + 60, saysBox.y + saysBox.height + 90)
    await pageA.keyboard.type('Kiosco en el parque')
    const inB = pageB.getByRole('textbox', { name: 'Texto de la nota de Ana Ajú' })
    await expect.poll(() => inB.inputValue(), { timeout: WAIT }).toBe('Kiosco en el parque')
    await seen(pageB.getByRole('group', { name: 'Marco says' }).getByText('0 notas'))

    // She drags it by its header into the frame "says": Beto's canvas counts it there.
    const note = pageA.getByTestId('board-note').filter({ hasText: 'de Ana Ajú' })
    const handle = (await note.getByText('de Ana Ajú').boundingBox())!
    await pageA.mouse.move(handle.x + 10, handle.y + 5)
    await pageA.mouse.down()
    await pageA.mouse.move(saysBox.x + saysBox.width / 2, saysBox.y + saysBox.height / 2, { steps: 12 })
    await pageA.mouse.up()
    await seen(pageB.getByRole('group', { name: 'Marco says' }).getByText('1 nota'))

    // Moving the frame carries its note along.
    const noteBefore = (await pageB.getByTestId('board-note').boundingBox())!
    const saysTitle = (await pageA.getByRole('group', { name: 'Marco says' }).getByText('1 nota').boundingBox())!
    await pageA.mouse.move(saysTitle.x + saysTitle.width / 2, saysTitle.y + saysTitle.height / 2)
    await pageA.mouse.down()
    await pageA.mouse.move(saysTitle.x + saysTitle.width / 2, saysTitle.y + 84, { steps: 8 })
    await pageA.mouse.up()
    await expect.poll(async () => (await pageB.getByTestId('board-note').boundingBox())!.y, { timeout: WAIT }).toBeGreaterThan(noteBefore.y + 20)
    await seen(pageB.getByRole('group', { name: 'Marco says' }).getByText('1 nota'))

    // Shift-click adds the frame "thinks" to the selection; Delete removes both (its notes would stay).
    await note.getByText('de Ana Ajú').click()
    await pageA.getByRole('group', { name: 'Marco thinks' }).getByText('0 notas').click({ modifiers: ['Shift'] })
    await seen(pageA.getByRole('toolbar').getByText('2 seleccionados'))
    await pageA.keyboard.press('Delete')
    await expect.poll(() => pageB.getByTestId('board-note').count(), { timeout: WAIT }).toBe(0)
    await expect.poll(() => pageB.getByRole('group', { name: 'Marco thinks' }).count(), { timeout: WAIT }).toBe(0)
    // Undo brings both back, for everyone.
    await pageA.getByRole('button', { name: 'Deshacer mi último cambio (Ctrl+Z)' }).click()
    await seen(pageB.getByRole('group', { name: 'Marco thinks' }))
    await expect.poll(() => inB.inputValue(), { timeout: WAIT }).toBe('Kiosco en el parque')

    // Its corner handle resizes it, for everyone.
    const widthInB = (await pageB.getByTestId('board-note').boundingBox())!.width
    const corner = (await note.locator('[data-handle="resize"]').boundingBox())!
    await pageA.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2)
    await pageA.mouse.down()
    await pageA.mouse.move(corner.x + 80, corner.y + 50, { steps: 6 })
    await pageA.mouse.up()
    await expect.poll(async () => (await pageB.getByTestId('board-note').boundingBox())!.width, { timeout: WAIT }).toBeGreaterThan(widthInB + 30)
  })

  test('offline, the board says so and keeps the changes; on reconnect both sides get what they missed', async () => {
    const { pageA, pageB, path } = await twoPeopleOnABoard()
    await openBoard(pageA, path)
    await openBoard(pageB, path)

    // Beto's network goes away: his connection drops and the server refuses his reconnections
    // (Chromium's offline mode does not stop WebSockets to localhost, so the server plays the network).
    await pageB.context().setOffline(true)
    const betoCookie = (await pageB.context().cookies()).find((c) => c.name === 'cocrea_session')!.value
    type AllowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, ok: boolean) => void) => void
    const engine = e2e.server.io.engine as unknown as { opts: { allowRequest?: AllowRequest } }
    const allowRequest = engine.opts.allowRequest
    engine.opts.allowRequest = (req, callback) =>
      req.headers.cookie?.includes(betoCookie) ? callback('offline', false) : allowRequest ? allowRequest(req, callback) : callback(null, true)
    for (const socket of e2e.server.io.of('/boards').sockets.values()) {
      if ((socket.data as { user?: { name: string } }).user?.name === 'Beto Batz') socket.conn.close()
    }
    await seen(pageB.getByText('Sin conexión — tus cambios se guardan y se enviarán al reconectar'))
    await pageA.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })

    // Both write while apart.
    await pageB.getByRole('button', { name: 'Añadir una nota' }).click()
    await pageB.keyboard.type('Escrita sin conexión')
    await pageA.getByRole('button', { name: 'Añadir una nota' }).click()
    await pageA.keyboard.type('Escrita en línea')

    // Back online: the banner goes and each sees the other's note.
    await pageB.context().setOffline(false)
    engine.opts.allowRequest = allowRequest
    await pageB.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })
    await expect.poll(() => pageB.getByText('Sin conexión — tus cambios se guardan y se enviarán al reconectar').count()).toBe(0)
    await expect.poll(() => pageA.getByRole('textbox', { name: 'Texto de la nota de Beto Batz' }).inputValue(), { timeout: WAIT }).toBe('Escrita sin conexión')
    await expect.poll(() => pageB.getByRole('textbox', { name: 'Texto de la nota de Ana Ajú' }).inputValue(), { timeout: WAIT }).toBe('Escrita en línea')
    // Chromium logs each refused reconnection attempt while offline: expected here, and nothing else.
    expect(e2e.takeBrowserErrors().filter((error) => !/net::ERR_INTERNET_DISCONNECTED|socket\.io|WebSocket|status of 403|status of 400/.test(error))).toEqual([])
  })

  test('in the silent phase each person sees only their own notes; the others are blank cards', async () => {
    const { pageA, pageB, path } = await twoPeopleOnABoard({ phase: 'silent' })
    await openBoard(pageA, path)
    await openBoard(pageB, `${path}?vista=lista`)
    await pageA.getByRole('button', { name: 'Añadir una nota' }).click()
    await pageA.keyboard.type('Idea secreta de Ana')
    await seen(pageA.getByRole('textbox', { name: 'Texto de la nota de Ana Ajú' }))

    // Beto's list shows a hidden card, never the text, on the canvas neither.
    await seen(pageB.getByTestId('board-list').getByText('Nota oculta hasta la revelación'))
    expect(await pageB.getByText('Idea secreta de Ana').count()).toBe(0)
    await pageB.getByRole('link', { name: 'Lienzo' }).click()
    await seen(pageB.getByTestId('board-note').getByText('Nota oculta hasta la revelación'))
    expect(await pageB.getByRole('textbox', { name: 'Texto de la nota de Ana Ajú' }).count()).toBe(0)
    // The switch kept the same live connection (no reload): still synced.
    await pageB.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })
  })

  test('a signed-out visitor reads the board without changing it, and pans and zooms with the keyboard', async () => {
    const scene = await insertBoardScene(e2e.server.database.db, { template: 'hmw' })
    const page = await e2e.newPage()
    await page.goto(`/tableros/${scene.board.id}`)
    await hydrated(page)
    await seen(page.getByText('Solo lectura: puedes ver el tablero, pero no cambiarlo.'))
    expect(await page.getByRole('button', { name: 'Añadir una nota' }).count()).toBe(0)
    expect(await page.getByRole('textbox', { name: 'Título del marco' }).first().getAttribute('readonly')).not.toBeNull()

    const canvas = page.getByTestId('board-canvas')
    const zoomLabel = page.getByRole('toolbar').getByText(/^Zoom \d+ %$/)
    const before = await zoomLabel.textContent()
    await canvas.focus()
    await page.keyboard.press('+')
    await expect.poll(() => zoomLabel.textContent()).not.toBe(before)
    const frame = page.getByRole('group', { name: /^Marco / }).first()
    const x = (await frame.boundingBox())!.x
    await page.keyboard.press('ArrowRight')
    await expect.poll(async () => (await frame.boundingBox())!.x).toBeLessThan(x)
    await page.keyboard.press('0')
    await expect.poll(() => zoomLabel.textContent()).toBe(before)
  })

  test('in the voting phase a participant places dots on notes from the list view, within the budget', async () => {
    const { scene, pageA, path } = await twoPeopleOnABoard({ phase: 'voting' })
    const db = e2e.server.database.db
    await db.update(cocreationSessions).set({ dotBudget: 2 }).where(eq(cocreationSessions.id, scene.session!.id))
    await openBoard(pageA, `${path}?vista=lista`)
    await pageA.getByLabel('Texto de la nueva nota').fill('Buzón de sugerencias')
    await pageA.getByRole('button', { name: 'Añadir nota' }).click()
    await seen(pageA.getByTestId('dots-remaining').filter({ hasText: 'Te quedan 2 puntos.' }))

    const give = pageA.getByRole('button', { name: 'Dar un punto a la nota «Buzón de sugerencias»' })
    await give.click()
    await seen(pageA.getByTestId('list-dots').getByText('Le diste 1 punto'))
    await give.click()
    await seen(pageA.getByTestId('list-dots').getByText('Le diste 2 puntos'))
    await seen(pageA.getByTestId('dots-remaining').filter({ hasText: 'Te quedan 0 puntos.' }))
    // The budget is spent: no more dots.
    expect(await give.isDisabled()).toBe(true)
    await pageA.getByRole('button', { name: 'Quitar un punto a la nota «Buzón de sugerencias»' }).click()
    await seen(pageA.getByTestId('dots-remaining').filter({ hasText: 'Te queda 1 punto.' }))
  })
})
