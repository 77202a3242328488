import { getI18n } from '#app/i18n/i18n.ts'
import { type Language } from '#db/schema.ts'
import { describeAuditEntries } from './audit-entries.server.ts'
import { type AuditFilter } from './audit-schemas.ts'
import { AUDIT_EXPORT_LIMIT, searchAudit } from './audit.server.ts'
import { type CsvTable } from './csv.server.ts'
import { datedFilename } from './lab-day.ts'
import { type Actor } from './types.ts'


/**
 * The entries that match the filters (all pages, up to AUDIT_EXPORT_LIMIT, newest first) as a CSV in the
 * reader's language: the action in words next to its code, the person by name and id, what it is about
 * with its link, and the changes as «Field: before → after».
 */
export async function auditCsv(actor: Actor, filter: Partial<AuditFilter>, lang: Language, now = new Date()): Promise<CsvTable> {
  const t = getI18n(lang).t
  const { entries } = await searchAudit(actor, { ...filter, page: 1 }, { pageSize: AUDIT_EXPORT_LIMIT })
  const described = await describeAuditEntries(entries, lang)
  const columns = ['when', 'actor', 'actorId', 'action', 'actionText', 'entityType', 'entityId', 'target', 'link', 'changes'].map((k) => t(`admin.audit.csv.${k}`))
  const rows = described.map((e, i) => [
    e.whenIso,
    e.actorName ?? t('admin.audit.systemActor'),
    e.actorId,
    e.action,
    e.actionText,
    entries[i].entityType,
    entries[i].entityId,
    e.target.label,
    e.target.href,
    [...(e.person ? [t('admin.audit.person', { name: e.person })] : []), ...e.changes.map((c) => t('admin.audit.changeLine', c))].join('; '),
  ])
  return { filename: datedFilename(t('admin.audit.csvFile'), 'csv', now), columns, rows }
}
