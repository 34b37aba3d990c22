import { assert, describe, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import config from "../../infra/config/default.json" with { type: "json" }
import { decide, severity } from "../../domain/Arbiter.ts"
import { isCertainBlock } from "../../domain/Routing.ts"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { type BranchResult, type BranchStatus, DetectionCompleted } from "../../domain/Events.ts"
import { GuardRequest, type Mode } from "../../domain/Request.ts"
import { initial, type RequestState } from "../../domain/State.ts"

const branch = (name: string, score: number, status: BranchStatus = "ok"): BranchResult =>
  ({ name, status, score, categories: [], evidence: [], latencyMs: 1 })
const state = (mode: Mode, branches: ReadonlyArray<BranchResult>): RequestState => ({
  ...initial(new GuardRequest({ requestId: "r", text: "t", mode, returnDecisionProcess: true, receivedAt: 0 })),
  detection: new DetectionCompleted({ at: 1, branches })
})
// The weighted mean with default-4's policies: the mechanisms below, without the logistic model on top.
const weighted = new GuardConfig({
  ...defaultConfig,
  modes: {
    fast: { weights: defaultConfig.modes.fast.weights, skip: defaultConfig.modes.fast.skip },
    full: { weights: defaultConfig.modes.full.weights, skip: defaultConfig.modes.full.skip }
  },
  policies: { ...defaultConfig.policies, corroboration: { minBranches: 2, score: 50, boost: 10 } }
})
const full = (h: number, s: number, c: number | BranchStatus, cfg = weighted) =>
  decide(state("full", [branch("heuristics", h), branch("semantic", s), typeof c === "number" ? branch("classifier", c) : branch("classifier", 0, c)]), cfg, 0)
const decodeConfig = Schema.decodeUnknownResult(GuardConfig)
// The mechanism with any branch able to be certain (the default keeps certainty to heuristics and exact matches).
const certain85 = new GuardConfig({ ...weighted, certainScore: 85 })

describe("Arbiter policies", () => {
  it("defaults come from infra/config/default.json through the GuardConfig Schema", () => {
    assert.strictEqual(defaultConfig.version, config.version)
    assert.deepStrictEqual(defaultConfig.policies.unsupported[0], { branch: "classifier", supporters: ["heuristics", "semantic"], supportScore: 30, cap: 60 })
    for (const bad of [
      { ...config, thresholds: { block: 30, sanitize: 70 } },
      { ...config, policies: { ...config.policies, degraded: { weightFactor: 2, assumedScore: 50 } } },
      { ...config, policies: { ...config.policies, corroboration: { minBranches: 1, score: 50, boost: 10 } } },
      { ...config, policies: { ...config.policies, allDown: "MAYBE" } }
    ]) assert.isTrue(Result.isFailure(decodeConfig(bad)), JSON.stringify(bad.policies))
  })

  it("caps the classifier without support from heuristics or semantic, exactly at the support edge", () => {
    const alone = full(0, 29.99, 99, certain85)
    assert.strictEqual(alone.decision, "SANITIZE")
    assert.include(alone.process.rules, "unsupported_capped:classifier:60")
    assert.notInclude(alone.process.rules, "certain_branch:classifier")
    assert.include(alone.process.summary, "classifier 99→60×")
    const supported = full(0, 30, 99, certain85)
    assert.strictEqual(supported.decision, "BLOCK")
    assert.deepStrictEqual(supported.process.rules, ["certain_branch:classifier"])
  })

  it("a capped classifier alone never lets routing skip PII (its SANITIZE must carry redacted text)", () => {
    const only = state("full", [branch("heuristics", 0), branch("semantic", 0), branch("classifier", 99.9)])
    assert.isFalse(isCertainBlock(only, defaultConfig))
    assert.isTrue(isCertainBlock(state("full", [branch("heuristics", 99.9), branch("classifier", 0)]), defaultConfig))
  })

  it("one certain branch blocks on its own, from exactly its certain score (heuristics 70, others 85)", () => {
    assert.deepStrictEqual([full(70, 0, 0).decision, full(70, 0, 0).threatScore, full(70, 0, 0).process.rules], ["BLOCK", 70, ["certain_branch:heuristics"]])
    // Below it, the heuristics count with their weight only: 69.99 × 0.30.
    assert.deepStrictEqual([full(69.99, 0, 0).decision, full(69.99, 0, 0).threatScore], ["ALLOW", 21])
    assert.deepStrictEqual([full(0, 85, 0, certain85).decision, full(0, 85, 0, certain85).process.rules], ["BLOCK", ["certain_branch:semantic"]])
    assert.strictEqual(full(0, 84.99, 0, certain85).decision, "ALLOW")
    // By default a model branch alone is certain only at 100 (an exact known attack): a near neighbour of a
    // known attack that merely shares its words ("ignore all previous emails") is not blocked on its own.
    assert.notInclude(full(0, 99.9, 0).process.rules, "certain_branch:semantic")
    assert.deepStrictEqual([full(0, 100, 0).decision, full(0, 100, 0).process.rules], ["BLOCK", ["certain_branch:semantic"]])
    // A certain score set below the block threshold still blocks: certain means block.
    const low = new GuardConfig({ ...weighted, policies: { ...weighted.policies, certainByBranch: { heuristics: 40 } } })
    assert.deepStrictEqual([full(40, 0, 0, low).decision, full(40, 0, 0, low).threatScore], ["BLOCK", 70])
  })

  it("a degraded branch counts little; all down blocks, or answers what the config says", () => {
    const timedOut = full(0, 0, "timeout")
    // 0.35 × 0.25 = 0.0875 of weight at 50, against 0.65 at 0.
    assert.strictEqual(timedOut.threatScore, Math.round((0.0875 * 50 / 0.7375) * 100) / 100)
    assert.strictEqual(timedOut.decision, "ALLOW")
    assert.include(timedOut.process.rules, "degraded_branch:classifier:timeout")
    const down = decide(state("full", [branch("heuristics", 0, "failed"), branch("semantic", 0, "timeout")]), weighted, 0)
    assert.deepStrictEqual([down.decision, down.threatScore], ["BLOCK", 100])
    const lenient = new GuardConfig({ ...weighted, policies: { ...weighted.policies, allDown: "SANITIZE" } })
    const d = decide(state("full", [branch("heuristics", 0, "failed")]), lenient, 0)
    assert.deepStrictEqual([d.decision, d.threatScore, d.process.rules], ["SANITIZE", 30, ["degraded_branch:heuristics:failed", "fail_secure_no_branch"]])
  })

  it("two branches agreeing at the corroboration score add the boost; one short of it does not", () => {
    const fast = (h: number, s: number) => decide(state("fast", [branch("heuristics", h), branch("semantic", s)]), weighted, 0)
    assert.strictEqual(fast(50, 50).threatScore, 60)
    assert.include(fast(50, 50).process.rules, "corroboration")
    assert.strictEqual(fast(50, 49.99).threatScore, 49.99)
  })

  const score = fc.double({ min: 0, max: 100, noNaN: true })
  const status = fc.constantFrom<BranchStatus>("ok", "ok", "ok", "timeout", "failed", "not_configured")
  it("is monotone in every branch score under the default policies, in both modes", () => {
    fc.assert(fc.property(fc.array(fc.tuple(status, score), { minLength: 3, maxLength: 3 }), fc.nat(2), score, fc.constantFrom<Mode>("fast", "full"), (bs, which, other, mode) => {
      const names = ["heuristics", "semantic", "classifier"]
      const at = (s: number) => decide(state(mode, bs.map(([st, sc], i) => branch(names[i]!, i === which ? s : sc, i === which ? "ok" : st))), defaultConfig, 0)
      const [lo, hi] = bs[which]![1] <= other ? [bs[which]![1], other] : [other, bs[which]![1]]
      assert.isAtMost(at(lo).threatScore, at(hi).threatScore)
      assert.isAtMost(severity(at(lo).decision), severity(at(hi).decision))
    }), { numRuns: 1000 })
  })
})
