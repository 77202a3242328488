import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { boardBounds } from './board-svg.ts'
import { type BoardElement } from '../model.ts'

/** The longest side of the image: a large board is scaled down rather than rendered as a poster. */
export const PNG_MAX_SIDE = 4000
/** And at most this many pixels in all (a long thin board is scaled down too). */
export const PNG_MAX_PIXELS = 16_000_000
/** A render that takes longer is stopped. */
export const PNG_TIME_LIMIT_MS = 15_000
/** Renders running at once; more are refused (the machine has few cores, and pages come first). */
const MAX_RENDERS = 2

export class PngRenderError extends Error {
  constructor(
    readonly reason: 'busy' | 'failed',
    message: string,
  ) {
    super(message)
  }
}

/** How much the SVG is scaled so the image stays within both caps; computed from numbers, never read back from the SVG. */
export function pngZoom(elements: BoardElement[], margin?: number) {
  const { width, height } = boardBounds(elements, margin)
  const bySide = PNG_MAX_SIDE / Math.max(width, height, 1)
  const byArea = Math.sqrt(PNG_MAX_PIXELS / Math.max(width * height, 1))
  return Math.min(1, bySide, byArea)
}

/**
 * resvg runs in a child process of its own: it is native code, and a panic or an abort there
 * (as a 3e21-wide canvas once caused) must end that process, never the server. The SVG goes in
 * on stdin, the PNG comes back on stdout; the child is killed after the time limit.
 */
const RENDERER = `
const { Resvg } = require(process.argv[1])
const zoom = Number(process.argv[2])
const chunks = []
process.stdin.on('data', (c) => chunks.push(c))
process.stdin.on('end', () => {
  const resvg = new Resvg(Buffer.concat(chunks).toString('utf8'), {
    background: '#ffffff',
    fitTo: zoom < 1 ? { mode: 'zoom', value: zoom } : { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
  process.stdout.write(resvg.render().asPng())
})
`

let running = 0

export async function renderPng(svg: string, zoom: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!(zoom > 0 && zoom <= 1)) throw new PngRenderError('failed', `bad zoom ${zoom}`)
  if (running >= MAX_RENDERS) throw new PngRenderError('busy', 'too many images are being rendered')
  running++
  try {
    const resvg = createRequire(import.meta.url).resolve('@resvg/resvg-js')
    return await new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', RENDERER, resvg, String(zoom)], { stdio: ['pipe', 'pipe', 'pipe'] })
      const out: Buffer[] = []
      let err = ''
      const timer = setTimeout(() => child.kill('SIGKILL'), PNG_TIME_LIMIT_MS)
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
      child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)))
      child.on('error', (error) => {
        clearTimeout(timer)
        reject(new PngRenderError('failed', error.message))
      })
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        if (code === 0) resolve(new Uint8Array(Buffer.concat(out)))
        else reject(new PngRenderError('failed', `the renderer ended with ${signal ?? code}: ${err.trim().split('\n').at(-1) ?? ''}`))
      })
      // A child that died early closes stdin; the error is reported by 'close'.
      child.stdin.on('error', () => {})
      child.stdin.end(svg)
    })
  } finally {
    running--
  }
}
