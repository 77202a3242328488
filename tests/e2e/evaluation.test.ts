import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createAuthSession, generateAuthSessionToken } from '#app/services/accounts/auth-sessions.server.ts'
import { SESSION_COOKIE } from '#app/utils/cookies.server.ts'
import { challenges, evaluationCriteria, evaluations, ideaAuthors, ideas, institutions, juryMembers, juryScores, notifications, users } from '#db/schema.ts'
import { createPerson, expectNoBrowserErrors, hydrated, onPath, seen, startE2E, type E2E } from './helpers.ts'

let e2e: E2E
let institutionId: string
beforeAll(async () => {
  e2e = await startE2E()
  const [inst] = await e2e.server.database.db.insert(institutions).values({ slug: `inst-${suffix()}`, acronym: 'MINFIN', name: 'Ministerio de Finanzas Públicas' }).returning()
  institutionId = inst.id
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

const suffix = () => randomBytes(5).toString('hex')
const db = () => e2e.server.database.db

/** A fresh browser context signed in as a new person of the given role (the session is created directly). */
async function signedInPage(name: string, role: 'citizen' | 'official' | 'facilitator' = 'citizen') {
  const person = await createPerson(name)
  if (role !== 'citizen') await db().update(users).set({ role, institutionId: role === 'official' ? institutionId : null }).where(eq(users.id, person.id))
  const token = generateAuthSessionToken()
  await createAuthSession(token, person.id)
  const page = await e2e.newPage()
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: e2e.baseUrl, httpOnly: true, sameSite: 'Lax' }])
  return { page, person }
}

/** A challenge in evaluation: two published criteria, two shortlisted ideas, and one juror who has already scored both. */
async function evaluationScene() {
  const author = await createPerson('Pedro Ajanel')
  const other = await createPerson('Sofía Batz')
  const [challenge] = await db()
    .insert(challenges)
    .values({ slug: `reto-eval-${suffix()}`, title: '¿Cómo podríamos pagar impuestos sin filas?', problem: 'Las filas son largas.', institutionId, phase: 'evaluation' })
    .returning()
  await db().insert(evaluations).values({ challengeId: challenge.id, voteShare: 20, publishedAt: new Date() })
  const criteria = await db()
    .insert(evaluationCriteria)
    .values([
      { challengeId: challenge.id, name: 'Impacto ciudadano', weight: 60, position: 0 },
      { challengeId: challenge.id, name: 'Costo', weight: 40, position: 1 },
    ])
    .returning()
  const rows = await db()
    .insert(ideas)
    .values([
      { challengeId: challenge.id, title: 'Pago en línea', description: 'Pagar desde el teléfono.', status: 'shortlisted', voteTotal: 6, createdBy: author.id },
      { challengeId: challenge.id, title: 'Recibo por SMS', description: 'Recibo al teléfono.', status: 'shortlisted', voteTotal: 2, createdBy: author.id },
    ])
    .returning()
  await db()
    .insert(ideaAuthors)
    .values(rows.map((i) => ({ ideaId: i.id, userId: author.id, acceptedAt: new Date() })))
  await db().insert(juryMembers).values({ challengeId: challenge.id, userId: other.id, affiliation: 'Sociedad civil — Acción Ciudadana' })
  for (const idea of rows) {
    await db()
      .insert(juryScores)
      .values(criteria.map((c) => ({ challengeId: challenge.id, ideaId: idea.id, jurorId: other.id, criterionId: c.id, score: 4, rationale: `Sofía: ${c.name} bien resuelto en «${idea.title}».` })))
  }
  return { challenge, criteria, ideas: rows, author }
}

const ideaSection = (page: Page, title: string) => page.getByTestId('jury-idea').filter({ has: page.getByRole('heading', { name: title }) })

