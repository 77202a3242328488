// Spanish strings of the ideas area. en/ideas.ts must have the same keys (the typecheck says so).
export const ideas = {
  none: 'Todavía no hay ideas para este reto.',
} as const
