import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createChallenge, moveChallengePhase } from '#app/services/challenges/challenges.server.ts'
import { saveCriteria, publishEvaluation } from '#app/services/evaluation/criteria.server.ts'
import { setJury } from '#app/services/evaluation/jury.server.ts'
import { dismiss, hide } from '#app/services/moderation/decisions.server.ts'
import { report } from '#app/services/moderation/reports.server.ts'
import { addFollow, notificationText } from '#app/services/notifications/notifications.server.ts'
import { createPilot } from '#app/services/pilots/pilot-creation.server.ts'
import { ideas, notifications, users, type Language } from '#db/schema.ts'
import { cookieFrom, postJson } from '#tests/helpers/http.ts'
import { formatDate } from '#app/utils/format.ts'
import { challenges } from '#db/schema.ts'
import { insertChallenge, insertIdea, insertInstitution, insertUser } from '#tests/helpers/fixtures.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

// The notifications staff and participants were missing (issue 11 §7): each is stored for the right
// people only, and reads as a sentence in their language.

let server: TestServer
let facilitator: Awaited<ReturnType<typeof insertUser>>
let moderator: Awaited<ReturnType<typeof insertUser>>
beforeAll(async () => {
  server = await startTestServer()
  facilitator = await insertUser(server.database.db, { role: 'facilitator', name: 'Fabiola Facilitadora' })
  moderator = await insertUser(server.database.db, { role: 'facilitator', name: 'Mónica Moderadora' })
})
afterAll(() => server?.stop())

const db = () => server.database.db
async function received(userId: string, lang: Language = 'es') {
  const rows = await db().select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt)
  return rows.map((n) => ({ kind: n.kind, link: n.link, text: notificationText(lang, n) }))
}

describe('an official whose draft the lab publishes', () => {
  test('is told once, in words, even when following it; the facilitator who published it is not', async () => {
    const institution = await insertInstitution(db())
    const [official] = await db()
      .update(users)
      .set({ institutionId: institution.id })
      .where(eq(users.id, (await insertUser(db(), { role: 'official', name: 'Olga Oficial' })).id))
      .returning()
    const draft = await createChallenge(official, {
      title: 'Menos filas para el boleto de ornato',
      problem: '¿Cómo podríamos reducir las filas para pagar el boleto de ornato?',
      institutionId: institution.id,
    } as Parameters<typeof createChallenge>[1])
    await addFollow(official.id, 'challenge', draft.id)
    const follower = await insertUser(db(), { name: 'Fede Seguidor' })
    await addFollow(follower.id, 'challenge', draft.id)

    await moveChallengePhase(facilitator, draft.id, 'open')
    expect(await received(official.id)).toEqual([
      { kind: 'challenge.published', link: `/retos/${draft.slug}`, text: 'El laboratorio publicó tu reto «Menos filas para el boleto de ornato»; ahora está en la fase: Abierto a ideas.' },
    ])
    expect(await received(facilitator.id)).toEqual([])
    expect((await received(follower.id)).map((n) => n.kind)).toEqual(['challenge.phase'])

    // A later move is an ordinary phase change for the author.
    await moveChallengePhase(facilitator, draft.id, 'cocreation')
    expect((await received(official.id, 'en')).map((n) => n.text)).toEqual([
      'The lab published your challenge “Menos filas para el boleto de ornato”; it is now in the phase: Open for ideas.',
      expect.stringContaining('moved to the phase'),
    ])
  })
})

describe('the people named on a new pilot', () => {
  test('the lead and each team member are told it is theirs; the creator is not', async () => {
    const institution = await insertInstitution(db())
    const challenge = await insertChallenge(db(), { title: 'Citas sin filas', institutionId: institution.id, phase: 'piloting' })
    const author = await insertUser(db(), { name: 'Ana Autora' })
    const idea = await insertIdea(db(), { challengeId: challenge.id, createdBy: author.id, title: 'Citas por WhatsApp' })
    await db().update(ideas).set({ status: 'selected' }).where(eq(ideas.id, idea.id))
    const lead = await insertUser(db(), { role: 'official', name: 'Luis Líder' })
    const member = await insertUser(db(), { role: 'official', name: 'Tina Equipo' })

    const pilot = await createPilot(facilitator, {
      challengeId: challenge.id,
      ideaIds: [idea.id],
      title: 'Citas por WhatsApp en tres sedes',
      summary: 'Un piloto de citas por WhatsApp en tres sedes del registro durante tres meses.',
      institutionId: institution.id,
      leadId: lead.id,
      teamIds: [member.id, lead.id],
      startDate: '2026-01-10',
      endDate: '2026-04-10',
      budgetGtq: 15000,
      department: null,
      municipality: null,
    })
    const link = `/pilotos/${pilot.pilot.slug}`
    expect(await received(lead.id)).toEqual([{ kind: 'pilot.lead', link, text: 'Ahora eres responsable del piloto «Citas por WhatsApp en tres sedes».' }])
    expect(await received(member.id)).toEqual([{ kind: 'pilot.team', link, text: 'Te sumaron al equipo del piloto «Citas por WhatsApp en tres sedes».' }])
    expect((await received(author.id)).map((n) => n.kind)).toEqual(['pilot.created'])
    expect(await received(facilitator.id)).toEqual([])
  })
})

