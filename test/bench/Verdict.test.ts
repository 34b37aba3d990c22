import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { summarize } from "../../bench/Percentiles.ts"
import { gaps, holds, overloaded, ratio, type StepResult, sustainableRps } from "../../bench/Verdict.ts"

const step = (offeredRps: number, p99: number, extra: Partial<StepResult> = {}): StepResult => ({
  offeredRps,
  achievedRps: offeredRps,
  sent: offeredRps * 10,
  ok: offeredRps * 10,
  errors: 0,
  timeouts: 0,
  latency: { ...summarize([1]), p99 },
  maxSendLagMs: 1,
  ...extra
})

describe("sustainable rate", () => {
  it("is the highest rate under the p99 bound, naming the lower rates that missed it", () => {
    const ladder = [step(250, 10), step(500, 70), step(1000, 45), step(2000, 80), step(4000, 130)]
    assert.strictEqual(sustainableRps(ladder, 50), 1000)
    assert.deepStrictEqual(gaps(ladder, 50), [500])
    assert.strictEqual(sustainableRps(ladder, 100), 2000)
    assert.deepStrictEqual(gaps(ladder, 100), [])
    assert.strictEqual(sustainableRps([...ladder].reverse(), 50), 1000)
    assert.strictEqual(sustainableRps([step(250, 60)], 50), 0)
    assert.strictEqual(sustainableRps([], 50), 0)
  })

  it("does not count a step with errors, timeouts or answers that fell behind", () => {
    assert.isFalse(holds(step(1000, 10, { errors: 11 }), 50))
    assert.isFalse(holds(step(1000, 10, { timeouts: 11 }), 50))
    assert.isTrue(holds(step(1000, 10, { timeouts: 10 }), 50))
    assert.isFalse(holds(step(1000, 10, { achievedRps: 900 }), 50))
    assert.isFalse(holds(step(1000, 50), 50))
  })

  it("is one of the offered rates (or 0), and a looser bound never lowers it", () => {
    const ladders = fc.array(fc.record({ rate: fc.integer({ min: 1, max: 5000 }), p99: fc.double({ min: 0, max: 500, noNaN: true }) }), { maxLength: 8 })
    fc.assert(fc.property(ladders, fc.integer({ min: 1, max: 300 }), (raw, bound) => {
      const ladder = raw.map((r) => step(r.rate, r.p99))
      const s = sustainableRps(ladder, bound)
      assert.isTrue(s === 0 || ladder.some((l) => l.offeredRps === s))
      assert.isAtLeast(sustainableRps(ladder, bound * 2), s)
    }))
  })

  it("calls a step overloaded far past the bound, not at it", () => {
    assert.isFalse(overloaded(step(1000, 120), 50))
    assert.isTrue(overloaded(step(1000, 1500), 50))
    assert.isTrue(overloaded(step(1000, 10, { achievedRps: 500 }), 50))
    assert.isTrue(overloaded(step(1000, 10, { timeouts: 600 }), 50))
  })

  it("gives the ratio of sustainable rates, none without a baseline", () => {
    assert.strictEqual(ratio(800, 1000), 0.8)
    assert.isNull(ratio(800, 0))
  })
})
