import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { challenges, comments, ideaAuthors, ideas, institutions, notifications, users, type Language, type Phase, type Role } from '#db/schema.ts'
import { addComment, listComments } from '#app/services/ideas/comments.server.ts'
import { createUser } from '#app/services/accounts/users.server.ts'
import { postForm } from '#tests/helpers/forms.ts'
import { cookieFrom, postJson, uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

const PASSWORD = 'una-clave-larga-1'
const XSS = '<img src=x onerror=alert(1)><script>alert(1)</script>'

type Person = { id: string; name: string; email: string; cookie: string; token: string }

let server: TestServer
let institutionId: string

beforeAll(async () => {
  server = await startTestServer()
  const [row] = await server.database.db.insert(institutions).values({ acronym: 'SAT', name: 'Superintendencia de Administración Tributaria', slug: 'sat' }).returning()
  institutionId = row.id
})
afterAll(() => server?.stop())

const db = () => server.database.db

async function person(name = 'Ana Pérez', role: Role = 'citizen', language: Language = 'es'): Promise<Person> {
  const email = uniqueEmail(role)
  const user = await createUser('system', { email, password: PASSWORD, name, role, institutionId: null, language })
  const { response, status, body } = await postJson(`${server.url}/api/v1/session`, { email, password: PASSWORD })
  expect(status).toBe(200)
  return { id: user.id, name, email, cookie: cookieFrom(response, 'cocrea_session')!, token: body.token }
}

let n = 0
async function challenge(phase: Phase) {
  const [row] = await db()
    .insert(challenges)
    .values({ slug: `conversacion-${process.pid}-${n++}`, title: '¿Cómo podríamos simplificar el pago de impuestos?', problem: 'Es difícil.', institutionId, phase })
    .returning()
  return row
}

/** An idea whose author follows it (as submitting does). */
async function idea(author: Person, phase: Phase = 'open') {
  const c = await challenge(phase)
  const [row] = await db().insert(ideas).values({ challengeId: c.id, title: 'Pagar desde el teléfono', description: 'x', createdBy: author.id }).returning()
  await db().insert(ideaAuthors).values({ ideaId: row.id, userId: author.id, acceptedAt: new Date() })
  await db().execute(sql`insert into follows (user_id, target_type, target_id) values (${author.id}, 'idea', ${row.id})`)
  return { idea: row, challenge: c }
}

async function apiPost(path: string, who: Person | undefined, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...headers },
    body: JSON.stringify(body),
  })
  return { status: r.status, body: await r.json() }
}
const thread = async (ideaId: string) => (await (await fetch(`${server.url}/api/v1/ideas/${ideaId}/comments`)).json()).items
const page = async (ideaId: string, who?: Person) => (await fetch(`${server.url}/ideas/${ideaId}`, { headers: who ? { cookie: who.cookie } : {} })).text()
function post(path: string, fields: Record<string, string>, who?: Person, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(who ? { cookie: who.cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}
const commentRows = (targetId: string) => db().select().from(comments).where(eq(comments.targetId, targetId)).orderBy(comments.createdAt)
const kindsFor = async (userId: string) => (await db().select().from(notifications).where(eq(notifications.userId, userId))).map((x) => x.kind).sort()

describe('writing comments', () => {
  test('a comment form without JavaScript: posted, shown with its author, the idea’s followers notified (not the writer)', async () => {
    const ana = await person('Ana Pérez')
    const beto = await person('Beto López')
    const { idea: i } = await idea(ana)
    const html = await page(i.id, beto)
    expect(html).toContain('Tu comentario')
    const r = await post(`/ideas/${i.id}`, { intent: 'comment', body: 'Me parece muy útil.\nSobre todo en el interior.' }, beto)
    expect(r.status).toBe(302)
    const [row] = await commentRows(i.id)
    expect(r.headers.get('location')).toBe(`/ideas/${i.id}#comment-${row.id}`)
    expect(row).toMatchObject({ authorId: beto.id, body: 'Me parece muy útil.\nSobre todo en el interior.', parentId: null, targetType: 'idea' })
    const shown = await page(i.id)
    expect(shown).toContain('Beto López')
    expect(shown).toContain('Me parece muy útil.\nSobre todo en el interior.')
    expect(shown).toContain('Inicia sesión para comentar.')
    expect(await kindsFor(ana.id)).toEqual(['comment.new'])
    expect(await kindsFor(beto.id)).toEqual([])
    const items = await thread(i.id)
    expect(items).toEqual([
      {
        id: row.id,
        body: 'Me parece muy útil.\nSobre todo en el interior.',
        parentId: null,
        author: { id: beto.id, name: 'Beto López' },
        createdAt: row.createdAt.toISOString(),
        editedAt: null,
        deleted: false,
        hidden: false,
        hiddenReason: null,
        replies: [],
      },
    ])
  })

  test('one level of replies: replying to a reply, or to a comment elsewhere, is refused; the parent’s author is told of a reply', async () => {
    const ana = await person('Ana Pérez')
    const beto = await person('Beto López')
    const carla = await person('Carla Díaz')
    const { idea: i } = await idea(ana)
    const { idea: other } = await idea(ana)
    const top = await apiPost(`/ideas/${i.id}/comments`, beto, { body: 'Primero' })
    expect(top.status).toBe(201)
    const reply = await apiPost(`/ideas/${i.id}/comments`, carla, { body: 'Respuesta', parentId: top.body.comment.id })
    expect(reply.status).toBe(201)
    expect(reply.body.comment.parentId).toBe(top.body.comment.id)
    expect(await kindsFor(beto.id)).toEqual(['comment.reply'])
    expect(await kindsFor(ana.id)).toEqual(['comment.new', 'comment.new'])

    const deeper = await apiPost(`/ideas/${i.id}/comments`, beto, { body: 'Nivel dos', parentId: reply.body.comment.id })
    expect(deeper.status).toBe(400)
    expect(deeper.body.error.fields.parentId).toEqual(['Solo se puede responder a comentarios principales (un nivel de respuestas).'])
    const deeperPage = await post(`/ideas/${i.id}`, { intent: 'comment', body: 'Nivel dos', parentId: reply.body.comment.id }, beto)
    expect(deeperPage.status).toBe(400)
    const elsewhere = await apiPost(`/ideas/${other.id}/comments`, beto, { body: 'Cruzado', parentId: top.body.comment.id })
    expect(elsewhere.status).toBe(400)
    expect(await commentRows(i.id)).toHaveLength(2)
    expect(await commentRows(other.id)).toHaveLength(0)

    const items = await thread(i.id)
    expect(items).toHaveLength(1)
    expect(items[0].replies.map((r: { body: string; author: { name: string } }) => [r.body, r.author.name])).toEqual([['Respuesta', 'Carla Díaz']])
  })

  test('refusals: anonymous 401, blocked 403, empty or too long 400 (Spanish and English), outside the phase 422, hidden draft 404 — nothing stored', async () => {
    const ana = await person('Ana Pérez')
    const { idea: i } = await idea(ana)
    expect((await apiPost(`/ideas/${i.id}/comments`, undefined, { body: 'Anónimo' })).status).toBe(401)
    const anonPage = await post(`/ideas/${i.id}`, { intent: 'comment', body: 'Anónimo' })
    expect(anonPage.status).toBe(302)
    expect(anonPage.headers.get('location')).toContain('/login')

    const blocked = await person('Bloqueada')
    await db().update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id))
    expect((await apiPost(`/ideas/${i.id}/comments`, blocked, { body: 'Hola' })).status).toBe(403)

    const empty = await apiPost(`/ideas/${i.id}/comments`, ana, { body: '   ' })
    expect(empty.status).toBe(400)
    expect(empty.body.error.fields.body).toEqual(['Este campo es obligatorio.'])
    expect((await apiPost(`/ideas/${i.id}/comments`, ana, { body: 'x'.repeat(5001) })).status).toBe(400)
    expect((await apiPost(`/ideas/${i.id}/comments`, ana, { body: 'x'.repeat(5000) })).status).toBe(201)
    await db().delete(comments).where(eq(comments.targetId, i.id))

    const emptyPage = await post(`/ideas/${i.id}`, { intent: 'comment', body: '' }, ana)
    expect(emptyPage.status).toBe(400)
    expect(await emptyPage.text()).toContain('Este campo es obligatorio.')
    const emily = await person('Emily Smith', 'citizen', 'en')
    const englishPage = await post(`/ideas/${i.id}`, { intent: 'comment', body: '' }, emily, { 'accept-language': 'en' })
    expect(englishPage.status).toBe(400)
    const englishHtml = await englishPage.text()
    expect(englishHtml).toContain('This field is required.')
    expect(englishHtml).toContain('Your comment')

    const closed = await idea(ana, 'closed')
    const late = await apiPost(`/ideas/${closed.idea.id}/comments`, ana, { body: 'Tarde' })
    expect(late.status).toBe(422)
    expect(late.body.error.code).toBe('outside_phase')
    expect(await page(closed.idea.id, ana)).toContain('Los comentarios están cerrados.')
    const draft = await idea(ana, 'draft')
    const outsider = await person('Otra')
    expect((await apiPost(`/ideas/${draft.idea.id}/comments`, outsider, { body: 'Borrador' })).status).toBe(404)
    for (const target of [i.id, closed.idea.id, draft.idea.id]) expect(await commentRows(target)).toEqual([])
  })
})

