import { type LoaderFunctionArgs } from '@remix-run/node'
import { getT } from '#app/i18n/i18n.ts'
import { slugify } from '#app/services/accounts/institutions.server.ts'
import { datedFilename } from '#app/services/platform/lab-day.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { csvResponse } from '#app/utils/csv-response.server.ts'
import { exportDataOrRefusal } from '#app/utils/session-route.server.ts'

/** GET /sesiones/:id/notas.csv — one row per note: id, frame, text, author's public name, colour, dots, promoted idea. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const exported = await exportDataOrRefusal(getUser(context), params.id ?? '', context.lang)
  const t = getT(context.lang)
  // What moderation hid is written as such, never as its text.
  const text = (e: { id: string; text: string }) => (exported.redacted.has(e.id) ? t('sessions.csv.hidden') : e.text)
  const frames = new Map(exported.elements.filter((e) => e.type === 'frame').map((f) => [f.id, f]))
  const rows = exported.elements
    .filter((e) => e.type === 'note')
    .map((n) => {
      const frame = n.frameId ? frames.get(n.frameId) : undefined
      const ideaId = n.ideaId ?? (frame?.ideaId || null)
      return [
        n.id,
        frame ? text(frame) : '',
        text(n),
        n.authorName,
        t(`boards.colors.${n.color}`, { defaultValue: n.color }),
        exported.dots[n.id] ?? 0,
        ideaId ? (exported.ideaTitles[ideaId] ?? ideaId) : '',
      ]
    })
  const header = ['id', 'frame', 'text', 'author', 'color', 'dots', 'idea'].map((k) => t(`sessions.csv.${k}`))
  return csvResponse({ filename: datedFilename(`notas-${slugify(exported.session.title) || exported.session.id}`, 'csv'), columns: header, rows }, { cache: 'private' })
}
