import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { percentile, summarize } from "../../bench/Percentiles.ts"

const samples = fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 500 })

describe("latency percentiles", () => {
  it("are nearest-rank on known data", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1)
    const s = summarize(xs.reverse())
    assert.deepStrictEqual([s.p50, s.p90, s.p99, s.max, s.count], [50, 90, 99, 100, 100])
    assert.strictEqual(s.mean, 50.5)
    assert.strictEqual(summarize([7]).p99, 7)
    assert.strictEqual(summarize([1, 1000]).p50, 1)
    assert.strictEqual(summarize([1, 1000]).p99, 1000)
  })

  it("is a sample, with at least q of the samples at or below it and fewer than q strictly below", () => {
    fc.assert(fc.property(samples, fc.double({ min: 0.01, max: 1, noNaN: true }), (xs, q) => {
      const sorted = [...xs].sort((a, b) => a - b)
      const p = percentile(sorted, q)
      assert.include(xs, p)
      assert.isAtLeast(sorted.filter((x) => x <= p).length, q * xs.length - 1e-9)
      assert.isBelow(sorted.filter((x) => x < p).length, q * xs.length + 1e-9)
    }))
  })

  it("orders p50 ≤ p90 ≤ p99 ≤ max, with the mean between min and max, whatever the input order", () => {
    fc.assert(fc.property(samples, (xs) => {
      const s = summarize(xs)
      assert.isAtMost(s.p50, s.p90)
      assert.isAtMost(s.p90, s.p99)
      assert.isAtMost(s.p99, s.max)
      assert.strictEqual(s.max, Math.max(...xs))
      assert.isAtLeast(s.mean, Math.min(...xs) - 1e-6)
      assert.isAtMost(s.mean, s.max + 1e-6)
      assert.deepStrictEqual(summarize([...xs].reverse()), s)
    }))
  })

  it("has no percentiles without samples, and refuses a q outside 0..1", () => {
    assert.isNaN(summarize([]).p99)
    assert.throws(() => percentile([1], 1.5), /within 0..1/)
  })
})
