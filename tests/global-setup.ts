import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { openDatabase } from '#db/client.ts'
import { pgliteTemplate, repoRoot, serverBuild, tmpDir } from './helpers/paths.ts'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Test runs can overlap (unit and browser suites): only one of them builds at a time. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(tmpDir, `${name}.lock`)
  const deadline = Date.now() + 5 * 60_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 5 * 60_000 || Date.now() > deadline) rmSync(lock, { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    return await fn()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** Once per run: a production build of the app (when missing or older than app/), and a migrated PGlite template. */
export default async function setup() {
  mkdirSync(tmpDir, { recursive: true })
  await withLock('setup', prepare)
}

async function prepare() {
  const sources = Math.max(newestMtime(path.join(repoRoot, 'app')), statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs)
  if (!existsSync(serverBuild) || statSync(serverBuild).mtimeMs < sources) {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (result.status !== 0) throw new Error('remix vite:build failed')
  }
  const migrations = newestMtime(path.join(repoRoot, 'db/migrations'))
  if (!existsSync(pgliteTemplate) || statSync(pgliteTemplate).mtimeMs < migrations) {
    const db = await openDatabase({})
    const dump = await db.dump!()
    await writeFile(pgliteTemplate, Buffer.from(await dump.arrayBuffer()))
    await db.close()
  }
}
