import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { decide, severity } from "../../domain/Arbiter.ts"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { type BranchResult, type BranchStatus, DetectionCompleted, PiiCompleted, type PiiEntity } from "../../domain/Events.ts"
import { GuardRequest, type Mode } from "../../domain/Request.ts"
import { initial, type RequestState } from "../../domain/State.ts"

const branch = (name: string, score: number, status: BranchStatus = "ok", categories: Array<string> = []): BranchResult =>
  ({ name, status, score, categories, evidence: [], latencyMs: 1 })

const state = (mode: Mode, branches: ReadonlyArray<BranchResult>, pii?: ReadonlyArray<PiiEntity>): RequestState => {
  const request = new GuardRequest({ requestId: "r-1", text: "call me at jan@example.com", mode, returnDecisionProcess: true, receivedAt: 0 })
  return {
    ...initial(request),
    detection: new DetectionCompleted({ at: 1, branches }),
    pii: pii === undefined ? undefined : new PiiCompleted({ at: 2, latencyMs: 1, entities: [...pii], sanitizedText: pii.length > 0 ? "call me at [EMAIL_ADDRESS]" : request.text })
  }
}

const email: PiiEntity = { type: "EMAIL_ADDRESS", start: 11, end: 26, score: 0.95 }
const score = fc.double({ min: 0, max: 100, noNaN: true })
const status = fc.constantFrom<BranchStatus>("ok", "not_configured", "skipped", "timeout", "failed")
const anyBranch = (name: string) =>
  fc.record({ status, score, categories: fc.array(fc.constantFrom("A", "B", "C"), { maxLength: 3 }) }).map((b) => branch(name, b.score, b.status, b.categories))
const thresholds = fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 })).map(([a, b]) => ({ block: Math.max(a, b), sanitize: Math.min(a, b) }))
// The weighted mean alone: no logistic model, the override policies (tested in ArbiterPolicies.test.ts) off.
const weightedModes = {
  fast: { weights: defaultConfig.modes.fast.weights, skip: defaultConfig.modes.fast.skip },
  full: { weights: defaultConfig.modes.full.weights, skip: defaultConfig.modes.full.skip }
}
const plain = new GuardConfig({
  ...defaultConfig,
  modes: weightedModes,
  certainScore: 85,
  policies: { unsupported: [], degraded: { weightFactor: 0, assumedScore: 0 }, corroboration: { minBranches: 2, score: 0, boost: 0 }, allDown: "BLOCK" }
})
const withThresholds = (t: { block: number; sanitize: number }, certainScore = 100) =>
  new GuardConfig({ ...plain, thresholds: t, certainScore })

