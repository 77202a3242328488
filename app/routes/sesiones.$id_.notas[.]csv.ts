import { type LoaderFunctionArgs } from '@remix-run/node'
import { stringify } from 'csv-stringify/sync'
import { getT } from '#app/i18n/i18n.ts'
import { exportRefusal as refusal, getExportData } from '#app/services/cocreation-sessions.server.ts'
import { getUser } from '#app/utils/auth.server.ts'

/** A cell that a spreadsheet would run as a formula is written as text. */
const safeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

/** GET /sesiones/:id/notas.csv — one row per note: id, frame, text, author's public name, colour, dots, promoted idea. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const exported = await getExportData(getUser(context), params.id ?? '').catch((error) => refusal(error, context.lang))
  if (exported instanceof Response) return exported
  const t = getT(context.lang)
  const frames = new Map(exported.elements.filter((e) => e.type === 'frame').map((f) => [f.id, f]))
  const rows = exported.elements
    .filter((e) => e.type === 'note')
    .map((n) => {
      const frame = n.frameId ? frames.get(n.frameId) : undefined
      const ideaId = n.ideaId ?? (frame?.ideaId || null)
      return [
        n.id,
        safeCell(frame?.text ?? ''),
        safeCell(n.text),
        safeCell(n.authorName),
        n.color,
        exported.dots[n.id] ?? 0,
        ideaId ? safeCell(exported.ideaTitles[ideaId] ?? ideaId) : '',
      ]
    })
  const header = ['id', 'frame', 'text', 'author', 'color', 'dots', 'idea'].map((k) => t(`sessions.csv.${k}`))
  const csv = '\uFEFF' + stringify([header, ...rows])
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="notas-${exported.session.id}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
