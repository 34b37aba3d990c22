import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { patterns } from "../../domain/HeuristicPatterns.ts"
import { normalize } from "../../domain/Normalize.ts"
import { candidatesOf, compileLibrary, type PatternSpec } from "../../domain/PatternLibrary.ts"
import { prefilter } from "../../domain/PatternPrefilter.ts"

// The candidate selector marks a pattern from one group of words per gate alternative, and, for a gated one
// whose leading literals the word pass looks up, only with one of those present too; it must mark every
// pattern whose search finds a match, whichever group's words and whichever opening a text happens to hold.
const wordsOfGates = Array.from(new Set(patterns.flatMap((p) => prefilter(p.pattern.source)?.flat(2) ?? []))).filter((w) => w.length <= 12)
const filler = ["the", "all", "your", "you", "are", "now", "and", "then", "me", "to", "is", "a", "what", "it", ":", "#", "-", ".", "\n"]
const phrase = fc.array(fc.oneof(fc.constantFrom(...wordsOfGates), fc.constantFrom(...filler)), { maxLength: 14 }).map((ws) => ws.join(" "))

const everyMatchMarked = (set: typeof patterns, texts: ReadonlyArray<string>): number => {
  const select = candidatesOf(set)!
  let matched = 0
  for (const text of texts) {
    const n = normalize(text)
    const marked = Uint8Array.from(select(n))
    set.forEach((p, i) => {
      if (p.pattern.find(n) === undefined) return
      matched++
      assert.strictEqual(marked[i], 1, `${p.id} matches ${JSON.stringify(n)} but was not a candidate`)
    })
  }
  return matched
}

describe("candidate selection", () => {
  it("marks every built-in pattern that matches, over texts made of the gates' words", () => {
    let matched = 0
    fc.assert(fc.property(fc.array(phrase, { minLength: 1, maxLength: 3 }), (texts) => { matched += everyMatchMarked(patterns, texts) }), { numRuns: 3000 })
    assert.isAbove(matched, 100)
  })

  it("marks a pattern whose gate passes through an alternative other than the first, and by a group other than the first", () => {
    const spec = (id: string, pattern: string): PatternSpec => ({ id, category: "CUSTOM", weight: 50, lang: "any", pattern })
    const compiled = compileLibrary({ version: "t", patterns: [spec("two", "\\bzebra\\b.{0,20}\\bquagga\\b|\\bokapi\\b.{0,20}\\bwalrus\\b")] }, "native")
    if (compiled._tag !== "Success") throw new Error("did not compile")
    for (const text of ["okapi and walrus", "zebra then quagga", "walrus okapi walrus", "quagga zebra quagga"]) {
      assert.isAbove(everyMatchMarked(compiled.success, [text]), 0, text)
    }
  })
})
