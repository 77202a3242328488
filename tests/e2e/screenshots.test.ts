import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { repoRoot } from '#tests/helpers/paths.ts'
import { expectNoBrowserErrors, seen, startE2E, type E2E } from './helpers.ts'

const screenshots = path.join(repoRoot, 'docs/screenshots')

let e2e: E2E
beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true })
  e2e = await startE2E()
})
afterEach(() => expectNoBrowserErrors(e2e))
afterAll(() => e2e?.close())

/** Facts a screen-reader or keyboard user depends on, read from the rendered page. */
function accessibilityFacts(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const style = getComputedStyle(el)
      const box = el.getBoundingClientRect()
      return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0
    }
    const inputs = [...document.querySelectorAll('input, select, textarea')].filter(
      (el) => (el as HTMLInputElement).type !== 'hidden' && visible(el),
    ) as HTMLInputElement[]
    return {
      lang: document.documentElement.lang,
      title: document.title,
      h1: [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim()),
      unlabelled: inputs.filter((i) => !i.labels?.length || !i.labels[0].textContent?.trim()).map((i) => i.outerHTML),
      inputs: inputs.length,
      landmarks: {
        main: document.querySelectorAll('main').length,
        header: document.querySelectorAll('body > header').length,
        footer: document.querySelectorAll('body > footer').length,
      },
      imagesWithoutAlt: [...document.querySelectorAll('img:not([alt])')].map((i) => i.outerHTML),
      // Nothing wider than the screen: no sideways scrolling on a phone.
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }
  })
}

const pages = [
  { name: 'home', path: '/', h1: 'Co-creemos mejores servicios públicos', inputs: 0 },
  { name: 'login', path: '/login', h1: 'Iniciar sesión', inputs: 2 },
] as const

describe.each(pages)('$name page ($path)', ({ name, path: pagePath, h1, inputs }) => {
  test.each([390, 1280])('at %i px wide: full-page screenshot, one h1, labelled inputs, lang="es", no sideways scroll', async (width) => {
    const page = await e2e.newPage({ viewport: { width, height: 844 } })
    const response = await page.goto(pagePath, { waitUntil: 'load' })
    expect(response?.status()).toBe(200)
    await seen(page.getByRole('heading', { level: 1, name: h1 }))
    // Web fonts and the stylesheet are in before the picture is taken.
    await page.evaluate(() => document.fonts.ready.then(() => undefined))

    const facts = await accessibilityFacts(page)
    expect(facts.lang).toBe('es')
    expect(facts.title).toMatch(/Cocrea/)
    expect(facts.h1).toEqual([h1])
    expect(facts.inputs).toBe(inputs)
    expect(facts.unlabelled).toEqual([])
    expect(facts.imagesWithoutAlt).toEqual([])
    expect(facts.landmarks).toEqual({ main: 1, header: 1, footer: 1 })
    expect(facts.overflow).toBeLessThanOrEqual(0)

    // The stylesheet really applied (a broken asset path would leave the page unstyled).
    const headerBackground = await page.locator('body > header').evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(headerBackground).not.toBe('rgba(0, 0, 0, 0)')

    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true, animations: 'disabled' })
  })
})
