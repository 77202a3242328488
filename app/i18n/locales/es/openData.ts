// Spanish strings of the openData area. en/openData.ts must have the same keys (the typecheck says so).
export const openData = {
  title: '',
}
