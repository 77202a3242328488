import { type LoaderFunctionArgs } from '@remix-run/node'
import { boardToSvg } from '#app/board/export/board-svg.ts'
import { getT } from '#app/i18n/i18n.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { exportDataOrRefusal } from '#app/utils/session-route.server.ts'

/** GET /sesiones/:id/tablero.svg — the session's board as an SVG file (facilitators any time, everyone after the end). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const exported = await exportDataOrRefusal(getUser(context), params.id ?? '', context.lang)
  const svg = boardToSvg(exported.elements, {
    title: getT(context.lang)('sessions.svg.title', { title: exported.session.title }),
    dots: exported.dots,
    ideaTitles: exported.ideaTitles,
  })
  return new Response(svg, {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="tablero-${exported.session.id}.svg"`,
      'Cache-Control': 'private, no-store',
      // Opened on its own, the file runs no script and loads nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  })
}
