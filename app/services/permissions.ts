import { type Role } from '#db/enums.ts'

/**
 * The one role × action table. Every route, API handler and socket handler asks it
 * through `can`/`requirePermission`; the UI uses the same table only to hide what a
 * person may not do. Permissions are `action:entity[:access]`; `own` means the
 * service also checks that the entity belongs to the person.
 */
export const permissions = [
  'read:public',
  'update:profile:own',
  'update:password:own',
  'read:admin',
  'manage:user',
  'manage:institution',
  'read:audit',
] as const

export type Permission = (typeof permissions)[number]

const everyone: Permission[] = ['read:public']
const signedIn: Permission[] = [...everyone, 'update:profile:own', 'update:password:own']

export const rolePermissions: Record<Role | 'anonymous', readonly Permission[]> = {
  anonymous: everyone,
  citizen: signedIn,
  facilitator: [...signedIn, 'read:audit'],
  official: signedIn,
  admin: [...signedIn, 'read:admin', 'manage:user', 'manage:institution', 'read:audit'],
}

export type Actor = { role: Role; blockedAt?: Date | null } | null | undefined

export function can(actor: Actor, permission: Permission): boolean {
  if (actor?.blockedAt) return permission === 'read:public'
  return rolePermissions[actor?.role ?? 'anonymous'].includes(permission)
}
