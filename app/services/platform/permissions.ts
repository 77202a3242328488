import { type Role } from '#app/domain/vocabulary.ts'

/**
 * The one role × action table. Every route, API handler and socket handler asks it
 * through `can`/`requirePermission`; the UI uses the same table only to hide what a
 * person may not do. Permissions are `action:entity[:access]`; `own` means the
 * service also checks that the entity belongs to the person (or their institution).
 */
export const permissions = [
  'read:public',
  'update:profile:own',
  'update:password:own',
  'read:admin',
  'manage:user',
  'manage:institution',
  'read:audit',
  // challenges
  'create:challenge:own', // officials, for their own institution
  'create:challenge',
  'update:challenge:own', // officials, their institution's drafts
  'update:challenge',
  'read:challenge-draft:own',
  'read:challenge-draft',
  'move:challenge-phase',
  // ideas and comments
  'create:idea',
  'update:idea:own',
  'decide:idea', // shortlist, select, not select, hide, with a reason
  'merge:idea',
  'create:comment',
  'update:comment:own',
  'delete:comment:own',
  // participation
  'vote',
  'follow',
  'report:content',
  'read:notifications:own',
  // moderation
  'moderate',
  'block:user',
  // boards and live sessions
  'edit:board', // signed-in people, on the board of a live, unlocked session
  'edit:board:session', // guests: only the one board of the live session they joined
  'vote:session', // dots on notes, in the voting phase of a session one takes part in
  'run:session', // schedule, start, time, switch phases, lock, end
  'promote:note',
  // evaluation and selection
  'manage:evaluation', // criteria, vote share, jury, shortlist
  'score:idea:own', // jury members of that challenge (any account the facilitator named), never their own ideas
  'select:idea',
  // pilots
  'create:pilot',
  'report:pilot:own', // the lead official and the team
  'report:pilot', // facilitators, any pilot
  'read:dashboard:own',
] as const

export type Permission = (typeof permissions)[number]

const everyone: Permission[] = ['read:public']
const signedIn: Permission[] = [
  ...everyone,
  'update:profile:own',
  'update:password:own',
  'create:idea',
  'update:idea:own',
  'create:comment',
  'update:comment:own',
  'delete:comment:own',
  'vote',
  'follow',
  'report:content',
  'read:notifications:own',
  'edit:board',
  'vote:session',
  'score:idea:own',
]
const lab: Permission[] = [
  ...signedIn,
  'read:audit',
  'create:challenge',
  'update:challenge',
  'read:challenge-draft',
  'move:challenge-phase',
  'decide:idea',
  'merge:idea',
  'moderate',
  'block:user',
  'run:session',
  'promote:note',
  'manage:evaluation',
  'select:idea',
  'create:pilot',
  'report:pilot',
  'read:dashboard:own',
]

/** Actors: a role, a person signed out, or a guest of one live session (joined with its code and a nickname). */
export const rolePermissions: Record<Role | 'anonymous' | 'guest', readonly Permission[]> = {
  anonymous: everyone,
  guest: [...everyone, 'edit:board:session', 'vote:session'],
  citizen: signedIn,
  official: [...signedIn, 'create:challenge:own', 'update:challenge:own', 'read:challenge-draft:own', 'report:pilot:own', 'read:dashboard:own'],
  facilitator: lab,
  admin: [...lab, 'read:admin', 'manage:user', 'manage:institution'],
}

/**
 * The one exception to the table, by account state rather than role (ADR 035): a person who signed up and has
 * not yet opened the link sent to their address keeps everything else their role allows — reading, commenting,
 * following, reporting, boards and live sessions (dots included) — but may not submit ideas or vote until
 * the address is confirmed.
 */
export const needsVerifiedEmail: readonly Permission[] = ['create:idea', 'vote']

/**
 * Whoever a permission is checked for: wider than the services' `Actor` (platform/types.ts), it includes session
 * guests. `emailVerifiedAt: null` marks an unconfirmed address; absent (guests, old callers) counts as confirmed.
 */
export type PermissionSubject = { role: Role | 'guest'; blockedAt?: Date | null; emailVerifiedAt?: Date | string | null } | null | undefined

/** True when the only thing between this person and `permission` is confirming their e-mail. */
export function waitsForVerifiedEmail(actor: PermissionSubject, permission: Permission): boolean {
  return !!actor && actor.emailVerifiedAt === null && needsVerifiedEmail.includes(permission)
}

export function can(actor: PermissionSubject, permission: Permission): boolean {
  if (actor?.blockedAt) return permission === 'read:public'
  if (waitsForVerifiedEmail(actor, permission)) return false
  return rolePermissions[actor?.role ?? 'anonymous'].includes(permission)
}

