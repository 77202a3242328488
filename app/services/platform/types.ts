import { type Db } from '#db/client.ts'
import { type User } from '#db/schema.ts'

/** The signed-in person as every service sees them: what an auth session carries. */
export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'institutionId' | 'language' | 'blockedAt' | 'emailVerifiedAt'>

/** Who asks: a signed-in person, or nobody (signed out). Services check permissions against it. */
export type Actor = SessionUser | null | undefined

/** An open transaction: helpers that write several rows take one so the caller's work commits or fails as a whole. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
