import { type LoaderFunctionArgs } from '@remix-run/node'
import { PngRenderError, pngZoom, renderPng } from '#app/board/export/board-png.server.ts'
import { boardToSvg } from '#app/board/export/board-svg.ts'
import { getT } from '#app/i18n/i18n.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { exportDataOrRefusal } from '#app/utils/session-route.server.ts'

/**
 * GET /sesiones/:id/tablero.png — the session's board as a PNG, rendered from the same SVG in a
 * child process, scaled to at most 4000 px a side and 16 Mpx; a render that fails or is busy is a
 * 503 in the reader's language, never a crash.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const exported = await exportDataOrRefusal(getUser(context), params.id ?? '', context.lang)
  const svg = boardToSvg(exported.elements, {
    title: getT(context.lang)('sessions.svg.title', { title: exported.session.title }),
    dots: exported.dots,
    ideaTitles: exported.ideaTitles,
  })
  let png: Uint8Array<ArrayBuffer>
  try {
    png = await renderPng(svg, pngZoom(exported.elements))
  } catch (error) {
    if (!(error instanceof PngRenderError)) throw error
    if (error.reason === 'failed') console.warn(`board PNG of session ${exported.session.id} not rendered: ${error.message}`)
    const key = error.reason === 'busy' ? 'sessions.errors.exportBusy' : 'sessions.errors.exportFailed'
    return new Response(getT(context.lang)(key), {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...(error.reason === 'busy' ? { 'Retry-After': '5' } : {}) },
    })
  }
  return new Response(png, {
    headers: {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="tablero-${exported.session.id}.png"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
