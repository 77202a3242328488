import { type LoaderFunctionArgs } from '@remix-run/node'
import { Resvg } from '@resvg/resvg-js'
import { boardToSvg } from '#app/board/board-svg.ts'
import { getT } from '#app/i18n/i18n.ts'
import { exportRefusal as refusal, getExportData } from '#app/services/cocreation-sessions.server.ts'
import { getUser } from '#app/utils/auth.server.ts'

/** The longest side of the image: a large board is scaled down rather than rendered as a poster. */
const MAX_SIDE = 4000

/** GET /sesiones/:id/tablero.png — the session's board as a PNG, rendered from the same SVG. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const exported = await getExportData(getUser(context), params.id ?? '').catch((error) => refusal(error, context.lang))
  if (exported instanceof Response) return exported
  const svg = boardToSvg(exported.elements, {
    title: getT(context.lang)('sessions.svg.title', { title: exported.session.title }),
    dots: exported.dots,
    ideaTitles: exported.ideaTitles,
  })
  const size = /width="([\d.]+)" height="([\d.]+)"/.exec(svg)
  const longest = size ? Math.max(Number(size[1]), Number(size[2])) : MAX_SIDE
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: longest > MAX_SIDE ? { mode: 'zoom', value: MAX_SIDE / longest } : { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
  const png = resvg.render().asPng()
  return new Response(new Uint8Array(png), {
    headers: {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="tablero-${exported.session.id}.png"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
