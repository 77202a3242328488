import { hash, verify } from '@node-rs/argon2'

// OWASP's Argon2id baseline (19 MiB, 2 iterations, 1 lane); algorithm 2 is Argon2id.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string) {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash of nothing, verified against when the e-mail is unknown so both answers take as long. */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash() {
  decoyHash ??= hashPassword('cocrea-decoy-password')
  return decoyHash
}
