// Spanish strings of sharing (link previews and the share button). en/share.ts must have the same keys (the typecheck says so).
export const share = {
  button: 'Compartir',
  whatsapp: 'Enviar por WhatsApp',
  link: 'Enlace para compartir',
  copy: 'Copiar enlace',
  copied: 'Enlace copiado.',
} as const
