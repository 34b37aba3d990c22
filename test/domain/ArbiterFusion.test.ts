import { assert, describe, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import config from "../../infra/config/default.json" with { type: "json" }
import { decide } from "../../domain/Arbiter.ts"
import { type FusionInput, logisticScore, termValue } from "../../domain/ArbiterFusion.ts"
import { defaultConfig, type FusionTerm, GuardConfig, type LogisticFusion } from "../../domain/Config.ts"
import { type BranchResult, type BranchStatus, DetectionCompleted } from "../../domain/Events.ts"
import { benignQuantile, type FusionExample, fitLogistic, logitOf, rescale } from "../../domain/FusionFit.ts"
import { GuardRequest, type Mode } from "../../domain/Request.ts"
import { initial } from "../../domain/State.ts"

const names = ["heuristics", "semantic", "classifier"] as const
const score = fc.double({ min: 0, max: 100, noNaN: true })
const term: fc.Arbitrary<FusionTerm> = fc.record({
  coefficient: fc.double({ min: 0, max: 10, noNaN: true }),
  branches: fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
  combine: fc.constantFrom("product" as const, "max" as const),
  power: fc.integer({ min: 1, max: 4 }),
  atLeast: fc.option(score, { nil: undefined })
}).map(({ atLeast, ...t }) => (atLeast === undefined ? t : { ...t, atLeast }))
const fusion: fc.Arbitrary<LogisticFusion> = fc.record({ bias: fc.double({ min: -10, max: 10, noNaN: true }), terms: fc.array(term, { maxLength: 6 }) })
const inputsOf = (scores: ReadonlyArray<number>): Map<string, FusionInput> => new Map(names.map((n, i) => [n, { score: scores[i]!, factor: 1 }]))

const branch = (name: string, s: number, status: BranchStatus = "ok"): BranchResult => ({ name, status, score: s, categories: [], evidence: [], latencyMs: 1 })
const decideOn = (mode: Mode, branches: ReadonlyArray<BranchResult>, cfg = defaultConfig) =>
  decide({ ...initial(new GuardRequest({ requestId: "r", text: "t", mode, returnDecisionProcess: true, receivedAt: 0 })), detection: new DetectionCompleted({ at: 1, branches }) }, cfg, 0)

describe("logistic fusion", () => {
  it("terms lie in [0, 1] and the score grows with every branch score (coefficients ≥ 0)", () => {
    fc.assert(fc.property(fusion, fc.array(score, { minLength: 3, maxLength: 3 }), fc.nat(2), score, (f, scores, which, other) => {
      for (const t of f.terms) {
        const v = termValue(t, inputsOf(scores)).value
        assert.isTrue(v >= 0 && v <= 1, String(v))
      }
      const lo = [...scores], hi = [...scores]
      lo[which] = Math.min(scores[which]!, other)
      hi[which] = Math.max(scores[which]!, other)
      assert.isAtMost(logisticScore(f, inputsOf(lo)).score, logisticScore(f, inputsOf(hi)).score)
    }), { numRuns: 1000 })
  })

  it("a branch that did not answer zeroes its terms; a degraded one counts with its factor; parts add up to the logit", () => {
    const f: LogisticFusion = { bias: -2, terms: [{ coefficient: 3, branches: ["semantic"] }, { coefficient: 2, branches: ["heuristics", "semantic"] }] }
    const none = logisticScore(f, new Map([["heuristics", { score: 100, factor: 1 }]]))
    assert.strictEqual(none.logit, -2)
    const degraded = logisticScore(f, new Map([["heuristics", { score: 100, factor: 1 }], ["semantic", { score: 50, factor: 0.25 }]]))
    assert.closeTo(degraded.logit, -2 + 0.25 * (3 * 0.5 + 2 * 0.5), 1e-12)
    assert.closeTo(Array.from(degraded.parts.values()).reduce((a, b) => a + b, f.bias), degraded.logit, 1e-12)
  })

  it("refuses a negative coefficient or an empty term in a config", () => {
    const decode = Schema.decodeUnknownResult(GuardConfig)
    const withTerm = (t: unknown) => ({ ...config, modes: { ...config.modes, fast: { ...config.modes.fast, fusion: { bias: 0, terms: [t] } } } })
    assert.isTrue(Result.isSuccess(decode(config)))
    assert.isTrue(Result.isFailure(decode(withTerm({ coefficient: -1, branches: ["semantic"] }))))
    assert.isTrue(Result.isFailure(decode(withTerm({ coefficient: 1, branches: [] }))))
  })

  it("the default: models alone flag but do not block; heuristics support or a certain branch blocks", () => {
    const models = decideOn("full", [branch("heuristics", 0), branch("semantic", 86), branch("classifier", 75)])
    assert.strictEqual(models.decision, "SANITIZE")
    assert.include(models.process.rules, "block_unsupported:heuristics:30")
    const supported = decideOn("full", [branch("heuristics", 30), branch("semantic", 86), branch("classifier", 75)])
    assert.strictEqual(supported.decision, "BLOCK")
    assert.strictEqual(decideOn("fast", [branch("heuristics", 0), branch("semantic", 100)]).decision, "BLOCK")
    assert.strictEqual(decideOn("full", [branch("heuristics", 0), branch("semantic", 0), branch("classifier", 0)]).decision, "ALLOW")
  })

  it("the block-support cap stays a valid score whatever the thresholds", () => {
    // Below 100: a model branch at 100 is certain (an exact known attack) and blocks on its own.
    const uncertain = fc.double({ min: 0, max: 99.99, noNaN: true })
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), uncertain, uncertain, (block, s, c) => {
      const cfg = new GuardConfig({ ...defaultConfig, thresholds: { block, sanitize: 0 } })
      const d = decideOn("full", [branch("heuristics", 0), branch("semantic", s), branch("classifier", c)], cfg)
      assert.isTrue(d.threatScore >= 0 && d.threatScore <= 100)
      if (block > 0) assert.notStrictEqual(d.decision, "BLOCK")
    }), { numRuns: 300 })
  })

  it("a user branch the model does not name is averaged in with its weight", () => {
    const user = { ...branch("custom", 100), weight: 1 }
    const without = decideOn("fast", [branch("heuristics", 0), branch("semantic", 0)])
    const withUser = decideOn("fast", [branch("heuristics", 0), branch("semantic", 0), { ...user, score: 60 }])
    const share = 1 / (1 + 0.462 + 0.538)
    assert.closeTo(withUser.threatScore, Math.round((without.threatScore * (1 - share) + 60 * share) * 100) / 100, 0.011)
  })
})