describe('editing and deleting', () => {
  test('authors edit within 15 minutes (marked edited), not later and not someone else’s', async () => {
    const ana = await person('Ana Pérez')
    const beto = await person('Beto López')
    const { idea: i } = await idea(ana)
    const created = await apiPost(`/ideas/${i.id}/comments`, beto, { body: 'Con un eror' })
    const id = created.body.comment.id
    expect((await post(`/ideas/${i.id}`, { intent: 'comment-edit', commentId: id, body: 'Ajeno' }, ana)).status).toBe(403)
    const bad = await post(`/ideas/${i.id}`, { intent: 'comment-edit', commentId: id, body: '' }, beto)
    expect(bad.status).toBe(400)
    const ok = await post(`/ideas/${i.id}`, { intent: 'comment-edit', commentId: id, body: 'Con un error' }, beto)
    expect(ok.status).toBe(302)
    const [row] = await commentRows(i.id)
    expect(row.body).toBe('Con un error')
    expect(row.editedAt).not.toBeNull()
    expect(await page(i.id)).toContain('(editado)')
    expect(await page(i.id, beto)).toContain('Editar tu comentario')

    await db()
      .update(comments)
      .set({ createdAt: sql`now() - interval '16 minutes'` })
      .where(eq(comments.id, id))
    const late = await post(`/ideas/${i.id}`, { intent: 'comment-edit', commentId: id, body: 'Demasiado tarde' }, beto)
    expect(late.status).toBe(409)
    expect(await late.text()).toContain('Los comentarios solo se pueden editar durante 15 minutos')
    expect((await commentRows(i.id))[0].body).toBe('Con un error')
    expect(await page(i.id, beto)).not.toContain('Editar tu comentario')
  })

  test('a deleted comment stays as “comentario eliminado” with its replies; a hidden one shows the public reason', async () => {
    const ana = await person('Ana Pérez')
    const beto = await person('Beto López')
    const { idea: i } = await idea(ana)
    const top = (await apiPost(`/ideas/${i.id}/comments`, beto, { body: 'Texto que se borrará' })).body.comment
    await apiPost(`/ideas/${i.id}/comments`, ana, { body: 'La respuesta sigue', parentId: top.id })
    const hiddenOne = (await apiPost(`/ideas/${i.id}/comments`, ana, { body: 'Texto ofensivo' })).body.comment

    expect((await post(`/ideas/${i.id}`, { intent: 'comment-delete', commentId: top.id }, ana)).status).toBe(403)
    expect((await post(`/ideas/${i.id}`, { intent: 'comment-delete', commentId: top.id }, beto)).status).toBe(302)
    await db().update(comments).set({ hiddenAt: new Date(), hiddenReason: 'Lenguaje ofensivo' }).where(eq(comments.id, hiddenOne.id))

    const html = await page(i.id)
    expect(html).toContain('comentario eliminado')
    expect(html).not.toContain('Texto que se borrará')
    expect(html).toContain('La respuesta sigue')
    expect(html).toContain('Comentario ocultado por moderación. Motivo: Lenguaje ofensivo')
    expect(html).not.toContain('Texto ofensivo')
    const items = await thread(i.id)
    expect(items[0]).toMatchObject({ id: top.id, body: null, deleted: true, hidden: false })
    expect(items[0].replies[0]).toMatchObject({ body: 'La respuesta sigue' })
    expect(items[1]).toMatchObject({ id: hiddenOne.id, body: null, deleted: false, hidden: true, hiddenReason: 'Lenguaje ofensivo' })
    // No replies to what is gone, and no editing it back.
    expect((await apiPost(`/ideas/${i.id}/comments`, ana, { body: 'A la nada', parentId: top.id })).status).toBe(409)
    expect((await post(`/ideas/${i.id}`, { intent: 'comment-edit', commentId: top.id, body: 'Revivir' }, beto)).status).toBe(409)
  })
})