describe('evaluation in the browser', () => {
  test('a jury member scores an idea, then sees the other juror’s scores; the facilitator selects and the results show the arithmetic and a chart', async () => {
    const { challenge, ideas: [online, sms], author } = await evaluationScene()

    // The juror: named by the facilitator (here straight in the database), linked from the challenge page.
    const { page: juror, person: olga } = await signedInPage('Olga Ixcoy', 'official')
    await db().insert(juryMembers).values({ challengeId: challenge.id, userId: olga.id, affiliation: '' })
    await juror.goto(`/retos/${challenge.slug}`)
    await juror.getByRole('link', { name: 'Puntuar como jurado' }).click()
    await onPath(juror, `/retos/${challenge.slug}/jurado`)
    await hydrated(juror)
    const section = ideaSection(juror, 'Pago en línea')
    await seen(section.getByText('Los verás después de enviar los tuyos. 1 de 1 ya enviaron.'))
    expect(await juror.getByText('Sofía: Impacto ciudadano bien resuelto en «Pago en línea».').count()).toBe(0)

    // Submitting without a rationale is refused with the message next to the field.
    await section.getByLabel('Puntaje de «Impacto ciudadano» (1 a 5)').selectOption('5')
    await section.getByLabel('Puntaje de «Costo» (1 a 5)').selectOption('3')
    await section.getByLabel('Justificación de «Impacto ciudadano»').fill('Llega a todo el país desde el primer mes.')
    await section.getByRole('button', { name: 'Enviar mis puntajes' }).click()
    await seen(ideaSection(juror, 'Pago en línea').getByText('Este campo es obligatorio.'))
    await ideaSection(juror, 'Pago en línea').getByLabel('Justificación de «Costo»').fill('Costo moderado: reutiliza la plataforma.')
    await ideaSection(juror, 'Pago en línea').getByRole('button', { name: 'Enviar mis puntajes' }).click()

    await seen(juror.getByRole('status').filter({ hasText: 'Se enviaron tus puntajes de «Pago en línea».' }))
    const after = ideaSection(juror, 'Pago en línea')
    await seen(after.getByText('Ya enviaste tus puntajes de esta idea.'))
    await seen(after.getByText('Sofía: Impacto ciudadano bien resuelto en «Pago en línea».'))
    await seen(after.getByTestId('my-scores').getByText('Llega a todo el país desde el primer mes.'))
    // The other idea is still blind.
    await seen(ideaSection(juror, 'Recibo por SMS').getByTestId('others-hidden'))
    const mine = await db().select().from(juryScores).where(eq(juryScores.jurorId, olga.id))
    expect(mine.map((s) => s.score).sort()).toEqual([3, 5])

    // The facilitator records the selection.
    const { page: lab } = await signedInPage('Fabiola Facilitadora', 'facilitator')
    await lab.goto(`/retos/${challenge.slug}`)
    await lab.getByRole('link', { name: 'Gestionar la evaluación' }).click()
    await onPath(lab, `/retos/${challenge.slug}/evaluacion`)
    await lab.getByRole('link', { name: 'Registrar la selección' }).click()
    await onPath(lab, `/retos/${challenge.slug}/seleccion`)
    await hydrated(lab)
    const first = lab.getByRole('group', { name: 'Decisión sobre «Pago en línea»' })
    await first.getByLabel('Seleccionada', { exact: true }).check()
    await lab.getByLabel('Justificación de la decisión sobre «Pago en línea»').fill('Primer lugar y factible este año.')
    await lab.getByRole('group', { name: 'Decisión sobre «Recibo por SMS»' }).getByLabel('No seleccionada').check()
    await lab.getByLabel('Justificación de la decisión sobre «Recibo por SMS»').fill('Se integra al piloto de pago en línea.')
    await lab.getByRole('button', { name: 'Publicar la selección' }).click()

    await onPath(lab, `/retos/${challenge.slug}/resultados`)
    await seen(lab.getByRole('status').filter({ hasText: 'Se publicó la selección y el reto pasó a pilotaje.' }))
    const ranking = lab.getByTestId('ranking')
    await seen(ranking.getByRole('row', { name: /Pago en línea/ }).getByText('Seleccionada'))
    await seen(ranking.getByRole('row', { name: /Recibo por SMS/ }).getByText('No seleccionada'))
    // «Pago en línea»: impacto (4+5)/2 = 4.5 → 54; costo (4+3)/2 = 3.5 → 28; jury 82; votes 100; final 0.8 × 82 + 20 = 85.6
    await seen(lab.getByText('Jurado: 54 + 28 = 82'))
    await seen(lab.getByText('Final: 80 % × 82 + 20 % × 100 = 85.6'))
    await seen(lab.getByText('Justificación: Primer lugar y factible este año.'))
    // The chart is SVG from the server, named for screen readers (the table says the same).
    await seen(lab.getByTestId('final-score-chart').getByRole('img', { name: /Puntaje final de cada idea/ }))
    expect(await lab.getByTestId('final-score-chart').locator('rect').count()).toBeGreaterThan(0)

    const [row] = await db().select().from(challenges).where(eq(challenges.id, challenge.id))
    expect(row.phase).toBe('piloting')
    const [decided] = await db().select().from(ideas).where(eq(ideas.id, sms.id))
    expect(decided).toMatchObject({ status: 'not_selected', statusReason: 'Se integra al piloto de pago en línea.' })
    const told = await db().select().from(notifications).where(eq(notifications.userId, author.id))
    expect(told.map((n) => n.link)).toEqual(expect.arrayContaining([`/ideas/${online.id}`, `/ideas/${sms.id}`]))
  })
})
