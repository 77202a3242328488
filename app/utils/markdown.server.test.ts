import { describe, expect, test } from 'vitest'
import { renderMarkdown } from './markdown.server.ts'

describe('renderMarkdown', () => {
  test('renders the allowed Markdown', () => {
    const html = renderMarkdown('## Contexto\n\nEl **DPI** tarda *semanas*.\n\n- uno\n- dos\n\n1. a\n\n> cita\n\n`code`\n\n```\npre\n```\n\n---\n\n[RENAP](https://www.renap.gob.gt) y [correo](mailto:lab@example.gt)')
    expect(html).toContain('<h2>Contexto</h2>')
    expect(html).toContain('<strong>DPI</strong>')
    expect(html).toContain('<em>semanas</em>')
    expect(html).toContain('<ul>')
    expect(html).toContain('<ol>')
    expect(html).toContain('<blockquote>')
    expect(html).toContain('<code>code</code>')
    expect(html).toContain('<pre><code>pre')
    expect(html).toContain('<hr />')
    expect(html).toContain('<a href="https://www.renap.gob.gt" rel="noopener noreferrer nofollow">RENAP</a>')
    expect(html).toContain('<a href="mailto:lab@example.gt" rel="noopener noreferrer nofollow">correo</a>')
  })

  test('h1 becomes h2 and h5/h6 become h4', () => {
    expect(renderMarkdown('# Uno')).toBe('<h2>Uno</h2>')
    expect(renderMarkdown('###### Seis')).toBe('<h4>Seis</h4>')
  })

  test('script tags in Markdown are shown as text, never run', () => {
    const html = renderMarkdown('Hola <script>alert(1)</script>\n\n<script>alert(2)</script>')
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('&lt;script&gt;')
  })

  test('javascript:, data: and vbscript: links lose their href', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)', ' javascript:alert(1)']) {
      const html = renderMarkdown(`[clic](${href})`)
      expect(html, href).not.toMatch(/href=/i)
      expect(html).toContain('clic')
    }
    expect(renderMarkdown('<a href="javascript:alert(1)">x</a>')).not.toMatch(/<a[ >]/)
    expect(renderMarkdown('[clic](javascript:alert(1))')).toBe('<p>clic</p>')
  })

  test('relative and protocol-relative links are not links', () => {
    expect(renderMarkdown('[x](//evil.example/)')).not.toMatch(/href=/)
    expect(renderMarkdown('[x](/admin)')).not.toMatch(/href=/)
  })

  test('a refused link next to a good one leaves balanced HTML', () => {
    expect(renderMarkdown('[a](javascript:x) y [b](https://ok.example)')).toBe('<p>a y <a href="https://ok.example" rel="noopener noreferrer nofollow">b</a></p>')
  })

  test('event-handler attributes and images never reach the page', () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)">\n\n![foto](https://example.com/a.png "t")\n\n<p onclick="alert(1)">p</p>')
    expect(html).not.toMatch(/<img/i)
    expect(html).not.toMatch(/<p onclick/i)
    expect(html).toContain('foto')
    expect(renderMarkdown('[a](https://ok.example "x\\" onmouseover=\\"alert(1)")')).not.toMatch(/onmouseover="/)
  })

  test('raw HTML blocks (iframes, styles, forms) are escaped', () => {
    const html = renderMarkdown('<iframe src="https://evil.example"></iframe>\n\n<style>body{display:none}</style>\n\n<form action="/x"><input name=a></form>')
    expect(html).not.toMatch(/<(iframe|style|form|input)/i)
  })

  test('autolinks and emphasis around dangerous text stay inert', () => {
    const html = renderMarkdown('**<svg onload=alert(1)>** <https://ok.example>')
    expect(html).not.toMatch(/<svg/i)
    expect(html).toContain('href="https://ok.example"')
  })
})
