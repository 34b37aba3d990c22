import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { metrics, metricsByGroup, type Outcome } from "../../domain/EvalMetrics.ts"
import { parseLine } from "../../domain/ScanLine.ts"

describe("scan lines", () => {
  it("takes the id from the line, else the line number; rejects what is not a text record, with the line number", () => {
    assert.deepStrictEqual(Result.getOrThrow(parseLine(`{"id":"x","text":"hi"}`, 3)), { id: "x", text: "hi", label: undefined, category: undefined })
    assert.strictEqual(Result.getOrThrow(parseLine(`{"text":"hi","label":"benign","category":"c"}`, 9)).id, 9)
    const errors: Array<[string, RegExp]> = [
      ["nope", /^not JSON/], ["[1]", /"text" string/], [`{"id":"a"}`, /"text" string/], [`{"text":5}`, /"text" string/],
      [`{"id":{},"text":"a"}`, /"id" must be/], [`{"text":"a","label":"evil"}`, /"label" must be/]
    ]
    for (const [line, why] of errors) {
      const r = parseLine(line, 4)
      assert.isTrue(Result.isFailure(r), line)
      if (Result.isFailure(r)) {
        assert.strictEqual(r.failure.line, 4)
        assert.match(r.failure.error, why)
      }
    }
    assert.match(Result.isFailure(parseLine(`{"text":"a"}`, 1, true)) ? "missing" : "", /missing/)
  })

  it("never throws, whatever the line", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), fc.nat(), (line, n) => {
      const r = parseLine(line, n + 1)
      if (Result.isSuccess(r)) assert.isString(r.success.text)
      else assert.strictEqual(r.failure.line, n + 1)
    }), { numRuns: 500 })
  })
})

const outcome = fc.record({ label: fc.constantFrom("malicious" as const, "benign" as const), flagged: fc.boolean(), group: fc.constantFrom("a", "b", "c") })

describe("eval metrics", () => {
  it("counts a small known case exactly", () => {
    const m = metrics([
      { label: "malicious", flagged: true, group: "x" }, { label: "malicious", flagged: false, group: "x" },
      { label: "benign", flagged: true, group: "y" }, { label: "benign", flagged: false, group: "y" }
    ])
    assert.deepStrictEqual([m.detectionRate, m.falsePositiveRate, m.precision, m.f1], [0.5, 0.5, 0.5, 0.5])
    assert.isUndefined(metrics([{ label: "benign", flagged: false, group: "y" }]).detectionRate)
  })

  it("rates stay in 0..1, groups partition the whole, and flagging one more attack never lowers detection or F1", () => {
    fc.assert(fc.property(fc.array(outcome, { maxLength: 60 }), (os: Array<Outcome>) => {
      const [first, ...groups] = metricsByGroup(os)
      const [all, m] = first!
      assert.strictEqual(all, "(all)")
      for (const x of [m.detectionRate, m.falsePositiveRate, m.precision, m.f1]) if (x !== undefined) assert.isTrue(x >= 0 && x <= 1)
      assert.strictEqual(groups.reduce((n, [, g]) => n + g.attacks + g.benign, 0), os.length)
      const missed = os.findIndex((o) => o.label === "malicious" && !o.flagged)
      if (missed < 0) return
      const better = metrics(os.map((o, i) => (i === missed ? { ...o, flagged: true } : o)))
      assert.isAbove(better.detectionRate!, m.detectionRate!)
      assert.isAtLeast(better.f1!, m.f1 ?? 0)
    }), { numRuns: 500 })
  })
})
