import { type LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '#app/i18n/i18n.ts'
import { auditCsv } from '#app/services/platform/audit-csv.server.ts'
import { parseAuditFilter } from '#app/services/platform/audit-schemas.ts'
import { requirePermission } from '#app/services/platform/permissions.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { csvOrErrorResponse } from '#app/utils/csv-response.server.ts'

/** GET /admin/audit.csv?…filters — what the audit page shows with the same filters, every page, as a private download. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // The same door as the page, the admin area (the service checks the audit permission itself); a refusal is a plain-text 403, as for every CSV.
  const user = requireUser(context, request)
  const parsed = parseAuditFilter(new URL(request.url).searchParams)
  if (!parsed.success) {
    throw new Response(getT(context.lang)('admin.audit.badFilter'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const table = Promise.resolve().then(() => auditCsv(requirePermission(user, 'read:admin'), parsed.data, context.lang))
  return csvOrErrorResponse(table, { cache: 'private' })
}
