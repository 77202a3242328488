import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'

/**
 * Embedded PGlite allows one process per data directory. The server holds this lock file
 * (pid and port) while it runs; the admin command reads it to go through the server instead.
 */
export const lockPath = (dataDir: string) => path.join(path.resolve(dataDir), 'cocrea.lock')

export type LockInfo = { pid: number; port: number; adminKey: string }

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The running server's lock, or null when nobody (alive) holds the directory. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo
    return alive(info.pid) ? info : null
  } catch {
    return null
  }
}

export function acquireLock(dataDir: string, info: Omit<LockInfo, 'pid'>) {
  mkdirSync(path.resolve(dataDir), { recursive: true })
  const held = readLock(dataDir)
  if (held && held.pid !== process.pid) {
    throw new Error(`DATA_DIR ${dataDir} is in use by process ${held.pid} (port ${held.port}); embedded PGlite allows one process per directory.`)
  }
  rmSync(lockPath(dataDir), { force: true })
  // 0600: the admin key in it lets local administrators create accounts through the running server.
  const fd = openSync(lockPath(dataDir), 'wx', 0o600)
  writeSync(fd, JSON.stringify({ ...info, pid: process.pid }))
  closeSync(fd)
  return () => rmSync(lockPath(dataDir), { force: true })
}
