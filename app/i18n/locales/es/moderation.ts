// Spanish strings of the moderation area. en/moderation.ts must have the same keys (the typecheck says so).
export const moderation = {
} as const
