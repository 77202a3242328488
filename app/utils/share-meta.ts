import { type MetaDescriptor } from '@remix-run/node'

export type Share = { title: string; description: string; url: string; image: string }

/** Open Graph and Twitter card tags for a page that can be shared (see share.server.ts for the values). */
export function shareMeta(share: Share | undefined, lang: string | undefined): MetaDescriptor[] {
  if (!share) return []
  return [
    { name: 'description', content: share.description },
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: 'Cocrea' },
    { property: 'og:locale', content: lang === 'en' ? 'en_US' : 'es_GT' },
    { property: 'og:title', content: share.title },
    { property: 'og:description', content: share.description },
    { property: 'og:url', content: share.url },
    { property: 'og:image', content: share.image },
    { name: 'twitter:card', content: 'summary_large_image' },
    { name: 'twitter:title', content: share.title },
    { name: 'twitter:description', content: share.description },
    { name: 'twitter:image', content: share.image },
    { tagName: 'link', rel: 'canonical', href: share.url },
  ]
}
