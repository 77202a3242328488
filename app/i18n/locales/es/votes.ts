// Spanish strings of the votes area. en/votes.ts must have the same keys (the typecheck says so).
export const votes = {
  title: '',
} as const
