import { inArray } from 'drizzle-orm'
import { getI18n } from '#app/i18n/i18n.ts'
import { formatDate } from '#app/utils/format.ts'
import { getDb } from '#db/client.ts'
import { challenges, cocreationSessions, comments, ideas, institutions, pilots, users, type Language } from '#db/schema.ts'
import { type AuditRow } from './audit.server.ts'
import { isUuid } from './schemas.ts'

/**
 * The audit log in words: each entry's action as a sentence in the reader's language, the
 * thing it is about with a link to its page, and the fields it changed as before → after.
 * The page and the CSV export both read entries through here.
 */

export type AuditChange = { field: string; from: string; to: string }
export type AuditEntryView = {
  id: number
  whenIso: string
  when: string
  actorId: string | null
  actorName: string | null
  action: string
  actionText: string
  target: { label: string; href: string | null }
  changes: AuditChange[]
  /** A person the entry names (a juror added, a co-author invited), by name. */
  person: string | null
}

type Names = {
  challenges: Map<string, { slug: string; title: string }>
  ideas: Map<string, { title: string }>
  pilots: Map<string, { slug: string; title: string }>
  sessions: Map<string, { title: string }>
  users: Map<string, { name: string }>
  institutions: Map<string, { acronym: string }>
  comments: Map<string, { targetType: string; targetId: string }>
}

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null)
const ids = (values: unknown[]) => [...new Set(values.filter(isUuid))]

/** Loads the titles, slugs and names the entries refer to, a handful of queries for a whole page. */
async function loadNames(rows: AuditRow[]): Promise<Names> {
  const byType = (type: string) => rows.filter((r) => r.entityType === type).map((r) => r.entityId)
  const sides = rows.flatMap((r) => [record(r.before), record(r.after)]).filter((s) => s !== null)
  const db = getDb()
  const commentIds = ids(byType('comment'))
  const commentRows = commentIds.length ? await db.select({ id: comments.id, targetType: comments.targetType, targetId: comments.targetId }).from(comments).where(inArray(comments.id, commentIds)) : []
  const onTargets = (type: string) => commentRows.filter((c) => c.targetType === type).map((c) => c.targetId)
  const challengeIds = ids([...byType('challenge'), ...onTargets('challenge'), ...sides.map((s) => s.challengeId)])
  const ideaIds = ids([...byType('idea'), ...onTargets('idea')])
  const pilotIds = ids([...byType('pilot'), ...onTargets('pilot')])
  const sessionIds = ids(byType('cocreation_session'))
  const userIds = ids([...byType('user'), ...sides.flatMap((s) => [s.userId, s.invitedUserId])])
  const institutionIds = ids([...byType('institution'), ...sides.map((s) => s.institutionId)])
  const [c, i, p, s, u, inst] = await Promise.all([
    challengeIds.length ? db.select({ id: challenges.id, slug: challenges.slug, title: challenges.title }).from(challenges).where(inArray(challenges.id, challengeIds)) : [],
    ideaIds.length ? db.select({ id: ideas.id, title: ideas.title }).from(ideas).where(inArray(ideas.id, ideaIds)) : [],
    pilotIds.length ? db.select({ id: pilots.id, slug: pilots.slug, title: pilots.title }).from(pilots).where(inArray(pilots.id, pilotIds)) : [],
    sessionIds.length ? db.select({ id: cocreationSessions.id, title: cocreationSessions.title }).from(cocreationSessions).where(inArray(cocreationSessions.id, sessionIds)) : [],
    userIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [],
    institutionIds.length ? db.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions).where(inArray(institutions.id, institutionIds)) : [],
  ])
  const map = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]))
  return { challenges: map(c), ideas: map(i), pilots: map(p), sessions: map(s), users: map(u), institutions: map(inst), comments: map(commentRows) }
}

type T = ReturnType<typeof getI18n>['t']

