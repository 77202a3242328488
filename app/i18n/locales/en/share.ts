// English strings of sharing (link previews and the share button).
export const share = {
  button: 'Share',
  whatsapp: 'Send by WhatsApp',
  link: 'Link to share',
  copy: 'Copy link',
  copied: 'Link copied.',
} as const
