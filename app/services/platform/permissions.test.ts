import { describe, expect, test } from 'vitest'
import { can, permissions, type Permission } from './permissions.ts'
import { type DomainError } from './errors.ts'
import { requirePermission } from './permissions.server.ts'

// The expected table, written out independently of the implementation: one row per action.
// Columns: anonymous, guest (of a live session), citizen, facilitator, official, admin.
const expected: Record<Permission, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  'read:public': [true, true, true, true, true, true],
  'update:profile:own': [false, false, true, true, true, true],
  'update:password:own': [false, false, true, true, true, true],
  'read:admin': [false, false, false, false, false, true],
  'manage:user': [false, false, false, false, false, true],
  'manage:institution': [false, false, false, false, false, true],
  'read:audit': [false, false, false, true, false, true],
  'create:challenge:own': [false, false, false, false, true, false],
  'create:challenge': [false, false, false, true, false, true],
  'update:challenge:own': [false, false, false, false, true, false],
  'update:challenge': [false, false, false, true, false, true],
  'read:challenge-draft:own': [false, false, false, false, true, false],
  'read:challenge-draft': [false, false, false, true, false, true],
  'move:challenge-phase': [false, false, false, true, false, true],
  'create:idea': [false, false, true, true, true, true],
  'update:idea:own': [false, false, true, true, true, true],
  'decide:idea': [false, false, false, true, false, true],
  'merge:idea': [false, false, false, true, false, true],
  'create:comment': [false, false, true, true, true, true],
  'update:comment:own': [false, false, true, true, true, true],
  'delete:comment:own': [false, false, true, true, true, true],
  vote: [false, false, true, true, true, true],
  follow: [false, false, true, true, true, true],
  'report:content': [false, false, true, true, true, true],
  'read:notifications:own': [false, false, true, true, true, true],
  moderate: [false, false, false, true, false, true],
  'block:user': [false, false, false, true, false, true],
  'edit:board': [false, false, true, true, true, true],
  'edit:board:session': [false, true, false, false, false, false],
  'vote:session': [false, true, true, true, true, true],
  'run:session': [false, false, false, true, false, true],
  'promote:note': [false, false, false, true, false, true],
  'manage:evaluation': [false, false, false, true, false, true],
  'score:idea:own': [false, false, true, true, true, true],
  'select:idea': [false, false, false, true, false, true],
  'create:pilot': [false, false, false, true, false, true],
  'report:pilot:own': [false, false, false, false, true, false],
  'report:pilot': [false, false, false, true, false, true],
  'read:dashboard:own': [false, false, false, true, true, true],
}
const actors = [null, { role: 'guest' }, { role: 'citizen' }, { role: 'facilitator' }, { role: 'official' }, { role: 'admin' }] as const

describe('role × action table', () => {
  test('every permission has a row', () => {
    expect(Object.keys(expected).sort()).toEqual([...permissions].sort())
  })

  test.each(Object.entries(expected))('%s', (permission, row) => {
    const actual = actors.map((actor) => can(actor, permission as Permission))
    expect(actual).toEqual(row)
  })

  test('a blocked person keeps only public reading', () => {
    const blocked = { role: 'admin' as const, blockedAt: new Date() }
    expect(permissions.filter((p) => can(blocked, p))).toEqual(['read:public'])
  })

  test('an unconfirmed e-mail (ADR 035) takes away submitting ideas and voting, nothing else', () => {
    for (const role of ['citizen', 'official', 'facilitator', 'admin'] as const) {
      const confirmed = permissions.filter((p) => can({ role }, p))
      const unconfirmed = permissions.filter((p) => can({ role, emailVerifiedAt: null }, p))
      expect(confirmed.filter((p) => !unconfirmed.includes(p))).toEqual(['create:idea', 'vote'])
      expect(permissions.filter((p) => can({ role, emailVerifiedAt: new Date() }, p))).toEqual(confirmed)
    }
    // Comments, follows, boards and session dots stay open.
    for (const p of ['create:comment', 'follow', 'edit:board', 'vote:session'] as const) expect(can({ role: 'citizen', emailVerifiedAt: null }, p)).toBe(true)
  })
})

describe('requirePermission', () => {
  test('refuses nobody with unauthenticated, the wrong role with forbidden, the blocked with blocked', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn()
        return 'allowed'
      } catch (error) {
        return (error as DomainError).code
      }
    }
    expect(codeOf(() => requirePermission(null, 'manage:user'))).toBe('unauthenticated')
    expect(codeOf(() => requirePermission({ role: 'citizen' }, 'manage:user'))).toBe('forbidden')
    expect(codeOf(() => requirePermission({ role: 'admin', blockedAt: new Date() }, 'manage:user'))).toBe('blocked')
    expect(codeOf(() => requirePermission({ role: 'admin' }, 'manage:user'))).toBe('allowed')
    expect(codeOf(() => requirePermission({ role: 'citizen', emailVerifiedAt: null }, 'vote'))).toBe('email_unverified')
    expect(codeOf(() => requirePermission({ role: 'citizen', emailVerifiedAt: null }, 'create:comment'))).toBe('allowed')
    expect(codeOf(() => requirePermission({ role: 'citizen', emailVerifiedAt: null }, 'manage:user'))).toBe('forbidden')
  })
})
