import { afterAll, beforeAll, test } from 'vitest'
import { insertBoardScene } from '#tests/helpers/boards.ts'
import { createPerson, hydrated, onPath, PASSWORD, startE2E, WAIT, type E2E } from './helpers.ts'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e?.close())

test('shots', async () => {
  const scene = await insertBoardScene(e2e.server.database.db, { template: 'impactEffort' })
  const ana = await createPerson('Ana Ajú')
  const page = await e2e.newPage()
  await page.goto('/login')
  await page.getByLabel('Correo electrónico').fill(ana.email)
  await page.getByLabel('Contraseña').fill(PASSWORD)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await onPath(page, '/')
  await page.goto(`/tableros/${scene.board.id}`)
  await hydrated(page)
  await page.locator('[data-board-status="synced"]').waitFor({ timeout: WAIT })
  const canvas = page.getByTestId('board-canvas')
  const box = (await canvas.boundingBox())!
  for (const [i, text] of ['Citas por WhatsApp', 'Ventanilla móvil', 'Horario extendido los sábados'].entries()) {
    await page.mouse.dblclick(box.x + 200 + i * 220, box.y + 200 + (i % 2) * 60)
    await page.keyboard.type(text)
    await page.keyboard.press('Escape')
  }
  await page.screenshot({ path: '/tmp/board-canvas.png', fullPage: true })
  await page.goto(`/tableros/${scene.board.id}?vista=lista`)
  await hydrated(page)
  await page.screenshot({ path: '/tmp/board-list.png', fullPage: true })
})