describe('the comment forms of every page with a thread', () => {
  test('on a challenge page: posted, edited and deleted through the page, with the flash; a comment of another page is not found there', async () => {
    const ana = await person('Ana Pérez')
    const c = await challenge('open')
    const path = `/retos/${c.slug}`
    const posted = await post(path, { intent: 'comment', body: 'Que se pueda pagar en cuotas.' }, ana)
    expect(posted.status).toBe(302)
    const [row] = await commentRows(c.id)
    expect(posted.headers.get('location')).toBe(`${path}#comment-${row.id}`)
    const flashCookie = cookieFrom(posted, 'cocrea_flash')!
    const shown = await (await fetch(`${server.url}${path}`, { headers: { cookie: `${ana.cookie}; ${flashCookie}` } })).text()
    expect(shown).toContain('Que se pueda pagar en cuotas.')
    expect(shown).toContain('Tu comentario se publicó.')

    const edited = await post(path, { intent: 'comment-edit', commentId: row.id, body: 'Que se pueda pagar en cuotas mensuales.' }, ana)
    expect(edited.status).toBe(302)
    expect(edited.headers.get('location')).toBe(`${path}#comment-${row.id}`)
    expect((await commentRows(c.id))[0].body).toBe('Que se pueda pagar en cuotas mensuales.')

    // The same comment through another challenge's page: not this page's comment.
    const other = await challenge('open')
    expect((await post(`/retos/${other.slug}`, { intent: 'comment-delete', commentId: row.id }, ana)).status).toBe(404)
    expect((await commentRows(c.id))[0].deletedAt).toBeNull()

    const deleted = await post(path, { intent: 'comment-delete', commentId: row.id }, ana)
    expect(deleted.status).toBe(302)
    expect(deleted.headers.get('location')).toBe(path)
    expect((await commentRows(c.id))[0].deletedAt).not.toBeNull()
    expect(await (await fetch(`${server.url}${path}`)).text()).toContain('comentario eliminado')
  })
})

