import path from 'node:path'
import { openDatabase } from '#db/client.ts'
import { seedDemoData } from '#db/seed.ts'
import { startServer } from '#server/app.ts'
import { createLogger } from '#server/logger.ts'
import { seedBigChallenge } from './challenge-page.ts'
process.env.NODE_ENV='production'
const build = await import(path.resolve('build/server/index.js'))
const handle = await openDatabase({})
await seedDemoData(handle.db)
const p = await seedBigChallenge(handle.db)
const server = await startServer({ logger: createLogger('silent'), mode: 'production', database: handle, build, seedDemo: '0' })
for (const u of (process.env.ONLY ? [p] : ['/login', p])) {
  for (let i=0;i<20;i++) await (await fetch(server.url+u, {headers: process.env.ID ? {'accept-encoding':'identity'} : {}})).text()
  const t=performance.now(); for (let i=0;i<(process.env.N ? Number(process.env.N) : 100);i++) await (await fetch(server.url+u, {headers: process.env.ID ? {'accept-encoding':'identity'} : {}})).text()
  console.log(u, ((performance.now()-t)/(process.env.N ? Number(process.env.N) : 100)).toFixed(2),'ms', (await (await fetch(server.url+u, {headers: process.env.ID ? {'accept-encoding':'identity'} : {}})).text()).length, 'bytes')
}
await server.close(); await handle.close()
