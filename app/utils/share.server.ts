import { stripMarkdown } from '#app/services/challenges/search-snippet.ts'
import { publicUrl } from '#app/services/notifications/mail.server.ts'
import { type Share } from './share-meta.ts'

const DESCRIPTION_MAX = 200

/**
 * What a link preview shows when a page is pasted into WhatsApp or a social network: plain text
 * (no Markdown), absolute addresses on the site's public URL, and the cover or the platform's card.
 */
export function shareFor(path: string, { title, description, image }: { title: string; description: string; image?: string | null }): Share {
  const absolute = (p: string) => new URL(p, `${publicUrl()}/`).toString()
  const text = stripMarkdown(description).replace(/\s+/g, ' ').trim()
  return {
    title,
    description: text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1).trimEnd()}…` : text,
    url: absolute(path),
    image: absolute(image || '/og-card.png'),
  }
}
