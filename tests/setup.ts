import { afterEach, vi } from 'vitest'

// An unexpected console.error fails the test (as in the Epic Stack): errors must be expected to be allowed.
const consoleError = vi.spyOn(console, 'error')
afterEach(() => {
  const calls = consoleError.mock.calls
  consoleError.mockClear()
  if (calls.length) throw new Error(`console.error was called:\n${calls.map((c) => c.map(String).join(' ')).join('\n')}`)
})
