// Plain constants (no drizzle import) so browser code can use them without pulling in the ORM.
export const roles = ['citizen', 'facilitator', 'official', 'admin'] as const
export const languages = ['es', 'en'] as const
/** What an e-mailed single-use link is for (ADR 035). */
export const accountTokenPurposes = ['password_reset', 'email_verification'] as const
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number]
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

// ——— Boards and live sessions (issue 4) ———
export const boardTemplates = ['blank', 'hmw', 'empathy', 'problemTree', 'impactEffort', 'journey'] as const
export type BoardTemplate = (typeof boardTemplates)[number]

export const sessionStatuses = ['scheduled', 'live', 'ended'] as const
export type SessionStatus = (typeof sessionStatuses)[number]

/** What a live session is doing: in `silent` each person sees only their own notes; dot counts show from `reveal`. */
export const sessionPhases = ['silent', 'clustering', 'voting', 'reveal'] as const
export type SessionPhase = (typeof sessionPhases)[number]

// ——— Evaluation, selection and pilots (issue 5) ———
export const pilotStatuses = ['planned', 'active', 'paused', 'completed', 'cancelled'] as const
export type PilotStatus = (typeof pilotStatuses)[number]

// ——— Challenges (issue 11): a challenge's public-service area, a database enum so it cannot drift ———
/** Labels live in i18n `challenges.serviceAreas.<key>`; `other` is the fallback for anything else. */
export const serviceAreas = ['health', 'education', 'identity', 'water', 'transport', 'security', 'justice', 'social', 'environment', 'economy', 'digital', 'municipal', 'other'] as const
export type ServiceArea = (typeof serviceAreas)[number]
