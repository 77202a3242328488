import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { cocreationSessions } from '#db/schema.ts'
import { insertBoardScene } from '#tests/helpers/boards.ts'
import { expectNoBrowserErrors, hydrated, onPath, seen, startE2E, WAIT, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

describe('joining a session', () => {
  test('a guest types the six-digit code and a nickname, lands on the board, and writes a note under that nickname', async () => {
    const scene = await insertBoardScene(e2e.server.database.db, { template: 'hmw' })
    const code = scene.session!.code
    const page = await e2e.newPage()

    await page.goto('/sesiones/unirse')
    await hydrated(page)
    await page.getByLabel('Código de la sesión').fill(code)
    await page.getByLabel('Tu apodo').fill('Lucía invitada')
    await page.getByRole('button', { name: 'Entrar' }).click()
    await onPath(page, `/tableros/${scene.board.id}`)

    // The session's panel (opened from the board's bar) with its code, and the board in step with the server.
    await page.getByRole('link', { name: 'Sesión', exact: true }).click()
    await seen(page.getByTestId('session-bar'))
    await expect.poll(() => page.getByTestId('session-code').textContent(), { timeout: WAIT }).toBe(code)
    await page.locator('[data-testid="board"][data-board-status="synced"]').waitFor({ timeout: WAIT })
    await seen(page.getByTestId('board-presence').getByText('Lucía invitada', { exact: false }))
    await page.getByRole('toolbar', { name: 'Herramientas del tablero' }).getByRole('button', { name: 'Añadir una nota' }).click()
    const note = page.getByRole('textbox', { name: 'Texto de la nota de Lucía invitada' })
    await seen(note)
    await note.click()
    await page.keyboard.type('Turnos por WhatsApp')
    await expect.poll(() => note.textContent(), { timeout: WAIT }).toContain('Turnos por WhatsApp')

    // The link form works too, and a code that does not exist says so.
    const other = await e2e.newPage()
    await other.goto('/sesiones/unirse?codigo=000001')
    await seen(other.getByText('No hay ninguna sesión abierta con ese código.'))

    // When the facilitator ends the session, the guest's link no longer lets anyone in.
    await e2e.server.database.db.update(cocreationSessions).set({ status: 'ended' }).where(eq(cocreationSessions.id, scene.session!.id))
    await other.goto(`/sesiones/unirse?codigo=${code}`)
    await seen(other.getByText('No hay ninguna sesión abierta con ese código.'))
  })
})
