// Spanish strings of the challenges area. en/challenges.ts must have the same keys (the typecheck says so).
export const challenges = {
} as const
