import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import path from 'node:path'

/**
 * Embedded PGlite allows one process per data directory. The server holds this lock file
 * (pid, host and port) while it runs; the admin command reads it to go through the server instead.
 */
export const lockPath = (dataDir: string) => path.join(path.resolve(dataDir), 'cocrea.lock')

export type LockInfo = { pid: number; host: string; port: number; adminKey: string }

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readRaw(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo
  } catch {
    return null
  }
}

/** The running holder's lock, or null when nobody alive holds the directory. */
export function readLock(dataDir: string): LockInfo | null {
  const info = readRaw(dataDir)
  return info && alive(info.pid) ? info : null
}

/** Takes the directory or throws; a lock left by a dead process is cleared first. Returns the release function. */
export function acquireLock(dataDir: string, info: Omit<LockInfo, 'pid'>) {
  mkdirSync(path.resolve(dataDir), { recursive: true })
  const raw = readRaw(dataDir)
  if (raw && !alive(raw.pid)) rmSync(lockPath(dataDir), { force: true })
  let fd: number
  try {
    // 'wx' fails if the file exists: of two processes starting together only one gets it.
    // 0600: the admin key in it lets local administrators act through the running server.
    fd = openSync(lockPath(dataDir), 'wx', 0o600)
  } catch {
    const held = readRaw(dataDir)
    throw new Error(`DATA_DIR ${dataDir} is in use by process ${held?.pid ?? '?'} (port ${held?.port ?? '?'}); embedded PGlite allows one process per directory.`)
  }
  writeSync(fd, JSON.stringify({ ...info, pid: process.pid }))
  closeSync(fd)
  return {
    /** Rewrites the lock once the real port is known. */
    update: (next: Omit<LockInfo, 'pid'>) => writeFileSync(lockPath(dataDir), JSON.stringify({ ...next, pid: process.pid }), { mode: 0o600 }),
    release: () => {
      if (readRaw(dataDir)?.pid === process.pid) rmSync(lockPath(dataDir), { force: true })
    },
  }
}

/**
 * The data directory holds the whole database, the session secret and the admin key: only its
 * owner may read it. New files get 0600 and directories 0700 through the umask (set at start);
 * this tightens what an earlier version (or a careless copy) left more open.
 */
export function tightenDataDir(dataDir: string) {
  const walk = (p: string) => {
    const stat = lstatSync(p, { throwIfNoEntry: false })
    if (!stat || stat.isSymbolicLink()) return
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(p, 0o700)
      for (const entry of readdirSync(p)) walk(path.join(p, entry))
    } else if ((stat.mode & 0o077) !== 0) chmodSync(p, stat.mode & 0o700)
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  walk(path.resolve(dataDir))
}
