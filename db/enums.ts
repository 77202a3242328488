// Plain constants (no drizzle import) so browser code can use them without pulling in the ORM.
export const roles = ['citizen', 'facilitator', 'official', 'admin'] as const
export const languages = ['es', 'en'] as const
export type Role = (typeof roles)[number]
export type Language = (typeof languages)[number]

export const phases = ['draft', 'open', 'cocreation', 'voting', 'evaluation', 'piloting', 'closed'] as const
export type Phase = (typeof phases)[number]

export const ideaStatuses = ['submitted', 'published', 'shortlisted', 'selected', 'not_selected', 'merged', 'hidden'] as const
export type IdeaStatus = (typeof ideaStatuses)[number]

export const votingMethods = ['support', 'dots'] as const
export type VotingMethod = (typeof votingMethods)[number]

/** What can be commented on, followed and reported. */
export const targetTypes = ['challenge', 'idea', 'comment', 'pilot'] as const
export type TargetType = (typeof targetTypes)[number]
