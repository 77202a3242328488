import { DomainError } from './errors.ts'
import { can, rolePermissions, waitsForVerifiedEmail, type PermissionSubject, type Permission } from './permissions.ts'

/** Throws `unauthenticated` for nobody and `forbidden` for a person without the permission. */
export function requirePermission<A extends NonNullable<PermissionSubject>>(actor: A | null | undefined, permission: Permission): A {
  if (!actor) {
    if (can(null, permission)) return actor as unknown as A
    throw new DomainError('unauthenticated')
  }
  if (actor.blockedAt) throw new DomainError('blocked')
  if (waitsForVerifiedEmail(actor, permission) && rolePermissionsAllow(actor, permission)) throw new DomainError('email_unverified')
  if (!can(actor, permission)) throw new DomainError('forbidden')
  return actor
}

function rolePermissionsAllow(actor: NonNullable<PermissionSubject>, permission: Permission) {
  return rolePermissions[actor.role].includes(permission)
}
