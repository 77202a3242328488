import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { auditLog, challenges, institutions, kpiMeasurements, kpis, pilots, type Role } from '#db/schema.ts'
import { labDate } from '#app/services/pilots/pilot-progress.ts'
import { notificationText } from '#app/services/notifications/notifications.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

/** Issue 11 §6: KPI measurements are validated, correctable with a reason, and every change is in the audit log. */

const PASSWORD = 'una-clave-larga-1'
type Person = { id: string; name: string; cookie: string; token: string }

let server: TestServer
let institutionId: string
let lead: Person
let leadEn: Person
let admin: Person
let citizen: Person
const db = () => server.database.db

async function person(name: string, role: Role, language: 'es' | 'en' = 'es'): Promise<Person> {
  const email = uniqueEmail('medicion')
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: role === 'official' ? institutionId : null, language })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, cookie: cookieFrom(response, 'cocrea_session')!, token: body.token }
}

beforeAll(async () => {
  server = await startTestServer()
  const [inst] = await db().insert(institutions).values({ acronym: 'RENAP', name: 'Registro Nacional de las Personas', slug: 'renap-mediciones' }).returning()
  institutionId = inst.id
  lead = await person('Carlos Pop Caal', 'official')
  leadEn = await person('Chris Lead', 'official', 'en')
  admin = await person('Ada Admin', 'admin')
  citizen = await person('Lucía Tzoc', 'citizen')
})
afterAll(() => server?.stop())

let n = 0
/** An active pilot led by `leadId` with one indicator. */
async function pilotWithKpi(kpi: { unit: string; minValue?: string | null; maxValue?: string | null }, leadId = lead.id) {
  const [c] = await db().insert(challenges).values({ slug: `reto-mediciones-${process.pid}-${n++}`, title: 'Reto', problem: 'x', institutionId, phase: 'piloting' }).returning()
  const [p] = await db()
    .insert(pilots)
    .values({ slug: `piloto-mediciones-${process.pid}-${n++}`, challengeId: c.id, title: 'Citas por WhatsApp', summary: 'x', institutionId, leadId, startDate: day(-60), endDate: day(60), budgetGtq: '100.00', status: 'active' })
    .returning()
  const [k] = await db()
    .insert(kpis)
    .values({ pilotId: p.id, name: 'Tiempo de espera', unit: kpi.unit, baseline: '150', target: '45', minValue: kpi.minValue ?? null, maxValue: kpi.maxValue ?? null })
    .returning()
  return { pilot: p, kpi: k, path: `/pilotos/${p.slug}` }
}

const day = (offset: number) => labDate(new Date(Date.now() + offset * 86_400_000))

