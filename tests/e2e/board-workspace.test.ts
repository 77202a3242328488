import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, readElements } from '#app/board/model.ts'
import { boardUpdates, cocreationSessions } from '#db/schema.ts'
import { insertBoardScene } from '#tests/helpers/boards.ts'
import { repoRoot } from '#tests/helpers/paths.ts'
import { createPerson, expectNoBrowserErrors, hasFocus, hydrated, seen, signIn, startE2E, WAIT, type E2E } from './helpers.ts'

const screenshots = path.join(repoRoot, 'docs/screenshots')
const FACILITATOR_PASSWORD = 'una-clave-larga'
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

let e2e: E2E
beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true })
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const demoNotes = [
  ['says', 'Dice que la fila empieza a las 4 de la mañana'],
  ['says', '«No sé qué papeles llevar»'],
  ['says', 'Pregunta por WhatsApp y nadie responde'],
  ['thinks', 'Piensa que el trámite es solo en la capital'],
  ['thinks', 'Teme perder el día de trabajo'],
] as const

/**
 * A live session on an empathy-map board with notes in its first frames (as the demo data has),
 * the facilitator and a participant each in their own browser.
 */
async function liveSession({ timerEndsAt = null }: { timerEndsAt?: Date | null } = {}) {
  const db = e2e.server.database.db
  const scene = await insertBoardScene(db, { template: 'empathy' })
  await db.update(cocreationSessions).set({ phase: 'clustering', timerEndsAt }).where(eq(cocreationSessions.id, scene.session!.id))
  // The notes go in as one more stored update, as if written on the board.
  const doc = new Y.Doc()
  const stored = await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, scene.board.id))
  for (const row of stored) Y.applyUpdate(doc, row.update)
  const before = Y.encodeStateVector(doc)
  const frames = new Map(readElements(doc).map((e) => [e.text, e]))
  const author = { key: `user:${scene.facilitator.id}`, name: 'Marta Xoc' }
  const perFrame = new Map<string, number>()
  for (const [label, text] of demoNotes) {
    const frame = [...frames.values()].find((f) => f.type === 'frame' && f.text.toLowerCase().includes(label)) ?? [...frames.values()][0]
    const i = perFrame.get(frame.id) ?? 0
    perFrame.set(frame.id, i + 1)
    addNote(doc, { x: frame.x + 16 + (i % 2) * 200, y: frame.y + 56 + Math.floor(i / 2) * 150, text, author, frameId: frame.id })
  }
  await db.insert(boardUpdates).values({ boardId: scene.board.id, update: Y.encodeStateAsUpdate(doc, before) })
  return { scene, path: `/tableros/${scene.board.id}` }
}

async function asFacilitator(scene: Awaited<ReturnType<typeof liveSession>>['scene'], options: BrowserContextOptions = {}) {
  const page = await e2e.newPage(options)
  await signIn(page, scene.facilitator.email, FACILITATOR_PASSWORD)
  return page
}

async function asParticipant(name = 'Rosa Participante', options: BrowserContextOptions = {}) {
  const person = await createPerson(name)
  const page = await e2e.newPage(options)
  await signIn(page, person.email)
  return page
}

/** Opens the board and waits until it is interactive and in step with the server. */
async function openBoard(page: Page, boardPath: string) {
  await page.goto(boardPath)
  await hydrated(page)
  await page.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })
}

const canvasOf = (page: Page) => page.getByTestId('board-canvas')
const rectOf = (page: Page) =>
  canvasOf(page).evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { x: r.x, y: r.y, width: r.width, height: r.height }
  })
const viewportOf = (page: Page) =>
  canvasOf(page).evaluate((el) => {
    const d = (el as HTMLElement).dataset
    const r = el.getBoundingClientRect()
    const zoom = Number(d.zoom)
    // The board point in the middle of the canvas, and the zoom.
    return { zoom, cx: (r.width / 2 - Number(d.x)) / zoom, cy: (r.height / 2 - Number(d.y)) / zoom }
  })
const pageFits = (page: Page) => page.evaluate(() => ({ scrollsDown: document.documentElement.scrollHeight > innerHeight + 1, scrollsSideways: document.documentElement.scrollWidth > innerWidth + 1 }))

