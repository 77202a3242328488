import { parseArgs } from 'node:util'
import { getT } from '#app/i18n/i18n.ts'
import { isDomainError } from '#app/services/platform/errors.ts'
import { openDatabase, setDatabase } from '#db/client.ts'
import { createUserCommand } from './admin-commands.ts'
import { readEnv } from './config.ts'
import { acquireLock, readLock, tightenDataDir } from './data-dir-lock.ts'

// Like the server: what it creates in the data directory (opening PGlite itself) is its owner's alone.
process.umask(0o077)

const usage = `Usage:
  npm run admin -- create-user --email E --password P --name N --role R [--institution SLUG]

  R is one of citizen, facilitator, official, admin. SLUG names an institution (e.g. minfin).`

const lang = process.env.LANG?.startsWith('en') ? 'en' : 'es'
const t = getT(lang)

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function explain(error: unknown): never {
  if (isDomainError(error)) {
    const fields = Object.entries(error.details.fields ?? {}).map(([field, keys]) => `  --${field}: ${keys.map((k) => t(k)).join(' ')}`)
    fail([t(error.messageKey), ...fields].join('\n'))
  }
  throw error
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  if (command !== 'create-user') fail(usage)
  let values: Record<string, string | undefined>
  try {
    values = parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        institution: { type: 'string' },
      },
      strict: true,
    }).values
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`)
  }

  const env = readEnv()
  if (!env.DATABASE_URL) {
    // PGlite: one process per data directory. A running server does the work for us.
    const lock = readLock(env.DATA_DIR)
    if (lock) {
      const response = await fetch(`http://${lock.host.includes(':') ? `[${lock.host}]` : lock.host}:${lock.port}/internal/admin/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': lang, 'x-cocrea-admin-key': lock.adminKey },
        body: JSON.stringify(values),
      }).catch(() => fail(`The server (pid ${lock.pid}) holds ${env.DATA_DIR} but does not answer on port ${lock.port}. Stop it, then run this command again.`))
      const body = (await response.json()) as { user?: unknown; error?: { message: string; fields?: Record<string, string[]> } }
      if (!response.ok) {
        const fields = Object.entries(body.error?.fields ?? {}).map(([f, m]) => `  --${f}: ${m.join(' ')}`)
        fail([body.error?.message ?? `HTTP ${response.status}`, ...fields].join('\n'))
      }
      console.log(JSON.stringify(body.user))
      return
    }
  }
  let release: (() => void) | undefined
  try {
    if (!env.DATABASE_URL) release = acquireLock(env.DATA_DIR, { host: '', port: 0, adminKey: '' }).release
  } catch (error) {
    fail((error as Error).message)
  }
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR })
  if (!env.DATABASE_URL) tightenDataDir(env.DATA_DIR)
  setDatabase(database)
  try {
    const result = await createUserCommand(values).catch(explain)
    console.log(JSON.stringify(result.user))
  } finally {
    await database.close()
    release?.()
  }
}

await main()
