// Spanish strings of the pilots area. en/pilots.ts must have the same keys (the typecheck says so).
export const pilots = {
  title: '',
}
