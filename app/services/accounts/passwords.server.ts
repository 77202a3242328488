import { hash, verify } from '@node-rs/argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'

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

/**
 * Common and easily guessed passwords (docs/decisions/024-data-leaving-the-platform.md): zxcvbn-ts
 * with its common dictionary (the ~50,000 most used passwords, keyboard walks, sequences,
 * repetitions, dates). A password it guesses in fewer than about a million tries (score 0 or 1) is
 * refused: `1234567890`, `qwertyuiop`, `password123`, `aaaaaaaaaa`, the person's own e-mail.
 * Server only: the list never reaches the browser.
 */
let estimator: ZxcvbnFactory | undefined
const MIN_SCORE = 2

export function isGuessablePassword(password: string, personal: string[] = []) {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: 200 })
  const inputs = personal.flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((p) => p.length >= 3)
  return estimator.check(password, inputs).score < MIN_SCORE
}