describe('text is text', () => {
  test('an XSS payload in a comment is escaped on the page and returned verbatim by the API', async () => {
    const ana = await person('Ana Pérez')
    const { idea: i } = await idea(ana)
    const created = await post(`/ideas/${i.id}`, { intent: 'comment', body: XSS }, ana)
    expect(created.status).toBe(302)
    expect((await thread(i.id))[0].body).toBe(XSS)
    const html = await page(i.id)
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})

describe('challenge threads', () => {
  test('the same service serves a challenge’s thread (for the challenge page)', async () => {
    const ana = await person('Ana Pérez')
    const c = await challenge('open')
    const actor = (await db().select().from(users).where(eq(users.id, ana.id)))[0]
    const top = await addComment(actor, { type: 'challenge', id: c.slug }, { body: 'Sobre el reto' })
    await addComment(actor, { type: 'challenge', id: c.id }, { body: 'Respuesta', parentId: top.id })
    const items = await listComments(null, { type: 'challenge', id: c.id })
    expect(items.map((x) => [x.body, x.replies?.map((r) => r.body)])).toEqual([['Sobre el reto', ['Respuesta']]])
    const rows = await db()
      .select()
      .from(comments)
      .where(and(eq(comments.targetType, 'challenge'), eq(comments.targetId, c.id)))
    expect(rows).toHaveLength(2)
  })
})

describe('comments on a challenge page', () => {
  test('a person comments and replies on the challenge page without JavaScript; a comment of another page cannot be edited from this one', async () => {
    const ana = await person('Ana Comenta')
    const luis = await person('Luis Responde')
    const c = await challenge('open')
    const posted = await postForm(server.url, `/retos/${c.slug}`, { intent: 'comment', body: `Buena pregunta ${XSS}` }, { cookie: ana.cookie })
    expect(posted.status).toBe(302)
    expect(posted.location).toMatch(new RegExp(`^/retos/${c.slug}#comment-`))
    const [top] = await db().select().from(comments).where(and(eq(comments.targetType, 'challenge'), eq(comments.targetId, c.id)))
    expect(top.body).toBe(`Buena pregunta ${XSS}`)
    expect((await postForm(server.url, `/retos/${c.slug}`, { intent: 'comment', body: 'Estoy de acuerdo', parentId: top.id }, { cookie: luis.cookie })).status).toBe(302)

    const page = await (await fetch(`${server.url}/retos/${c.slug}`)).text()
    expect(page).toContain('Estoy de acuerdo')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script>alert(1)</script>')
    // Ana's reply notification.
    const [note] = await db().select().from(notifications).where(and(eq(notifications.userId, ana.id), eq(notifications.kind, 'comment.reply')))
    expect(note.link).toContain(`/retos/${c.slug}`)

    // The same comment, targeted from another challenge's page, is not found there.
    const other = await challenge('open')
    const edit = await postForm(server.url, `/retos/${other.slug}`, { intent: 'comment-edit', commentId: top.id, body: 'cambiado' }, { cookie: ana.cookie })
    expect(edit.status).toBe(404)
    expect((await db().select().from(comments).where(eq(comments.id, top.id)))[0].body).toBe(`Buena pregunta ${XSS}`)
  })

  test('no comments on a closed challenge', async () => {
    const ana = await person('Ana Tarde')
    const c = await challenge('closed')
    const posted = await postForm(server.url, `/retos/${c.slug}`, { intent: 'comment', body: 'Hola' }, { cookie: ana.cookie })
    expect(posted.status).toBe(422)
    expect(await db().select().from(comments).where(eq(comments.targetId, c.id))).toHaveLength(0)
  })
})
