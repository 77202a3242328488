import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, tmpDir } from '#tests/helpers/paths.ts'

// `npm run lint` checks the real tree; this proves each rule of .dependency-cruiser.cjs bites,
// on a small tree with one deliberate breach per rule (and one allowed import).
const config = createRequire(import.meta.url)(path.join(repoRoot, '.dependency-cruiser.cjs')) as IConfiguration

const fixture: Record<string, string> = {
  'app/domain/vocabulary.ts': `export const roles = ['admin'] as const\n`,
  'app/utils/format.ts': `export const format = (s: string) => s.trim()\n`,
  'db/schema.ts': `import { roles } from '../app/domain/vocabulary.ts'\nexport type Role = (typeof roles)[number]\nexport const users = { roles }\n`,
  'db/client.ts': `import { format } from '../app/utils/format.ts'\nexport const db = format(' db ')\n`,
  'app/routes/page.tsx': `import type { Role } from '../../db/schema.ts'\nexport const role: Role = 'admin'\n`,
  'app/components/card.tsx': `import { users } from '../../db/schema.ts'\nexport const card = users\n`,
  'app/services/ideas/ideas.server.ts': `import { redirect } from '@remix-run/node'\nexport const go = () => redirect('/')\n`,
  'app/services/ideas/view.ts': `import type { ReactNode } from 'react'\nexport type View = ReactNode\n`,
  'app/services/votes/a.ts': `import { b } from './b.ts'\nexport const a = () => b()\n`,
  'app/services/votes/b.ts': `import { a } from './a.ts'\nexport const b = (): unknown => a\n`,
}

let dir: string
let result: ICruiseResult

beforeAll(async () => {
  dir = path.join(tmpDir, `boundaries-${process.pid}`)
  for (const [file, source] of Object.entries(fixture)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), source)
  }
  const { tsConfig: _repoTsConfig, ...options } = config.options ?? {}
  const { output } = await cruise(['app', 'db'], { ...options, baseDir: dir, validate: true, ruleSet: { forbidden: config.forbidden } })
  result = output as ICruiseResult
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('module boundaries (.dependency-cruiser.cjs)', () => {
  it('reports each breach under its rule, and nothing else', () => {
    const found = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*node_modules\/([^/]+).*$/, '$1')}`)
    expect(found.sort()).toEqual(
      [
        'db-not-to-app: db/client.ts -> app/utils/format.ts',
        'no-circular: app/services/votes/a.ts -> app/services/votes/b.ts',
        'services-without-http: app/services/ideas/ideas.server.ts -> @remix-run',
        'services-without-http-types: app/services/ideas/view.ts -> react',
        'ui-not-to-db: app/components/card.tsx -> db/schema.ts',
        'ui-not-to-db: app/routes/page.tsx -> db/schema.ts',
      ].sort(),
    )
  })
})
