import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { challenges, ideas, institutions } from '#db/schema.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { createPerson, expectNoBrowserErrors, hydrated, mainNav, onPath, PASSWORD, seen, startE2E, type E2E, signIn } from './helpers.ts'

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

async function staff(name: string, role: 'facilitator' | 'official', institutionId: string | null = null) {
  const email = uniqueEmail('e2e-piloto')
  const user = await createUser('system', { email, name, password: PASSWORD, role, institutionId, language: 'es' })
  return { email, id: user.id, name }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

describe('pilots in the browser', () => {
  test('a facilitator creates a pilot, its official posts an update, and a citizen following it sees the notification live', async () => {
    const db = e2e.server.database.db
    const [inst] = await db.insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: `renap-${Date.now()}` }).returning()
    const [reto] = await db
      .insert(challenges)
      .values({ slug: `reto-piloto-e2e-${Date.now()}`, title: 'Menos espera para el DPI', problem: '¿Cómo podríamos reducir la espera?', institutionId: inst.id, phase: 'piloting' })
      .returning()
    const citizen = await createPerson('Lucía Tzoc')
    await db.insert(ideas).values({ challengeId: reto.id, createdBy: citizen.id, title: 'Citas por WhatsApp', description: 'Agendar por mensaje.', status: 'selected' })
    const facilitator = await staff('Fabiola Facilitadora', 'facilitator')
    const official = await staff('Carlos Pop Caal', 'official', inst.id)

    // The facilitator creates the pilot from the challenge's selected idea.
    const fac = await e2e.newPage()
    await signIn(fac, facilitator.email)
    await mainNav(fac).getByRole('link', { name: 'Pilotos' }).click()
    await onPath(fac, '/pilotos')
    await hydrated(fac)
    await fac.getByRole('link', { name: 'Nuevo piloto' }).click()
    await onPath(fac, '/pilotos/nuevo')
    await fac.getByLabel('Reto').selectOption(reto.slug)
    await fac.getByRole('button', { name: 'Elegir' }).click()
    await seen(fac.getByLabel('Citas por WhatsApp'))
    await fac.getByLabel('Título del piloto').fill('Citas por WhatsApp en tres sedes')
    await fac.getByLabel('Resumen').fill('Las personas agendan su cita por WhatsApp en tres sedes de la capital.')
    await fac.getByLabel('Responsable del piloto (funcionario o funcionaria)').selectOption(official.id)
    await fac.getByLabel('Fecha de inicio').fill(day(-1))
    await fac.getByLabel('Fecha de fin').fill(day(90))
    await fac.getByLabel('Presupuesto (GTQ)').fill('185000')
    await fac.getByRole('button', { name: 'Crear piloto' }).click()
    await onPath(fac, '/pilotos/citas-por-whatsapp-en-tres-sedes')
    await seen(fac.getByRole('status').filter({ hasText: 'Se creó el piloto «Citas por WhatsApp en tres sedes».' }))
    await seen(fac.getByTestId('pilot-lead').filter({ hasText: 'Carlos Pop Caal' }))

    // The citizen follows it and stays on the page.
    const cit = await e2e.newPage()
    await signIn(cit, citizen.email)
    await cit.goto('/pilotos/citas-por-whatsapp-en-tres-sedes')
    await hydrated(cit)
    await cit.getByTestId('follow-button').click()
    await seen(cit.getByRole('status').filter({ hasText: 'Ahora sigues esto' }))
    await hydrated(cit)
    // The idea author was told the idea became a pilot: read it all, so the bell starts at zero.
    await cit.goto('/notificaciones')
    await cit.getByRole('button', { name: 'Marcar todas como leídas' }).click()
    await seen(cit.getByRole('status').filter({ hasText: 'Se marcaron todas como leídas.' }))
    await cit.goto('/pilotos/citas-por-whatsapp-en-tres-sedes')
    await hydrated(cit)
    expect(await cit.getByTestId('unread-count').count()).toBe(0)

    // The official finds the pilot on the dashboard and posts an update.
    const off = await e2e.newPage()
    await signIn(off, official.email)
    await mainNav(off).getByRole('link', { name: 'Mi panel' }).click()
    await onPath(off, '/mi-panel')
    await off.getByTestId('dashboard-pilot').getByRole('link', { name: 'Citas por WhatsApp en tres sedes' }).click()
    await onPath(off, '/pilotos/citas-por-whatsapp-en-tres-sedes')
    await hydrated(off)
    await off.getByLabel('Qué avanzó').fill('Terminamos la capacitación del personal de las tres sedes.')
    await off.getByLabel('Avance reportado (%; opcional)').fill('20')
    await off.getByRole('button', { name: 'Publicar avance' }).click()
    await seen(off.getByRole('status').filter({ hasText: 'Se publicó el avance.' }))
    await seen(off.getByTestId('updates').getByText('Terminamos la capacitación del personal de las tres sedes.'))

    // The citizen's open page gets it live, without reloading.
    await seen(cit.getByTestId('unread-count').filter({ hasText: '1' }))
    await cit.getByRole('link', { name: 'Notificaciones: 1 sin leer' }).click()
    await onPath(cit, '/notificaciones')
    await seen(cit.getByText('Carlos Pop Caal publicó un avance del piloto «Citas por WhatsApp en tres sedes».'))
  })
})
