import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import fc from "fast-check"
import { consumerBackoffMs, delayAfter, isLastDelivery, schedule } from "../../src/RetryPolicy.ts"
import type { ConsumerSpec } from "../../src/Topology.ts"

const retryArb = fc.record({
  maxDeliver: fc.integer({ min: 1, max: 10 }),
  baseDelayMs: fc.integer({ min: 1, max: 10_000 }),
  factor: fc.double({ min: 1, max: 5, noNaN: true }),
  maxDelayMs: fc.integer({ min: 1, max: 600_000 })
})
const specArb = fc.record({ retry: retryArb, ackWaitMs: fc.integer({ min: 1, max: 120_000 }) }).map(
  ({ retry, ackWaitMs }): ConsumerSpec => ({ worker: "w", stream: "S", durable: "d", filterSubject: "s", maxAckPending: 1, ackWaitMs, retry })
)

describe("RetryPolicy", () => {
  it("nak delays grow with the delivery count and never pass the cap", () =>
    fc.assert(fc.property(retryArb, fc.integer({ min: 1, max: 20 }), (retry, n) => {
      const d = delayAfter(retry, n)
      assert.isAtMost(d, retry.maxDelayMs)
      assert.isAtLeast(delayAfter(retry, n + 1), d)
      assert.strictEqual(delayAfter(retry, 1), Math.min(retry.baseDelayMs, retry.maxDelayMs))
    })))

  it("the last delivery is the consumer's max_deliver", () =>
    fc.assert(fc.property(retryArb, (retry) => {
      assert.isTrue(isLastDelivery(retry, retry.maxDeliver))
      assert.strictEqual(isLastDelivery(retry, retry.maxDeliver - 1), false)
    })))

  it("consumer backoff: shorter than max_deliver, starts at the ack wait, adds the nak delays", () =>
    fc.assert(fc.property(specArb, (spec) => {
      const backoff = consumerBackoffMs(spec)
      assert.strictEqual(backoff.length, Math.max(0, spec.retry.maxDeliver - 1))
      if (backoff.length > 0) assert.strictEqual(backoff[0], spec.ackWaitMs)
      backoff.slice(1).forEach((b, i) => assert.strictEqual(b, spec.ackWaitMs + delayAfter(spec.retry, i + 1)))
    })))

  it.effect("the in-process Schedule retries max_deliver - 1 times with the same delays", () =>
    Effect.gen(function*() {
      const retry = { maxDeliver: 4, baseDelayMs: 100, factor: 2, maxDelayMs: 250 }
      let attempts = 0
      const fiber = yield* Effect.forkChild(
        Effect.suspend(() => { attempts++; return Effect.fail("nope") }).pipe(Effect.retry(schedule(retry)), Effect.flip)
      )
      yield* TestClock.adjust(99)
      assert.strictEqual(attempts, 1)
      yield* TestClock.adjust(1)
      assert.strictEqual(attempts, 2)
      yield* TestClock.adjust(200)
      assert.strictEqual(attempts, 3)
      yield* TestClock.adjust(250)
      assert.strictEqual(attempts, 4)
      assert.strictEqual(yield* Fiber.join(fiber), "nope")
    }))
})