describe("fitting the fusion", () => {
  const examples = (seed: number): Array<FusionExample> => fc.sample(fc.tuple(fc.boolean(), score, score), { numRuns: 300, seed }).map(([attack, a, b]) => ({
    attack,
    // Attacks score higher on both branches, with overlap.
    scores: new Map([["heuristics", attack ? Math.min(100, a + 30) : a * 0.5], ["semantic", attack ? b : b * 0.6]])
  }))
  const terms: ReadonlyArray<FusionTerm> = [{ coefficient: 0, branches: ["heuristics"] }, { coefficient: 0, branches: ["semantic"] }, { coefficient: 0, branches: ["heuristics", "semantic"] }]

  it("is deterministic, keeps coefficients ≥ 0, and separates better than chance", () => {
    const xs = examples(7)
    const a = fitLogistic(terms, xs, { epochs: 200, learningRate: 5, l2: 1e-4 })
    const b = fitLogistic(terms, xs, { epochs: 200, learningRate: 5, l2: 1e-4 })
    assert.deepStrictEqual(a, b)
    for (const t of a.terms) assert.isAtLeast(t.coefficient, 0)
    const mean = (attack: boolean) => { const ys = xs.filter((x) => x.attack === attack).map((x) => logitOf(a, x.scores)); return ys.reduce((s, y) => s + y, 0) / ys.length }
    assert.isAbove(mean(true), mean(false))
  })

  it("rescaling puts the benign quantiles just under 70 and 30, keeping the order of every example", () => {
    const xs = examples(11)
    const fit = fitLogistic(terms, xs, { epochs: 100, learningRate: 5, l2: 1e-4 })
    const scaled = rescale(fit, benignQuantile(fit, xs, 0.05), benignQuantile(fit, xs, 0.2))
    const toScore = (z: number) => 100 / (1 + Math.exp(-z))
    assert.closeTo(toScore(benignQuantile(scaled, xs, 0.05)), 70, 0.05)
    assert.closeTo(toScore(benignQuantile(scaled, xs, 0.2)), 30, 0.05)
    const pairs = xs.map((x) => [logitOf(fit, x.scores), logitOf(scaled, x.scores)] as const).sort((p, q) => p[0] - q[0])
    for (let i = 1; i < pairs.length; i++) assert.isAtLeast(pairs[i]![1] + 1e-9, pairs[i - 1]![1])
  })
})