describe("Arbiter", () => {
  it("explains a block in one line", () => {
    const d = decide(state("fast", [branch("heuristics", 90, "ok", ["INSTRUCTION_OVERRIDE"]), branch("semantic", 76)], []), plain, 3)
    assert.strictEqual(d.decision, "BLOCK")
    assert.strictEqual(d.threatScore, 90)
    assert.deepStrictEqual(d.process.rules, ["certain_branch:heuristics"])
    assert.strictEqual(d.process.summary, "BLOCK: fused 90 ≥ 70 (heuristics 90×0.46, semantic 76×0.54); rules: certain_branch:heuristics")
    // The default's logistic fusion names each branch's part of the logit instead of its weight.
    const withDefaults = decide(state("fast", [branch("heuristics", 90), branch("semantic", 76)], []), defaultConfig, 3)
    assert.match(withDefaults.process.summary, /^BLOCK: fused (?:100|9\d\.\d\d) ≥ 70 \(logistic, logit \d+\.\d\d: heuristics 90 \+\d+\.\d\d, semantic 76 \+\d+\.\d\d\); rules: none$/)
    assert.deepStrictEqual(d.categories, ["INSTRUCTION_OVERRIDE"])
    assert.isUndefined(d.sanitizedText)
    assert.strictEqual(d.at, 3)
  })

  it("fails secure when no branch answered", () => {
    for (const branches of [[], [branch("heuristics", 0, "failed"), branch("semantic", 0, "timeout")], [branch("heuristics", 0, "not_configured")]]) {
      const d = decide(state("full", branches, []), defaultConfig, 0)
      assert.strictEqual(d.decision, "BLOCK")
      assert.strictEqual(d.threatScore, 100)
      assert.include(d.process.rules, "fail_secure_no_branch")
    }
    const noDetection = decide({ ...state("full", []), detection: undefined }, defaultConfig, 0)
    assert.strictEqual(noDetection.decision, "BLOCK")
  })

  it("renormalises over the branches that answered and records the degraded ones", () => {
    const d = decide(state("full", [branch("heuristics", 10), branch("semantic", 40), branch("classifier", 0, "timeout")], []), plain, 0)
    // (0.30·10 + 0.35·40) / 0.65
    assert.strictEqual(d.threatScore, 26.15)
    assert.strictEqual(d.decision, "ALLOW")
    assert.deepStrictEqual(d.process.rules, ["degraded_branch:classifier:timeout"])
    assert.include(d.process.summary, "classifier timeout")
  })

  it("sanitizes an allowed prompt with PII and hands back the redacted text", () => {
    const d = decide(state("fast", [branch("heuristics", 0), branch("semantic", 5)], [email]), plain, 0)
    assert.strictEqual(d.decision, "SANITIZE")
    assert.deepStrictEqual(d.process.rules, ["pii_in_allowed_prompt"])
    assert.strictEqual(d.sanitizedText, "call me at [EMAIL_ADDRESS]")
    assert.deepStrictEqual([d.piiDetected, d.piiTypes, d.process.piiSkipped], [true, ["EMAIL_ADDRESS"], false])
  })

  it("a SANITIZE from the score alone keeps the text; a skipped PII stage is reported", () => {
    const d = decide(state("fast", [branch("heuristics", 20), branch("semantic", 50)]), plain, 0)
    assert.strictEqual(d.decision, "SANITIZE")
    assert.strictEqual(d.sanitizedText, "call me at jan@example.com")
    assert.isTrue(d.process.piiSkipped)
    assert.isFalse(d.piiDetected)
  })

  it("takes a user branch's own weight when the mode does not name it, and only ok branches' categories", () => {
    const user = { ...branch("custom", 80, "ok", ["CUSTOM"]), weight: 1 }
    const d = decide(state("fast", [branch("heuristics", 0), branch("semantic", 0, "failed", ["X"]), user], []), plain, 0)
    assert.strictEqual(d.threatScore, Math.round(8000 / 1.462) / 100)
    assert.deepStrictEqual(d.categories, ["CUSTOM"])
  })

  it("a user branch named like an Object.prototype key gets no inherited weight (found by the routing property)", () => {
    for (const name of ["toString", "constructor", "__proto__"]) {
      const d = decide(state("fast", [branch("heuristics", 0), branch("semantic", 0), branch(name, 50, "timeout")], []), defaultConfig, 0)
      assert.isTrue(Number.isFinite(d.threatScore), name)
      assert.strictEqual(d.decision, "ALLOW")
    }
  })

  it("user branch weights near the float limit do not overflow the mean (found by the routing property)", () => {
    const huge = (w: number) => [{ ...branch("x", 20), weight: w }, { ...branch("y", 80), weight: 3 * w }]
    const normal = decide(state("full", huge(1)), plain, 3)
    for (const w of [7e292, 1e307, Number.MAX_VALUE / 4]) {
      const d = decide(state("full", huge(w)), plain, 3)
      assert.strictEqual(d.threatScore, normal.threatScore)
      d.process.branches.forEach((b, i) => assert.closeTo(b.weight, normal.process.branches[i]!.weight, 1e-12))
    }
  })

  it("is monotone: a higher score never gives a less severe decision", () => {
    fc.assert(fc.property(thresholds, score, score, score, fc.boolean(), (t, s1, s2, other, pii) => {
      const config = withThresholds(t, 85)
      const at = (s: number) => decide(state("fast", [branch("heuristics", s), branch("semantic", other)], pii ? [email] : []), config, 0)
      const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1]
      assert.isTrue(severity(at(lo).decision) <= severity(at(hi).decision))
      assert.isTrue(at(lo).threatScore <= at(hi).threatScore)
    }), { numRuns: 500 })
  })

  it("holds the thresholds exactly at their edges, whatever the weights", () => {
    const weights = fc.tuple(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }))
    fc.assert(fc.property(thresholds, weights, (t, [w1, w2]) => {
      const config = new GuardConfig({ ...withThresholds(t), modes: { ...weightedModes, full: { weights: { heuristics: w1, semantic: w2 }, skip: [] } } })
      const all = (s: number) => decide(state("full", [branch("heuristics", s), branch("semantic", s)], []), config, 0).decision
      assert.strictEqual(all(t.block), "BLOCK")
      assert.notStrictEqual(all(t.block - 0.01), "BLOCK")
      if (t.sanitize < t.block) assert.strictEqual(all(t.sanitize), "SANITIZE")
      assert.strictEqual(all(t.sanitize - 0.01), "ALLOW")
    }), { numRuns: 500 })
  })

  it("fast mode never consults the classifier, whatever it says", () => {
    fc.assert(fc.property(anyBranch("heuristics"), anyBranch("semantic"), anyBranch("classifier"), anyBranch("classifier"), fc.boolean(), (h, s, c1, c2, pii) => {
      const at = (c: BranchResult) => decide(state("fast", [h, s, c], pii ? [email] : []), defaultConfig, 7)
      assert.deepStrictEqual(at(c1), at(c2))
    }), { numRuns: 500 })
  })

  it("blocks when every branch is failed, timed out or absent", () => {
    const down = fc.constantFrom<BranchStatus>("not_configured", "skipped", "timeout", "failed")
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom("heuristics", "semantic", "classifier", "custom"), down, score), { maxLength: 5 }), fc.constantFrom<Mode>("fast", "full"), (bs, mode) => {
      const d = decide(state(mode, bs.map(([n, st, sc]) => branch(n, sc, st)), []), defaultConfig, 0)
      assert.strictEqual(d.decision, "BLOCK")
      assert.strictEqual(d.threatScore, 100)
    }), { numRuns: 300 })
  })

  it("always produces a valid DecisionMade with a score in range", () => {
    fc.assert(fc.property(anyBranch("heuristics"), anyBranch("semantic"), anyBranch("classifier"), fc.constantFrom<Mode>("fast", "full"), (h, s, c, mode) => {
      const d = decide(state(mode, [h, s, c], []), defaultConfig, 0)
      assert.isTrue(d.threatScore >= 0 && d.threatScore <= 100)
      assert.deepStrictEqual([...d.categories].sort(), [...d.categories])
      assert.strictEqual(d.sanitizedText !== undefined, d.decision === "SANITIZE")
    }), { numRuns: 500 })
  })
})
