// Spanish strings of the notifications area. en/notifications.ts must have the same keys (the typecheck says so).
export const notifications = {
} as const
