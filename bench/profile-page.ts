/**
 * `npm run bench:profile -- [route]`: where a signed-in page view spends its CPU (issue 12: profile
 * first). Starts the production build in this process on a fresh PGlite with the demo data and the
 * big challenge of bench/challenge-page.ts, signs a reader in, warms up, then records a V8 CPU
 * profile of 800 views (4 at a time) of the route — `challenge` (the default: the big challenge
 * page) or any path. Prints JSON: ms per view, and self time by package and by function and the
 * inclusive time of our own code, as shares of the profile; writes the profile itself to
 * `BENCH_PROFILE_OUT` (default /tmp/cocrea-page.cpuprofile) for a flame graph (Chrome DevTools,
 * speedscope).
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerBuild } from '@remix-run/node'
import { openDatabase } from '#db/client.ts'
import { seedDemoData } from '#server/demo/seed.ts'
import { startServer } from '#server/app.ts'
import { createLogger } from '#server/logger.ts'
import { benchSession, seedBigChallenge } from './challenge-page.ts'

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const VIEWS = 800
const AT_ONCE = 4

/** Shares of the profile's time: self by package and by function, inclusive for our own frames (each counted once per stack). */
export function summarise(profile: Profile, top = 25) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const timeOf = new Map<number, number>()
  profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const total = [...timeOf.values()].reduce((a, b) => a + b, 0)
  const label = (f: ProfileNode['callFrame']) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(`file://${root}/`, '')}:${f.lineNumber}`
  const pkg = (url: string) => (url.includes('node_modules/') ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : url.replace(`file://${root}/`, '').split('/').slice(0, 2).join('/'))
  const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t)
  const byPackage = new Map<string, number>()
  const byFunction = new Map<string, number>()
  const ours = new Map<string, number>()
  for (const [id, t] of timeOf) {
    const frame = nodes.get(id)!.callFrame
    add(byPackage, pkg(frame.url) || frame.functionName, t)
    add(byFunction, label(frame), t)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = nodes.get(cur)!.callFrame
      if (!/\/(app|server|build\/server)\//.test(f.url)) continue
      const key = label(f)
      if (seen.has(key)) continue
      seen.add(key)
      add(ours, key, t)
    }
  }
  const shares = (m: Map<string, number>) =>
    Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, +((100 * v) / total).toFixed(1)]))
  return { profiledMs: Math.round(total / 1000), selfByPackagePercent: shares(byPackage), selfByFunctionPercent: shares(byFunction), oursInclusivePercent: shares(ours) }
}

process.env.NODE_ENV = 'production'
const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
const handle = await openDatabase({})
await seedDemoData(handle.db)
const server = await startServer({ logger: createLogger('silent'), mode: 'production', database: handle, build, seedDemo: '0' })
const challengePath = await seedBigChallenge(handle.db)
const { token } = await benchSession(handle.db)
const wanted = process.argv[2] ?? 'challenge'
const route = wanted === 'challenge' ? challengePath : wanted
const view = () => fetch(`${server.url}${route}`, { headers: { cookie: `cocrea_session=${token}`, 'accept-language': 'es' } }).then((r) => r.text())

for (let i = 0; i < 40; i++) await view()
const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 200 })
await session.post('Profiler.start')
const started = performance.now()
for (let i = 0; i < VIEWS / AT_ONCE; i++) await Promise.all(Array.from({ length: AT_ONCE }, view))
const msPerView = (performance.now() - started) / VIEWS
const { profile } = await session.post('Profiler.stop')
const out = process.env.BENCH_PROFILE_OUT ?? '/tmp/cocrea-page.cpuprofile'
writeFileSync(out, JSON.stringify(profile))
console.log(JSON.stringify({ route: wanted, views: VIEWS, atOnce: AT_ONCE, msPerView: +msPerView.toFixed(2), profile: out, ...summarise(profile as Profile) }, null, 2))
await server.close()
await handle.close()
process.exit(0)
