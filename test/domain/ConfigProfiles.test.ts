import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import defaultJson from "../../infra/config/default.json" with { type: "json" }
import strictJson from "../../infra/config/strict.json" with { type: "json" }
import { decide } from "../../domain/Arbiter.ts"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { type BranchResult, BranchStatus, DetectionCompleted } from "../../domain/Events.ts"
import { GuardRequest, type Mode } from "../../domain/Request.ts"
import { initial } from "../../domain/State.ts"

// infra/config/strict.json: the same models and fusion as the default, with the flag line as the block line.
const strict = Schema.decodeUnknownSync(GuardConfig)(strictJson)

const decideOn = (mode: Mode, branches: ReadonlyArray<BranchResult>, cfg: GuardConfig) =>
  decide({ ...initial(new GuardRequest({ requestId: "r", text: "t", mode, returnDecisionProcess: true, receivedAt: 0 })), detection: new DetectionCompleted({ at: 1, branches }) }, cfg, 0)

const branchResult = (name: string) =>
  fc.record({ score: fc.double({ min: 0, max: 100, noNaN: true }), status: fc.constantFrom(...BranchStatus.literals, "ok", "ok", "ok") })
    .map(({ score, status }): BranchResult => ({ name, status, score: status === "ok" ? score : 0, categories: [], evidence: [], latencyMs: 1 }))

describe("config profiles", () => {
  it("strict differs from the default only in its version, its block threshold and the block-support cap", () => {
    const { version: _v, thresholds: _t, policies: { blockSupport: _b, ...policies }, ...rest } = defaultJson
    const { version, thresholds, policies: strictPolicies, ...strictRest } = strictJson
    assert.deepStrictEqual(strictRest, rest)
    assert.deepStrictEqual(strictPolicies, policies)
    assert.deepStrictEqual(thresholds, { block: defaultJson.thresholds.sanitize, sanitize: defaultJson.thresholds.sanitize })
    assert.strictEqual(version, defaultJson.version.replace(/^default/, "strict"))
  })

  it("strict blocks exactly what the default flags or blocks on the threat score, in both modes, whatever the branches said", () => {
    const branches = fc.tuple(branchResult("heuristics"), branchResult("semantic"), branchResult("classifier"))
    fc.assert(fc.property(fc.constantFrom<Mode>("fast", "full"), branches, (mode, bs) => {
      const byDefault = decideOn(mode, bs, defaultConfig)
      const byStrict = decideOn(mode, bs, strict)
      assert.strictEqual(byStrict.decision === "BLOCK", byDefault.threatScore >= defaultConfig.thresholds.sanitize, JSON.stringify({ mode, bs, d: byDefault.threatScore, s: byStrict.threatScore }))
      // Below the default's block line the two fuse alike: only the default's cap at 69.99 tells them apart.
      if (byDefault.threatScore < defaultConfig.thresholds.block - 0.01) assert.strictEqual(byStrict.threatScore, byDefault.threatScore)
    }), { numRuns: 3000 })
  })

  it("strict blocks the middle band the default only flags", () => {
    const middle = [
      { name: "heuristics", status: "ok", score: 0, categories: [], evidence: [], latencyMs: 1 },
      { name: "semantic", status: "ok", score: 86, categories: [], evidence: [], latencyMs: 1 },
      { name: "classifier", status: "ok", score: 75, categories: [], evidence: [], latencyMs: 1 }
    ] as const
    assert.strictEqual(decideOn("full", middle, defaultConfig).decision, "SANITIZE")
    assert.strictEqual(decideOn("full", middle, strict).decision, "BLOCK")
  })
})