/** The page of the thing an entry is about, with a label such as «Reto: Citas sin filas». */
function targetOf(t: T, names: Names, type: string, id: string): AuditEntryView['target'] {
  const kind = (k: string, title: string, href: string | null) => ({ label: t('admin.audit.targetLabel', { kind: t(`admin.audit.entities.${k}`), title }), href })
  switch (type) {
    case 'challenge': {
      const c = names.challenges.get(id)
      if (c) return kind('challenge', c.title, `/retos/${c.slug}`)
      break
    }
    case 'idea': {
      const i = names.ideas.get(id)
      if (i) return kind('idea', i.title, `/ideas/${id}`)
      break
    }
    case 'pilot': {
      const p = names.pilots.get(id)
      if (p) return kind('pilot', p.title, `/pilotos/${p.slug}`)
      break
    }
    case 'cocreation_session': {
      const s = names.sessions.get(id)
      if (s) return kind('cocreation_session', s.title, `/sesiones/${id}`)
      break
    }
    case 'user': {
      const u = names.users.get(id)
      if (u) return kind('user', u.name, `/admin/usuarios/${id}`)
      break
    }
    case 'institution': {
      const inst = names.institutions.get(id)
      if (inst) return kind('institution', inst.acronym, '/admin/institutions')
      break
    }
    case 'comment': {
      const c = names.comments.get(id)
      const on = c ? targetOf(t, names, c.targetType, c.targetId) : null
      if (on?.href) return { label: t('admin.audit.commentOn', { target: on.label }), href: `${on.href}#comment-${id}` }
      break
    }
  }
  const known = t(`admin.audit.entities.${type}`, { defaultValue: '' })
  return { label: t('admin.audit.targetLabel', { kind: known || type, title: id }), href: null }
}

// Bookkeeping that changes with every write and says nothing to a reader.
const IGNORED = new Set(['updatedAt', 'createdAt', 'id', 'passwordHash', 'demo'])
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
const MAX_CHANGES = 8
const MAX_VALUE = 120

/** One value as a reader understands it: a phase or status by its name, an institution by its acronym, a date in the lab's format. */
function valueText(t: T, lang: Language, names: Names, entityType: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? 'admin.audit.yes' : 'admin.audit.no')
  if (typeof value === 'string') {
    if (field === 'phase') return t(entityType === 'cocreation_session' ? `sessions.phases.${value}` : `notifications.phases.${value}`, { defaultValue: value })
    if (field === 'status') return t(entityType === 'cocreation_session' ? `sessions.status.${value}` : `notifications.statuses.${value}`, { defaultValue: value })
    if (field === 'role') return t(`roles.${value}`, { defaultValue: value })
    if (field === 'institutionId') return names.institutions.get(value)?.acronym ?? value
    if (field === 'userId' || field === 'invitedUserId') return names.users.get(value)?.name ?? value
    if (field === 'challengeId') return names.challenges.get(value)?.title ?? value
    if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return formatDate(value, lang, 'datetime')
    return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value
  }
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.map((v) => valueText(t, lang, names, entityType, field, v)).join(', ') || '—'
  const json = JSON.stringify(value)
  return json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE - 1)}…` : json
}

/** The fields whose value differs between before and after (only when the entry has both sides). */
function changesOf(t: T, lang: Language, names: Names, row: AuditRow): AuditChange[] {
  const before = record(row.before)
  const after = record(row.after)
  if (!before || !after) return []
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !IGNORED.has(f))
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .slice(0, MAX_CHANGES)
    .map((f) => ({
      field: t(`admin.audit.fields.${f}`, { defaultValue: f }),
      from: valueText(t, lang, names, row.entityType, f, before[f]),
      to: valueText(t, lang, names, row.entityType, f, after[f]),
    }))
}

/** The sentence for an action (`challenge.phase` → «Cambió la fase del reto»); an action without words yet shows its code. */
export function actionText(lang: Language, action: string) {
  const i18n = getI18n(lang)
  const key = `admin.audit.actions.${action.replaceAll('.', '_')}`
  return /^[a-z][\w.]*$/.test(action) && i18n.exists(key) ? i18n.t(key) : i18n.t('admin.audit.actions.unknown', { action })
}

/** Entries as a reader sees them, in their language. */
export async function describeAuditEntries(rows: AuditRow[], lang: Language): Promise<AuditEntryView[]> {
  const t = getI18n(lang).t
  const names = await loadNames(rows)
  return rows.map((row) => {
    const sides = [record(row.after), record(row.before)]
    const personId = sides.map((s) => s?.userId ?? s?.invitedUserId).find(isUuid)
    return {
      id: row.id,
      whenIso: row.createdAt.toISOString(),
      when: formatDate(row.createdAt, lang, 'datetime'),
      actorId: row.actorId,
      actorName: row.actorName,
      action: row.action,
      actionText: actionText(lang, row.action),
      target: targetOf(t, names, row.entityType, row.entityId),
      changes: changesOf(t, lang, names, row),
      person: personId ? (names.users.get(personId)?.name ?? null) : null,
    }
  })
}
