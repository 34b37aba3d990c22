import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { dueAt, dueBy, plannedCount, validatePlan } from "../../bench/OpenLoop.ts"

const plans = fc.record({
  ratePerSecond: fc.integer({ min: 1, max: 20_000 }),
  durationMs: fc.integer({ min: 100, max: 60_000 })
}).filter((plan) => plannedCount(plan) >= 1)

describe("open-loop schedule", () => {
  it("plans rate × duration requests", () => {
    assert.strictEqual(plannedCount({ ratePerSecond: 250, durationMs: 8_000 }), 2_000)
    assert.strictEqual(plannedCount({ ratePerSecond: 3, durationMs: 500 }), 1)
  })

  it("spaces requests evenly, from 0, independent of anything but the rate", () => {
    fc.assert(fc.property(plans, fc.nat({ max: 1_000_000 }), (plan, i) => {
      assert.closeTo(dueAt(plan, i + 1) - dueAt(plan, i), 1000 / plan.ratePerSecond, 1e-6)
    }))
    assert.strictEqual(dueAt({ ratePerSecond: 500, durationMs: 1000 }, 0), 0)
  })

  it("counts request i as due exactly from its due time on", () => {
    fc.assert(fc.property(plans, fc.nat({ max: 1_000_000 }), (plan, raw) => {
      const i = raw % plannedCount(plan)
      assert.isAtLeast(dueBy(plan, dueAt(plan, i)), i + 1)
      if (i > 0) assert.isAtMost(dueBy(plan, dueAt(plan, i) - 0.01), i)
    }))
  })

  it("never releases more than planned and never goes back", () => {
    fc.assert(fc.property(plans, fc.double({ min: -1000, max: 120_000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (plan, t, dt) => {
      const a = dueBy(plan, t)
      const b = dueBy(plan, t + dt)
      assert.isAtMost(a, b)
      assert.isAtMost(b, plannedCount(plan))
      assert.isAtLeast(a, 0)
    }))
  })

  it("releases the whole plan by the end of the step at the offered rate", () => {
    fc.assert(fc.property(plans, (plan) => {
      assert.strictEqual(dueBy(plan, plan.durationMs), plannedCount(plan))
      // At the halfway mark about half is out, whatever was answered: the load is open loop.
      assert.closeTo(dueBy(plan, plan.durationMs / 2), plannedCount(plan) / 2, 1.5)
    }))
  })

  it("refuses plans that cannot run, with the reason", () => {
    assert.match(validatePlan({ ratePerSecond: 0, durationMs: 1000 }) ?? "", /rate must be a positive number/)
    assert.match(validatePlan({ ratePerSecond: 100, durationMs: 10 }) ?? "", /at least 100 ms/)
    assert.match(validatePlan({ ratePerSecond: 0.5, durationMs: 1000 }) ?? "", /plans no request/)
    assert.isUndefined(validatePlan({ ratePerSecond: 100, durationMs: 1000 }))
  })
})
