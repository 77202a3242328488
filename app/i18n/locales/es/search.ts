// Spanish strings of the search area. en/search.ts must have the same keys (the typecheck says so).
export const search = {
} as const
