import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { DomainError } from './errors.ts'

type Limit = { points: number; durationSeconds: number }
export type RateLimitConfig = {
  signInPerAccount: Limit
  signInPerIp: Limit
  signUpPerIp: Limit
  votePerUser: Limit
  sessionCodeFailuresPerIp: Limit
  mailLinksPerIp: Limit
  mailLinksPerAddress: Limit
}

export const defaultRateLimits: RateLimitConfig = {
  signInPerAccount: { points: 10, durationSeconds: 15 * 60 },
  signInPerIp: { points: 100, durationSeconds: 15 * 60 },
  // Each sign-up costs an Argon2id hash: enough for a family or a classroom, not for a script.
  signUpPerIp: { points: 30, durationSeconds: 60 * 60 },
  // A person changing their mind a lot is fine; a script hammering the tallies is not.
  votePerUser: { points: 60, durationSeconds: 60 },
  // Wrong session codes only (a room of 40 behind one address all typing the right code is never
  // counted): a few typos an hour are fine, guessing the million codes is not (ADR 022).
  sessionCodeFailuresPerIp: { points: 20, durationSeconds: 15 * 60 },
  // E-mailed links (password reset, verification again): each request may send a message to someone's inbox,
  // so a few per address an hour (counted whether or not the address has an account) and a classroom's worth per client.
  mailLinksPerIp: { points: 30, durationSeconds: 60 * 60 },
  mailLinksPerAddress: { points: 5, durationSeconds: 60 * 60 },
}

type Limiters = Record<keyof RateLimitConfig, RateLimiterAbstract>

// One set per process, shared by pages and the API (one module graph, ADR 025).
let configured: Limiters | undefined

/**
 * With a Redis client the counts are shared by every instance; without one they live in this
 * process. While Redis is unreachable the counts fall back to this process (the insurance
 * limiter) instead of failing the sign-in or the vote (ADR 023).
 */
export function configureRateLimits(overrides: Partial<RateLimitConfig> = {}, redis?: unknown) {
  const config = { ...defaultRateLimits, ...overrides }
  const make = (keyPrefix: string, { points, durationSeconds }: Limit) => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds })
    if (!redis) return memory
    return new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: memory, keyPrefix, points, duration: durationSeconds })
  }
  configured = {
    signInPerAccount: make('rl:signin:account', config.signInPerAccount),
    signInPerIp: make('rl:signin:ip', config.signInPerIp),
    signUpPerIp: make('rl:signup:ip', config.signUpPerIp),
    votePerUser: make('rl:vote:user', config.votePerUser),
    sessionCodeFailuresPerIp: make('rl:session-code:ip', config.sessionCodeFailuresPerIp),
    mailLinksPerIp: make('rl:mail-links:ip', config.mailLinksPerIp),
    mailLinksPerAddress: make('rl:mail-links:address', config.mailLinksPerAddress),
  }
}

function limiters(): Limiters {
  if (!configured) configureRateLimits()
  return configured!
}

async function consume(limiter: RateLimiterAbstract, key: string) {
  try {
    await limiter.consume(key)
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new DomainError('rate_limited', 'errors.rate_limited', {
        retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      })
    }
    throw error
  }
}

/** Counts one sign-in attempt for this address and this e-mail; throws `rate_limited` past the limit. */
export async function countSignInAttempt(ip: string, email: string) {
  await consume(limiters().signInPerIp, ip)
  await consume(limiters().signInPerAccount, `${ip}|${email}`)
}

/** Counts one request for an e-mailed link (reset, verification) from this client to this address; throws `rate_limited` past the limit. */
export async function countMailLinkRequest(ip: string, email: string) {
  await consume(limiters().mailLinksPerIp, ip)
  await consume(limiters().mailLinksPerAddress, email)
}

export async function countSignUp(ip: string) {
  await consume(limiters().signUpPerIp, ip)
}

/** Counts one vote change (cast or withdraw) by this person. */
export async function countVoteChange(userId: string) {
  await consume(limiters().votePerUser, userId)
}

/** Refuses (`rate_limited`) any session-code lookup from an address that got too many codes wrong lately. */
export async function checkSessionCodeLookup(ip: string) {
  const limiter = limiters().sessionCodeFailuresPerIp
  const seen = await limiter.get(ip)
  if (seen && seen.consumedPoints >= limiter.points) {
    throw new DomainError('rate_limited', 'errors.rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil(seen.msBeforeNext / 1000)) })
  }
}

/** Counts one wrong session code from this address. */
export async function countWrongSessionCode(ip: string) {
  await limiters().sessionCodeFailuresPerIp.penalty(ip, 1)
}

export async function forgetSignInAttempts(ip: string, email: string) {
  await limiters().signInPerAccount.delete(`${ip}|${email}`)
}