function post(path: string, fields: Record<string, string>, who: Person) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: who.cookie },
    body: new URLSearchParams(fields).toString(),
  })
}
const page = async (path: string, who?: Person) => (await fetch(`${server.url}${path}`, { headers: who ? { cookie: who.cookie } : {} })).text()
const api = async (method: string, path: string, who?: Person, body?: unknown) => {
  const r = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(who ? { authorization: `Bearer ${who.token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: r.status, body: await r.json() }
}
const snapshot = async (kpiId: string) => ({
  measurements: await db().select().from(kpiMeasurements).where(eq(kpiMeasurements.kpiId, kpiId)),
  audit: (await db().select().from(auditLog)).length,
})
const text = (html: string) => html.replaceAll('<!-- -->', '')

describe('a measurement is validated against the calendar and the indicator', () => {
  test('a day after today in Guatemala, a value out of the declared range, or a negative duration is refused with a 400 and changes nothing', async () => {
    const { pilot, kpi, path } = await pilotWithKpi({ unit: '%', minValue: '0', maxValue: '100' })
    const before = await snapshot(kpi.id)

    const future = await post(path, { intent: 'measurement', kpiId: kpi.id, measuredOn: day(1), value: '20' }, lead)
    expect(future.status).toBe(400)
    expect(text(await future.text())).toContain('La fecha de la medición no puede ser posterior a hoy (hora de Guatemala).')
    const tooHigh = await post(path, { intent: 'measurement', kpiId: kpi.id, measuredOn: day(0), value: '120', note: 'se conserva' }, lead)
    expect(tooHigh.status).toBe(400)
    const html = text(await tooHigh.text())
    expect(html).toContain('El valor es mayor que el máximo que declara el indicador')
    // The refused form keeps what was typed.
    expect(html).toContain('value="se conserva"')
    const tooLow = await api('POST', `/pilots/${pilot.id}/kpis/${kpi.id}/measurements`, lead, { measuredOn: day(-1), value: -1 })
    expect(tooLow.status).toBe(400)
    expect(tooLow.body.error.fields.value).toEqual(['El valor es menor que el mínimo que declara el indicador (lo ves junto a su nombre).'])
    const futureEn = await pilotWithKpi({ unit: '%', minValue: '0', maxValue: '100' }, leadEn.id)
    const refusedEn = await api('POST', `/pilots/${futureEn.pilot.id}/kpis/${futureEn.kpi.id}/measurements`, leadEn, { measuredOn: day(2), value: 101 })
    expect(refusedEn.status).toBe(400)
    expect(refusedEn.body.error.fields).toEqual({ measuredOn: ['The measurement date cannot be after today (Guatemala time).'], value: ['The value is above the maximum the indicator declares (shown next to its name).'] })

    // A duration without a declared minimum is never negative.
    const duration = await pilotWithKpi({ unit: 'minutos' })
    expect((await api('POST', `/pilots/${duration.pilot.id}/kpis/${duration.kpi.id}/measurements`, lead, { measuredOn: day(0), value: -5 })).status).toBe(400)

    expect(await snapshot(kpi.id)).toEqual(before)
    expect(await db().select().from(kpiMeasurements).where(eq(kpiMeasurements.kpiId, duration.kpi.id))).toHaveLength(0)
    // Today and the bounds themselves are fine.
    expect((await post(path, { intent: 'measurement', kpiId: kpi.id, measuredOn: day(0), value: '100' }, lead)).status).toBe(302)
    expect((await api('POST', `/pilots/${pilot.id}/kpis/${kpi.id}/measurements`, lead, { measuredOn: day(-3), value: 0 })).status).toBe(201)
  })

  test('an indicator declares its range: a duration’s minimum defaults to 0 and cannot be negative, a percentage stops at 100, the baseline and target lie inside', async () => {
    const { pilot, path } = await pilotWithKpi({ unit: '%' })
    expect((await post(path, { intent: 'kpi', name: 'Espera en sede', unit: 'minutos', baseline: '150', target: '45', minValue: '', maxValue: '' }, lead)).status).toBe(302)
    expect((await post(path, { intent: 'kpi', name: 'Citas atendidas', unit: '%', baseline: '0', target: '60' }, lead)).status).toBe(302)
    const negative = await post(path, { intent: 'kpi', name: 'Espera negativa', unit: 'horas', baseline: '1', target: '0', minValue: '-2' }, lead)
    expect(negative.status).toBe(400)
    expect(text(await negative.text())).toContain('Una duración no puede ser negativa')
    const reversed = await post(path, { intent: 'kpi', name: 'Al revés', unit: 'personas', baseline: '5', target: '6', minValue: '10', maxValue: '1' }, lead)
    expect(reversed.status).toBe(400)
    expect(text(await reversed.text())).toContain('El máximo no puede ser menor que el mínimo.')
    const outside = await post(path, { intent: 'kpi', name: 'Meta fuera', unit: 'personas', baseline: '5', target: '600', minValue: '0', maxValue: '500' }, lead)
    expect(outside.status).toBe(400)
    const rows = await db().select().from(kpis).where(eq(kpis.pilotId, pilot.id))
    expect(rows.map((k) => [k.name, k.minValue, k.maxValue])).toEqual(
      expect.arrayContaining([
        ['Espera en sede', '0.00', null],
        ['Citas atendidas', '0.00', '100.00'],
      ]),
    )
    expect(rows).toHaveLength(3)
    const html = text(await page(path))
    expect(html).toContain('Valores válidos: 0 minutos o más')
    expect(html).toContain('Valores válidos: de 0 a 100 %')
  })
})

describe('a measurement is corrected or withdrawn with a reason, and the audit log keeps before → after', () => {
  test('a correction and a withdrawal: on the pilot page, out of the figures, in the audit log', async () => {
    const { pilot, kpi, path } = await pilotWithKpi({ unit: 'minutos', minValue: '0' })
    for (const [offset, value] of [[-20, '112'], [-10, '95'], [-5, '9000']] as const) {
      expect((await post(path, { intent: 'measurement', kpiId: kpi.id, measuredOn: day(offset), value }, lead)).status).toBe(302)
    }
    const rows = await db().select().from(kpiMeasurements).where(eq(kpiMeasurements.kpiId, kpi.id))
    const wrong = rows.find((m) => m.value === '95.00')!
    const typo = rows.find((m) => m.value === '9000.00')!

    // A reason is required; a correction is validated like a new measurement.
    const noReason = await post(path, { intent: 'measurement-correct', measurementId: wrong.id, measuredOn: wrong.measuredOn, value: '90', reason: '' }, lead)
    expect(noReason.status).toBe(400)
    expect((await post(path, { intent: 'measurement-correct', measurementId: wrong.id, measuredOn: day(3), value: '90', reason: 'Fecha mal escrita' }, lead)).status).toBe(400)
    expect((await post(path, { intent: 'measurement-withdraw', measurementId: typo.id, reason: '' }, lead)).status).toBe(400)
    expect((await post(path, { intent: 'measurement-withdraw', measurementId: typo.id, reason: 'Dato de prueba' }, citizen)).status).toBe(403)
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, pilot.id), eq(auditLog.action, 'pilot.kpi.correct')))).toHaveLength(0)

    const corrected = await post(path, { intent: 'measurement-correct', measurementId: wrong.id, measuredOn: wrong.measuredOn, value: '90,5', note: 'Recontado', reason: 'Se sumó mal la sede de Mixco' }, lead)
    expect(corrected.status).toBe(302)
    expect(corrected.headers.get('location')).toBe(`${path}#measurement-${wrong.id}`)
    const withdrawn = await post(path, { intent: 'measurement-withdraw', measurementId: typo.id, reason: 'Error de digitación: 9000 en lugar de 90' }, lead)
    expect(withdrawn.status).toBe(302)
    // A withdrawn measurement cannot be corrected any more.
    expect((await post(path, { intent: 'measurement-correct', measurementId: typo.id, measuredOn: typo.measuredOn, value: '90', reason: 'Ahora sí' }, lead)).status).toBe(409)

    // Kept in the table with the reason; the figures leave it out.
    const [kept] = await db().select().from(kpiMeasurements).where(eq(kpiMeasurements.id, typo.id))
    expect(kept).toMatchObject({ value: '9000.00', withdrawnReason: 'Error de digitación: 9000 en lugar de 90', withdrawnBy: lead.id })
    expect(kept.withdrawnAt).not.toBeNull()
    const json = (await api('GET', `/pilots/${pilot.id}`)).body
    expect(json.kpis[0].measurements.map((m: { value: number }) => m.value)).toEqual([112, 90.5])
    expect(json.kpis[0].withdrawn).toMatchObject([{ id: typo.id, value: 9000, withdrawnReason: 'Error de digitación: 9000 en lugar de 90' }])

    const html = text(await page(path))
    expect(html).toContain('90.5 minutos')
    expect(html).toMatch(/Recontado · corregida el/)
    expect(html).toMatch(/<del>9,000 minutos · <time[^>]*>[^<]+<\/time><\/del> — retirada el [^:]+: Error de digitación: 9000 en lugar de 90/)
    expect(html).toContain('Última medición: 90.5 minutos')
    // The chart has two points (its summary says so), not the withdrawn one.
    expect(html).toContain('2 mediciones, de 112 minutos')
    expect(html).not.toContain('Corregir o retirar la medición') // a visitor sees no correction forms
    expect(text(await page(path, lead))).toContain('Corregir o retirar la medición 90.5 minutos del')

    // The audit log: who, what, before → after, with the reason.
    const entries = await db().select().from(auditLog).where(eq(auditLog.entityId, pilot.id))
    const correction = entries.find((e) => e.action === 'pilot.kpi.correct')!
    expect(correction.actorId).toBe(lead.id)
    expect(correction.before).toMatchObject({ measurementId: wrong.id, value: 95, note: '', measuredOn: wrong.measuredOn })
    expect(correction.after).toMatchObject({ measurementId: wrong.id, value: 90.5, note: 'Recontado', correctionReason: 'Se sumó mal la sede de Mixco' })
    const withdrawal = entries.find((e) => e.action === 'pilot.kpi.withdraw')!
    expect(withdrawal.before).toMatchObject({ measurementId: typo.id, value: 9000, withdrawnAt: null })
    expect(withdrawal.after).toMatchObject({ measurementId: typo.id, withdrawnReason: 'Error de digitación: 9000 en lugar de 90' })
    const auditPage = text(await page(`/admin/audit`, admin))
    expect(auditPage).toContain('Corrigió una medición de un indicador')
    expect(auditPage).toContain('Retiró una medición de un indicador')
    const words = auditPage.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(words).toMatch(/Valor: 95 → (pasó a )?90.5/)
    expect(words).toMatch(/Motivo de la corrección: — → (pasó a )?Se sumó mal la sede de Mixco/)
    expect(words).toMatch(/Motivo para retirarla: — → (pasó a )?Error de digitación/)
  })
})

describe('dates in notifications', () => {
  test('a day or a moment in a notification is written as the tables write it (es-GT), not as ISO', () => {
    const missed = notificationText('es', { kind: 'pilot.milestoneMissed', payload: { title: 'Citas por WhatsApp', milestone: 'Capacitación', dueDate: '2026-11-03' } })
    expect(missed).toBe(`El piloto «Citas por WhatsApp» no cumplió a tiempo el hito «Capacitación» (vencía el ${formatDate(new Date('2026-11-03T12:00:00Z'), 'es')}).`)
    expect(missed).not.toContain('2026-11-03')
    expect(formatDate(new Date('2026-11-03T12:00:00Z'), 'es')).toBe('3/11/2026')
    expect(notificationText('en', { kind: 'pilot.milestoneMissed', payload: { title: 'T', milestone: 'M', dueDate: '2026-11-03' } })).toContain('Nov 3, 2026')
  })
})
