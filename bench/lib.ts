import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type LoadResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number; requests: number }

/**
 * Runs autocannon against one URL in a separate process, so the load generator does not
 * share the server's event loop, and keeps the figures we report.
 */
export async function load(url: string, { connections = 50, durationSeconds = 10, headers = {} as Record<string, string> } = {}): Promise<LoadResult> {
  const args = [path.join(root, 'node_modules/autocannon/autocannon.js'), '--json', '-c', String(connections), '-d', String(durationSeconds)]
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`)
  args.push(url)
  return summarise(await runNode(args, 'ignore'))
}

/**
 * Runs a load-generator script of ours (e.g. bench/vote-client.mjs, which builds each request
 * with autocannon's `setupRequest`) in a separate process; it prints autocannon's JSON result.
 * Also answers how many responses had each status code.
 */
export async function loadWithScript(script: string, args: string[]): Promise<LoadResult & { statusCodes: Record<string, number> }> {
  const result = await runNode([path.join(root, script), ...args], 'inherit')
  const statusCodes = Object.fromEntries(Object.entries((result.statusCodeStats ?? {}) as Record<string, { count: number }>).map(([code, s]) => [code, s.count]))
  return { ...summarise(result), statusCodes }
}

async function runNode(args: string[], stderr: 'ignore' | 'inherit') {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', stderr] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error(`autocannon exited with ${code}`)
  return JSON.parse(out)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function summarise(result: any): LoadResult {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  }
}
