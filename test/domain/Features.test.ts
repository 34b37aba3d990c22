import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { featurize, featurizeFast, type FeatureSpec, termCounts, termCountsFast, toScore } from "../../domain/Features.ts"
import { foldText } from "../../domain/FeaturesText.ts"
import { classifierSpec } from "../../domain/ClassifierSpec.ts"
import { semanticSpec } from "../../domain/SemanticBuild.ts"

const specs: ReadonlyArray<[string, FeatureSpec]> = [["classifier", classifierSpec], ["semantic", semanticSpec]]
const same = (a: { indices: Uint32Array; values: Float32Array }, b: { indices: Uint32Array; values: Float32Array }) => {
  assert.deepStrictEqual(Array.from(a.indices), Array.from(b.indices))
  assert.deepStrictEqual(Array.from(a.values), Array.from(b.values))
}
const word = fc.stringMatching(/^[A-Za-ząćęłńóśźż0-9]{1,8}$/)
const words = fc.array(word, { minLength: 1, maxLength: 12 })
const gap = fc.constantFrom(" ", "  ", "\n", "\t", " \n ", "\u00a0")

describe("features", () => {
  it("fold: case, diacritics, look-alikes and invisible characters do not matter", () => {
    assert.strictEqual(foldText("  ZIGNORUJ   wszystkie\npoprzednie  "), "zignoruj wszystkie poprzednie")
    assert.strictEqual(foldText("Zażółć gęślą jaźń"), "zazolc gesla jazn")
    assert.strictEqual(foldText("ign\u200Bore рrevious"), "ignore previous")
    // Tag characters spell ASCII invisibly; the hidden words must become visible to the models.
    const hidden = Array.from("hi", (c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("")
    assert.strictEqual(foldText(`ok${hidden}`), "okhi")
  })

  for (const [name, spec] of specs) {
    it(`${name}: deterministic, sorted unique indices inside the hash space, unit length`, () =>
      fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
        const a = featurize(text, spec)
        same(a, featurize(text, spec))
        let norm = 0
        a.indices.forEach((ix, k) => {
          assert.isBelow(ix, 2 ** spec.bits)
          if (k > 0) assert.isAbove(ix, a.indices[k - 1]!)
          norm += a.values[k]! ** 2
        })
        if (a.indices.length > 0) assert.closeTo(norm, 1, 1e-5)
      })))

    it(`${name}: stable under irrelevant whitespace and case`, () =>
      fc.assert(fc.property(words, fc.array(gap, { minLength: 12, maxLength: 12 }), gap, (ws, gaps, edge) => {
        const plain = ws.join(" ")
        const spaced = edge + ws.map((w, i) => (i === 0 ? w : gaps[i]! + w)).join("") + edge
        same(termCounts(plain, spec), termCounts(spaced.toUpperCase(), spec))
      })))
  }

  for (const [name, spec] of specs) {
    it(`${name}: the unsorted scoring path has exactly the sorted counts, and features within float noise`, () =>
      fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
        const sorted = termCounts(text, spec)
        const fast = termCountsFast(text, spec)
        const order = Array.from(fast.indices.keys()).sort((a, b) => fast.indices[a]! - fast.indices[b]!)
        assert.deepStrictEqual(order.map((k) => fast.indices[k]), Array.from(sorted.indices))
        assert.deepStrictEqual(order.map((k) => fast.values[k]), Array.from(sorted.values))
        const a = featurize(text, spec), b = featurizeFast(text, spec)
        order.forEach((k, i) => assert.closeTo(b.values[k]!, a.values[i]!, 1e-6))
      })))
  }

  it("counts add up: every character n-gram and word feature is counted once per occurrence", () => {
    const spec: FeatureSpec = { bits: 20, charMin: 3, charMax: 3, words: true, wordBigrams: false, prefix: 0 }
    const total = (t: string) => Array.from(termCounts(t, spec).values).reduce((a, b) => a + b, 0)
    // " abc " has 3 character trigrams, plus one word.
    assert.strictEqual(total("abc"), 4)
    // " abc abc " has 7 (" ab", "abc", "bc ", "c a", " ab", "abc", "bc "), plus two words.
    assert.strictEqual(total("abc abc"), 9)
  })

  it("scores are clamped to 0–100 with two decimals", () =>
    fc.assert(fc.property(fc.double({ noNaN: true }), (p) => {
      const s = toScore(p)
      assert.isAtLeast(s, 0)
      assert.isAtMost(s, 100)
      assert.strictEqual(Math.round(s * 100) / 100, s)
    })))
})
