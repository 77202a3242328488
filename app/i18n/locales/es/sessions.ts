// Spanish strings of the sessions area. en/sessions.ts must have the same keys (the typecheck says so).
export const sessions = {
  title: '',
}
