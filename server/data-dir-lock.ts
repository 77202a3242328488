import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
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
