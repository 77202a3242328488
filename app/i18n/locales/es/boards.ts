// Spanish strings of the boards area. en/boards.ts must have the same keys (the typecheck says so).
export const boards = {
  title: '',
}
