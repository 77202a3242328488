import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core'
import { createUser } from '#app/services/accounts/users.server.ts'
import { uniqueEmail } from '#tests/helpers/http.ts'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

/** How long a check waits for the page to show what it expects (auto-waiting, never a fixed sleep). */
export const WAIT = 15_000

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // We run as root, without a GPU, and the network is closed.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}

export type E2E = {
  server: TestServer
  browser: Browser
  /** http://localhost:<port> — localhost (not 127.0.0.1) so that Secure cookies behave as on a real site. */
  baseUrl: string
  /** A fresh browser context (own cookies) and page; Spanish-speaking visitor unless told otherwise. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>
  /** Uncaught page errors and console errors seen since the last call (and forgets them). */
  takeBrowserErrors: () => string[]
  close: () => Promise<void>
}

/** The real server (production build, own database, random port) and one headless Chromium. */
export async function startE2E(): Promise<E2E> {
  const server = await startTestServer()
  let browser: Browser
  try {
    browser = await chromium.launch(launchOptions)
  } catch (error) {
    await server.stop()
    throw error
  }
  const baseUrl = `http://localhost:${server.port}`
  const contexts = new Set<BrowserContext>()
  let errors: string[] = []

  const newPage = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'es-GT', viewport: { width: 1280, height: 800 }, ...options })
    contexts.add(context)
    context.on('close', () => contexts.delete(context))
    const page = await context.newPage()
    page.on('pageerror', (error) => errors.push(`pageerror on ${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      // A 4xx answer to a form with errors is expected; Chromium logs every non-2xx response.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(`console.error on ${page.url()}: ${message.text()}`)
      }
    })
    page.on('response', (response) => {
      // …but a server error, or a missing script, stylesheet or image, is never expected.
      const kind = response.request().resourceType()
      if (response.status() >= 500 || (response.status() >= 400 && kind !== 'document' && kind !== 'fetch')) {
        errors.push(`${response.status()} for ${kind} ${response.url()}`)
      }
    })
    return page
  }

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      await Promise.allSettled([...contexts].map((c) => c.close()))
      await browser.close().catch(() => {})
      await server.stop()
    })())

  return {
    server,
    browser,
    baseUrl,
    newPage,
    takeBrowserErrors: () => {
      const taken = errors
      errors = []
      return taken
    },
    close,
  }
}

export const PASSWORD = 'contraseña-segura-1'

/** An account created directly through the service layer, as the admin command would. */
export async function createPerson(name = 'Lucía Chávez', password = PASSWORD) {
  const email = uniqueEmail('e2e')
  const user = await createUser('system', { email, name, password, role: 'citizen', institutionId: null, language: 'es' })
  return { email, password, name, id: user.id }
}

/** Waits until the locator is visible (fails with the locator in the message otherwise). */
export async function seen(locator: Locator) {
  await locator.waitFor({ state: 'visible', timeout: WAIT })
  return locator
}

/** Waits until the document's language is `lang`. */
export async function documentLanguage(page: Page, lang: string) {
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached', timeout: WAIT })
}

/** Waits until the page's path (and search) is `path`. */
export async function onPath(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname + url.search === path, { timeout: WAIT, waitUntil: 'commit' })
}

/** The header's navigation landmark. */
export const mainNav = (page: Page, name = 'Navegación principal') => page.getByRole('navigation', { name })

/** Is the element the one that has focus? */
export const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement)

/** A short description of the focused element: its tag and accessible-ish name. */
export function focusedElement(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return 'body'
    const input = el as HTMLInputElement
    const name = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? ''
    return `${el.tagName.toLowerCase()}:${name.trim()}`
  })
}

/** Presses Tab until `target` has focus; returns the focused elements on the way (target last). Fails after `max` presses. */
export async function tabUntil(page: Page, target: Locator, max = 25) {
  const path: string[] = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    path.push(await focusedElement(page))
    if (await hasFocus(target)) return path
  }
  throw new Error(`Tab never reached the target; focus went through: ${path.join(' → ')}`)
}

/** The computed outline of the focused element: what shows keyboard users where they are. */
export function focusOutline(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement
    const style = getComputedStyle(el)
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor }
  })
}

/** Fails when the browser saw uncaught errors, console errors, server errors or missing assets (use in afterEach). */
export function expectNoBrowserErrors(e2e: E2E | undefined) {
  const errors = e2e?.takeBrowserErrors() ?? []
  if (errors.length) throw new Error(`The browser reported errors:\n${errors.join('\n')}`)
}

/**
 * Waits until React has hydrated the page. Keys pressed while React 18 is still hydrating the
 * whole document can make it throw "Root did not complete" and re-render from scratch.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', undefined, { timeout: WAIT })
}

/** Signs in through the form, as a person would, and waits for the home page. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('Correo electrónico').fill(email)
  await page.getByLabel('Contraseña').fill(password)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await onPath(page, '/')
}
