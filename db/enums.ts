// Plain constants (no drizzle import) so browser code can use them without pulling in the ORM.
export const roles = ['citizen', 'facilitator', 'official', 'admin'] as const
export const languages = ['es', 'en'] as const
export type Role = (typeof roles)[number]
export type Language = (typeof languages)[number]
