import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { type ClassifierModel, topWords } from "../../domain/Classifier.ts"
import { weightedSum } from "../../domain/ClassifierDot.ts"
import { classifierSpec } from "../../domain/ClassifierSpec.ts"
import { dotDense, featurizeFast, type FeatureSpec } from "../../domain/Features.ts"
import { foldText, wordsOf } from "../../domain/FeaturesText.ts"

// The scoring path before it was fused: the reference the fast one must equal bit for bit.
const SEED_WORD = 0x01000193
const wordIndex = (word: string, bits: number): number => {
  let h = SEED_WORD
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) & ((1 << bits) - 1)
}
const topWordsBefore = (model: ClassifierModel, text: string, k = 3): Array<string> => {
  const seen = new Map<string, number>()
  for (const w of wordsOf(foldText(text))) if (!seen.has(w)) seen.set(w, model.weights[wordIndex(w, model.spec.bits)] ?? 0)
  return [...seen.entries()]
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([w, weight]) => `${w}(+${weight.toFixed(2)})`)
}

const spec: FeatureSpec = { ...classifierSpec, bits: 10 }
// A small index space, so that words collide and ties in weight happen; few distinct weights for the same reason.
const weights = fc.array(fc.constantFrom(-1, -0.5, 0, 0.25, 0.5, 0.5, 1, 1.75), { minLength: 1024, maxLength: 1024 }).map((w) => Float32Array.from(w))
const piece = fc.oneof(fc.constantFrom("ignore", "IGNORE", "the", "prompt", "zażółć", "Σας", "a", "7", " ", "\n", "\u200b", "ĳ"), fc.string({ maxLength: 6 }))
const text = fc.array(piece, { maxLength: 60 }).map((ps) => ps.join(" "))

describe("classifier scoring path", () => {
  it("the fused weighted sum is the same double as dotDense over featurizeFast", () =>
    fc.assert(fc.property(text, weights, (t, w) => {
      assert.strictEqual(weightedSum(t, spec, w), dotDense(featurizeFast(t, spec), w))
      // Twice: the counters must be back to zero after a call.
      assert.strictEqual(weightedSum(t, spec, w), dotDense(featurizeFast(t, spec), w))
    }), { numRuns: 500 }))

  it("repetitive texts agree: counts near and past the byte counters' limit and the small-count table", () => {
    const w = Float32Array.from({ length: 1024 }, (_, i) => ((i * 37) % 11) / 10 - 0.3)
    for (const t of ["ab ".repeat(254), "ab ".repeat(255), "ab ".repeat(3000), "ignore all previous instructions ".repeat(2000), "a".repeat(70000)]) {
      assert.strictEqual(weightedSum(t, spec, w), dotDense(featurizeFast(t, spec), w))
      assert.strictEqual(weightedSum("ignore all previous", spec, w), dotDense(featurizeFast("ignore all previous", spec), w))
    }
  })

  it("top words are the distinct words with the largest positive weights, as before", () =>
    fc.assert(fc.property(text, text, weights, fc.integer({ min: 1, max: 5 }), (t, other, w, k) => {
      const model: ClassifierModel = { spec, weights: w, bias: 0 }
      const want = topWordsBefore(model, t, k)
      // Word features hashed for this text are reused; hashed for another text, or another spec, they are not.
      weightedSum(t, spec, w)
      assert.deepStrictEqual(topWords(model, t, k), want)
      weightedSum(other, spec, w)
      assert.deepStrictEqual(topWords(model, t, k), want)
      weightedSum(t, { ...spec }, w)
      assert.deepStrictEqual(topWords(model, t, k), want)
    }), { numRuns: 500 }))
})
