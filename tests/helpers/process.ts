import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { repoRoot } from './paths.ts'

const tsx = path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs')

export type ServerProcess = { child: ChildProcess; url: string; logs: Record<string, unknown>[]; exited: Promise<number | null> }

/** `npm start` as a real child process (production path): resolves once it logs that it is listening. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', tsx, 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = ''
    child.stdout!.on('data', (chunk) => {
      buffer += chunk
      let newline
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        try {
          const entry = JSON.parse(line)
          logs.push(entry)
          if (entry.msg === 'Cocrea is listening') resolve(entry.url)
        } catch {
          // build output and other plain lines
        }
      }
    })
    void exited.then((code) => {
      const errors = logs.filter((l) => Number(l.level) >= 50).map((l) => JSON.stringify(l))
      reject(new Error(`server exited with ${code} before listening:\n${stderr}\n${errors.join('\n')}`))
    })
  })
  return { child, url, logs, exited }
}

/** `npm run admin -- …` as a real child process. */
export async function runAdmin(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', tsx, 'server/admin-cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => (stderr += d))
  const [code] = await once(child, 'exit')
  return { code: code as number, stdout, stderr }
}
