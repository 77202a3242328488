import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Browser tests: the production build on a real server, driven by Debian's Chromium through playwright-core. */
export default defineConfig({
  resolve: {
    alias: { '#app': here('./app'), '#server': here('./server'), '#db': here('./db'), '#tests': here('./tests') },
  },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['./tests/global-setup.ts'],
    pool: 'forks',
    // One browser and one server at a time: the machine has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // As deployed: Secure cookies (http://localhost is a secure context for the browser).
    env: { NODE_ENV: 'production' },
  },
})
