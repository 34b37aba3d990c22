import { Clock, Context, Effect, Layer } from "effect"
import { ApiConfig } from "./ApiConfig.ts"

interface Bucket {
  tokens: number
  updatedAt: number
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number }

/**
 * A token bucket per API key id: `burst` tokens, refilled at `rps` per second. In memory, so the limit
 * holds per api process; N copies behind a balancer allow N times the rate.
 */
export class RateLimiter extends Context.Service<RateLimiter, {
  readonly take: (keyId: string) => Effect.Effect<RateDecision>
}>()("vigil/api/RateLimiter") {
  static readonly make = (rps: number, burst: number) => {
    const buckets = new Map<string, Bucket>()
    const take = (keyId: string) =>
      Effect.map(Clock.currentTimeMillis, (now): RateDecision => {
        const bucket = buckets.get(keyId) ?? { tokens: burst, updatedAt: now }
        bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * rps)
        bucket.updatedAt = now
        buckets.set(keyId, bucket)
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1
          return { allowed: true }
        }
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rps)) }
      })
    return RateLimiter.of({ take })
  }

  static readonly layer = Layer.effect(
    RateLimiter,
    Effect.map(ApiConfig, (c) => RateLimiter.make(c.rateLimitRps, c.rateLimitBurst))
  )
}
