import { Marked, type Tokens } from 'marked'
import sanitizeHtml from 'sanitize-html'

const SAFE_HREF = /^(https?:|mailto:)/i

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/**
 * Markdown as people write it, without raw HTML: HTML in the source is shown as text, and
 * images are reduced to their description (a problem statement should not load third-party
 * images). The sanitiser below is the second line, whatever marked produces.
 */
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
    image: (token: Tokens.Image) => escapeHtml(token.text),
  },
})
// Only absolute http(s) and mailto links: any other link is rendered as its text alone.
marked.use({
  renderer: {
    link(token: Tokens.Link) {
      if (SAFE_HREF.test(token.href.trim())) return false
      return this.parser.parseInline(token.tokens)
    },
  },
})

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'em', 'strong', 'a', 'blockquote', 'code', 'pre', 'br', 'hr'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The text of script/style-like elements is dropped with them.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    a: (tagName, given) => {
      const href = (given.href ?? '').trim()
      // Second line: whatever reaches here as a link keeps an href only if it is absolute http(s) or mailto.
      const attribs: sanitizeHtml.Attributes = SAFE_HREF.test(href) ? { href, rel: 'noopener noreferrer nofollow' } : {}
      return { tagName, attribs }
    },
  },
}

/** The problem statement (Markdown) as sanitised HTML, safe to put in a page as is. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source ?? '') as string
  return sanitizeHtml(html, sanitizeOptions).trim()
}