describe('the board as a workspace', () => {
  test('at 1280×800 the canvas fills the screen under one slim bar, for the facilitator and for a participant', async () => {
    const { scene, path: boardPath } = await liveSession()
    for (const page of [await asFacilitator(scene), await asParticipant()]) {
      await openBoard(page, boardPath)
      const canvas = await rectOf(page)
      expect(canvas.height).toBeGreaterThanOrEqual(0.75 * 800)
      expect(canvas.y).toBeLessThan(0.25 * 800)
      expect(canvas.y + canvas.height).toBeLessThanOrEqual(800)
      expect(await pageFits(page)).toEqual({ scrollsDown: false, scrollsSideways: false })
      // The bar has the title (the page's heading), the phase, who is here and the view switch.
      const bar = page.getByTestId('board-bar')
      await seen(bar.getByRole('heading', { level: 1, name: 'Tablero de prueba' }))
      await seen(bar.getByTestId('bar-phase'))
      await seen(bar.getByRole('navigation', { name: 'Vista del tablero' }).getByRole('link', { name: 'Lista' }))
      await seen(page.getByTestId('board-note').first())
    }
    const facilitator = await asFacilitator(scene)
    await openBoard(facilitator, boardPath)
    await facilitator.screenshot({ path: path.join(screenshots, 'board-live-1280.png') })
  })

  test('on a phone (390×844) the canvas takes most of the screen and the first view shows notes at a readable size', async () => {
    const { path: boardPath } = await liveSession()
    const page = await asParticipant('Rosa Teléfono', PHONE)
    await openBoard(page, boardPath)
    const canvas = await rectOf(page)
    expect(canvas.height).toBeGreaterThanOrEqual(0.65 * 844)
    expect(await pageFits(page)).toEqual({ scrollsDown: false, scrollsSideways: false })
    // Not a miniature of the whole board: the note's text is drawn at a readable size.
    const { zoom } = await viewportOf(page)
    expect(zoom).toBeGreaterThanOrEqual(0.6)
    const text = page.getByRole('textbox', { name: 'Texto de la nota de Marta Xoc' }).first()
    const rendered = await text.evaluate((el, z) => parseFloat(getComputedStyle(el).fontSize) * z, zoom)
    expect(rendered).toBeGreaterThanOrEqual(11)
    // …and it is on the screen, above the bottom toolbar.
    const noteBox = (await text.boundingBox())!
    const toolbar = (await page.getByRole('toolbar', { name: 'Herramientas del tablero' }).boundingBox())!
    expect(noteBox.y).toBeGreaterThanOrEqual(canvas.y)
    expect(noteBox.y + noteBox.height).toBeLessThanOrEqual(toolbar.y)
    expect(toolbar.y + toolbar.height).toBeLessThanOrEqual(844)
    expect(toolbar.y).toBeGreaterThan(844 / 2)
    await page.screenshot({ path: path.join(screenshots, 'board-live-390.png') })
  })

  test('selecting a note and promoting it never moves the canvas', async () => {
    const { scene, path: boardPath } = await liveSession()
    const page = await asFacilitator(scene)
    await openBoard(page, boardPath)
    const before = await rectOf(page)
    const note = page.getByTestId('board-note').filter({ hasText: 'Teme perder el día de trabajo' })
    await note.getByText('de Marta Xoc').click()
    const actions = page.getByRole('toolbar', { name: 'Acciones de la selección' })
    await seen(actions.getByText('1 seleccionado'))
    const title = actions.getByLabel('Título de la idea')
    await seen(title)
    expect(await rectOf(page)).toEqual(before)
    await title.fill('Trámite en fin de semana')
    expect(await rectOf(page)).toEqual(before)
    await actions.getByRole('button', { name: 'Promover a idea' }).click()
    await seen(page.getByTestId('board-note').filter({ hasText: 'Teme perder el día de trabajo' }).getByRole('link', { name: 'Ver la idea' }))
    await page.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })
    expect(await rectOf(page)).toEqual(before)
  })

  test('the session panel opens and closes from the keyboard, beside the canvas on a computer and as a bottom sheet on a phone', async () => {
    const { scene, path: boardPath } = await liveSession()
    const page = await asFacilitator(scene)
    await openBoard(page, boardPath)
    const before = await rectOf(page)
    const toggle = page.getByRole('link', { name: 'Sesión', exact: true })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    const panel = page.getByRole('region', { name: 'Panel de la sesión' })
    expect(await panel.isVisible()).toBe(false)

    await toggle.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => toggle.getAttribute('aria-expanded'), { timeout: WAIT }).toBe('true')
    await seen(panel.getByRole('group', { name: 'Controles de la sesión' }))
    await expect.poll(() => panel.getByTestId('session-code').textContent(), { timeout: WAIT }).toBe(scene.session!.code)
    // Focus moves into the panel; the canvas stays where it was.
    await expect.poll(() => panel.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    expect(await rectOf(page)).toEqual(before)
    const side = (await panel.boundingBox())!
    expect(side.x + side.width).toBeCloseTo(1280, 0)
    expect(side.height).toBeGreaterThan(before.height - 2)

    await page.keyboard.press('Escape')
    await expect.poll(() => toggle.getAttribute('aria-expanded'), { timeout: WAIT }).toBe('false')
    await expect.poll(() => panel.isVisible()).toBe(false)
    await expect.poll(() => hasFocus(toggle)).toBe(true)

    // Full screen: the site's header no longer takes room from the canvas; the same button leaves it.
    const fullscreen = page.getByRole('button', { name: 'Pantalla completa' })
    expect(await fullscreen.getAttribute('aria-pressed')).toBe('false')
    await fullscreen.click()
    await expect.poll(() => fullscreen.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(async () => (await rectOf(page)).height).toBeGreaterThan(before.height + 50)
    await fullscreen.click()
    await expect.poll(() => fullscreen.getAttribute('aria-pressed')).toBe('false')
    await expect.poll(() => rectOf(page)).toEqual(before)

    // On a phone it is a sheet along the bottom of the screen.
    const phone = await asFacilitator(scene, PHONE)
    await openBoard(phone, boardPath)
    const phoneBefore = await rectOf(phone)
    const phoneToggle = phone.getByRole('link', { name: 'Sesión', exact: true })
    await phoneToggle.focus()
    await phone.keyboard.press('Enter')
    const sheet = phone.getByRole('region', { name: 'Panel de la sesión' })
    await seen(sheet.getByRole('group', { name: 'Controles de la sesión' }))
    const box = (await sheet.boundingBox())!
    expect(box.x).toBe(0)
    expect(box.width).toBe(390)
    expect(box.y + box.height).toBeCloseTo(844, 0)
    expect(box.y).toBeGreaterThan(844 * 0.25)
    expect(await rectOf(phone)).toEqual(phoneBefore)
    await sheet.getByRole('link', { name: 'Cerrar el panel de la sesión' }).click()
    await expect.poll(() => phoneToggle.getAttribute('aria-expanded'), { timeout: WAIT }).toBe('false')
    expect(await pageFits(phone)).toEqual({ scrollsDown: false, scrollsSideways: false })
  })

  test("participants follow the facilitator's view until they move on their own or turn it off", async () => {
    const { scene, path: boardPath } = await liveSession()
    const facilitator = await asFacilitator(scene)
    const participant = await asParticipant('Pablo Sigue')
    await openBoard(facilitator, boardPath)
    await openBoard(participant, boardPath)
    const follow = participant.getByRole('button', { name: 'Seguir a la facilitación' })
    expect(await follow.getAttribute('aria-pressed')).toBe('true')
    expect(await facilitator.getByRole('button', { name: 'Seguir a la facilitación' }).count()).toBe(0)

    const same = async () => {
      const [f, p] = await Promise.all([viewportOf(facilitator), viewportOf(participant)])
      return Math.abs(f.zoom - p.zoom) / f.zoom < 0.05 && Math.abs(f.cx - p.cx) < 3 && Math.abs(f.cy - p.cy) < 3
    }
    // The facilitator zooms in and drags the board: the participant sees the same part of it.
    const tools = facilitator.getByRole('toolbar', { name: 'Herramientas del tablero' })
    await tools.getByRole('button', { name: 'Acercar' }).click()
    await tools.getByRole('button', { name: 'Acercar' }).click()
    const box = (await facilitator.getByTestId('board-canvas').boundingBox())!
    await facilitator.mouse.move(box.x + 600, box.y + box.height - 40)
    await facilitator.mouse.down()
    await facilitator.mouse.move(box.x + 400, box.y + box.height - 140, { steps: 8 })
    await facilitator.mouse.up()
    await expect.poll(same, { timeout: WAIT }).toBe(true)
    expect((await viewportOf(participant)).zoom).toBeGreaterThan(1)

    // Dragging one's own view stops following; the switch says so and resumes it.
    const pbox = (await participant.getByTestId('board-canvas').boundingBox())!
    await participant.mouse.move(pbox.x + 700, pbox.y + pbox.height - 30)
    await participant.mouse.down()
    await participant.mouse.move(pbox.x + 500, pbox.y + pbox.height - 60, { steps: 5 })
    await participant.mouse.up()
    await expect.poll(() => follow.getAttribute('aria-pressed')).toBe('false')
    await seen(participant.getByText('Te mueves por tu cuenta.'))
    await follow.click()
    await expect.poll(same, { timeout: WAIT }).toBe(true)

    // Turned off, the facilitator's next moves no longer reach this participant's view.
    await follow.click()
    await expect.poll(() => follow.getAttribute('aria-pressed')).toBe('false')
    const mine = await viewportOf(participant)
    await tools.getByRole('button', { name: 'Alejar' }).click()
    // The facilitator's pointer left the canvas for the toolbar; when it comes back, the
    // participant sees it — that update was sent after the new view, on the same connection.
    const cursor = participant.getByTestId('board-cursor').filter({ hasText: 'Facilitadora Tablero' })
    await expect.poll(() => cursor.count(), { timeout: WAIT }).toBe(0)
    await facilitator.mouse.move(box.x + 640, box.y + 400)
    await facilitator.mouse.move(box.x + 660, box.y + 420, { steps: 3 })
    await seen(cursor)
    expect(await viewportOf(participant)).toEqual(mine)
    expect(await same()).toBe(false)
  })

  test('when the countdown runs out, the bar says so in a polite live region', async () => {
    const { path: boardPath } = await liveSession({ timerEndsAt: new Date(Date.now() + 8_000) })
    const page = await asParticipant('Rosa Reloj')
    await openBoard(page, boardPath)
    const bar = page.getByTestId('board-bar')
    await seen(bar.getByRole('timer'))
    // Sound is off until the person turns it on (no surprises).
    const sound = bar.getByRole('button', { name: 'Sonido al terminar el tiempo' })
    expect(await sound.getAttribute('aria-pressed')).toBe('false')
    await sound.click()
    expect(await sound.getAttribute('aria-pressed')).toBe('true')
    const timeUp = bar.getByText('¡Se acabó el tiempo!')
    await timeUp.waitFor({ state: 'visible', timeout: WAIT })
    expect(await timeUp.evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite')
    await expect.poll(() => bar.getByRole('timer').textContent()).toContain('0:00')
    // The chime rang once.
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.chimed)).toBe('1')
  })

  test('on a phone a tap on a note edits it, two fingers zoom and one finger pans', async () => {
    const { path: boardPath } = await liveSession()
    const page = await asParticipant('Rosa Dedos', PHONE)
    await openBoard(page, boardPath)
    // A tap on a note's text puts the cursor in it, ready to type.
    const text = page.getByRole('textbox', { name: 'Texto de la nota de Marta Xoc' }).first()
    await text.tap()
    await expect.poll(() => hasFocus(text)).toBe(true)
    await page.keyboard.type(' (editada)')
    await expect.poll(() => text.inputValue()).toContain('(editada)')

    const cdp = await page.context().newCDPSession(page)
    const canvas = await rectOf(page)
    const start = await page.getByTestId('board-canvas').evaluate((el) => ({ ...(el as HTMLElement).dataset }))
    // Over the lower frames, where there are no notes.
    const mid = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height * 0.7 }

    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) })
    await touch('touchStart', [
      { x: mid.x - 40, y: mid.y },
      { x: mid.x + 40, y: mid.y },
    ])
    for (let step = 1; step <= 6; step++) {
      await touch('touchMove', [
        { x: mid.x - 40 - step * 10, y: mid.y },
        { x: mid.x + 40 + step * 10, y: mid.y },
      ])
    }
    await touch('touchEnd', [])
    // The fingers went from 80 px to 200 px apart: 2.5 times the zoom.
    await expect.poll(async () => (await viewportOf(page)).zoom / Number(start.zoom), { timeout: WAIT }).toBeGreaterThan(2)

    const zoomed = await page.getByTestId('board-canvas').evaluate((el) => ({ x: Number((el as HTMLElement).dataset.x), y: Number((el as HTMLElement).dataset.y) }))
    await touch('touchStart', [mid])
    for (let step = 1; step <= 5; step++) await touch('touchMove', [{ x: mid.x - step * 20, y: mid.y - step * 10 }])
    await touch('touchEnd', [])
    await expect
      .poll(async () => {
        const now = await page.getByTestId('board-canvas').evaluate((el) => ({ x: Number((el as HTMLElement).dataset.x), y: Number((el as HTMLElement).dataset.y) }))
        return [Math.round(now.x - zoomed.x), Math.round(now.y - zoomed.y)]
      })
      .toEqual([-100, -50])

    // "See everything" shows the whole board again. (Clicked: the synthetic swipe above lifts in
    // full swing, a fling, and Chromium spends the next tap on stopping it.)
    await page.getByRole('button', { name: 'Ver todo' }).click()
    await expect.poll(async () => (await viewportOf(page)).zoom).toBeLessThan(Number(start.zoom))
  })
})