describe('reports, once the moderation team decides', () => {
  async function reportedIdea(title: string) {
    const institution = await insertInstitution(db())
    const challenge = await insertChallenge(db(), { title: 'Reto con reportes', institutionId: institution.id })
    const author = await insertUser(db(), { name: 'Álex Autor' })
    const idea = await insertIdea(db(), { challengeId: challenge.id, createdBy: author.id, title })
    const reporters = [await insertUser(db(), { name: 'Rosa Reporta' }), await insertUser(db(), { name: 'Raúl Reporta' })]
    for (const r of reporters) await report(r, { targetType: 'idea', targetId: idea.id, reason: 'Es publicidad de una empresa.' })
    return { idea, author, reporters }
  }

  test('dismissed: each reporter learns it stays visible, the author that a report was reviewed', async () => {
    const { idea, author, reporters } = await reportedIdea('Una idea reportada sin razón')
    await dismiss(moderator, { type: 'idea', id: idea.id })
    for (const r of reporters) {
      expect(await received(r.id)).toEqual([
        { kind: 'report.resolved', link: `/ideas/${idea.id}`, text: 'El equipo de moderación revisó lo que reportaste: sigue visible porque no infringe las normas.' },
      ])
    }
    expect(await received(author.id)).toEqual([
      { kind: 'moderation.reportDismissed', link: `/ideas/${idea.id}`, text: 'El equipo de moderación revisó un reporte sobre tu contenido y lo dejó visible.' },
    ])
    // Nothing more to dismiss: nobody is told twice.
    await dismiss(moderator, { type: 'idea', id: idea.id })
    expect(await received(author.id)).toHaveLength(1)
  })

  test('hidden: the reporters learn it was hidden, the author why', async () => {
    const { idea, author, reporters } = await reportedIdea('Compre en mi tienda')
    await hide(moderator, { type: 'idea', id: idea.id }, 'Publicidad comercial.')
    expect((await received(reporters[0].id, 'en')).map((n) => n.text)).toEqual(['The moderation team reviewed what you reported: it was hidden.'])
    expect((await received(author.id)).map((n) => n.text)).toEqual(['El equipo de moderación ocultó tu contenido. Motivo: Publicidad comercial.'])
  })
})

describe('jurors, when scoring opens', () => {
  test('every juror is told that scoring is open, with a link to the jury page', async () => {
    const institution = await insertInstitution(db())
    const challenge = await insertChallenge(db(), { title: 'Reto evaluado', institutionId: institution.id, phase: 'evaluation' })
    const jurors = [await insertUser(db(), { role: 'official', name: 'Julia Jurado' }), await insertUser(db(), { name: 'Jaime Jurado' })]
    await setJury(facilitator, challenge.id, { members: jurors.map((j) => ({ userId: j.id, affiliation: '' })) })
    await saveCriteria(facilitator, challenge.id, { criteria: [{ name: 'Impacto', description: '', weight: 100 }], voteShare: 0 })
    await publishEvaluation(facilitator, challenge.id)
    for (const j of jurors) {
      expect((await received(j.id)).map((n) => n.kind)).toEqual(['evaluation.juror', 'evaluation.scoringOpen'])
      expect((await received(j.id)).at(-1)).toEqual({
        kind: 'evaluation.scoringOpen',
        link: `/retos/${challenge.slug}/jurado`,
        text: 'Ya puedes calificar como jurado las ideas del reto «Reto evaluado».',
      })
    }
  })
})

describe('the jury page', () => {
  async function signIn(email: string) {
    const { response, status } = await postJson(`${server.url}/api/v1/session`, { email, password: 'una-clave-larga' })
    expect(status).toBe(200)
    return cookieFrom(response, 'cocrea_session')!
  }

  test('before the evaluation it says when scoring will open; a sole juror never reads “0 de 0”', async () => {
    const institution = await insertInstitution(db())
    const challenge = await insertChallenge(db(), { title: 'Reto por evaluar', institutionId: institution.id, phase: 'voting' })
    const evaluationAt = new Date(Date.now() + 10 * 24 * 3600 * 1000)
    await db().update(challenges).set({ evaluationAt }).where(eq(challenges.id, challenge.id))
    const juror = await insertUser(db(), { role: 'official', name: 'Sola Jurado' })
    await setJury(facilitator, challenge.id, { members: [{ userId: juror.id, affiliation: '' }] })
    const cookie = await signIn(juror.email)

    const before = await (await fetch(`${server.url}/retos/${challenge.slug}/jurado`, { headers: { cookie } })).text()
    expect(before).toContain(`prevista para el ${formatDate(evaluationAt, 'es')}`)

    const author = await insertUser(db(), { name: 'Ana Autora' })
    await insertIdea(db(), { challengeId: challenge.id, createdBy: author.id, title: 'Una idea preseleccionada', status: 'shortlisted' })
    await db().update(challenges).set({ phase: 'evaluation', evaluationAt: new Date() }).where(eq(challenges.id, challenge.id))
    await saveCriteria(facilitator, challenge.id, { criteria: [{ name: 'Impacto', description: '', weight: 100 }], voteShare: 0 })
    await publishEvaluation(facilitator, challenge.id)
    const open = await (await fetch(`${server.url}/retos/${challenge.slug}/jurado`, { headers: { cookie } })).text()
    expect(open).toContain('Una idea preseleccionada')
    expect(open).not.toContain('prevista para el')
    expect(open).toContain('Nadie más del jurado puntúa esta idea')
    expect(open).not.toMatch(/0 de 0/)
  })
})
