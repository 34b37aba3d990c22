import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { gateProgram, latestStart } from "../../domain/GateProgram.ts"
import { wordFinder } from "../../domain/WordFinder.ts"

// The nested reading the flat program replaced, with `first` telling which words are present.
const nested = (gate: ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>, first: Int32Array, last: Int32Array): number => {
  let latest = -1
  for (const groups of gate) {
    let alternative = Number.MAX_SAFE_INTEGER
    for (const group of groups) {
      let lastOfGroup = -1
      for (const id of group) if (first[id]! >= 0 && last[id]! > lastOfGroup) lastOfGroup = last[id]!
      if (lastOfGroup < alternative) alternative = lastOfGroup
      if (alternative < 0) break
    }
    if (alternative > latest) latest = alternative
  }
  return latest
}

const WORDS = ["ign", "ore", "rules", "abc", "you", "your", "a b", "bc", "x"]
const gate = fc.array(fc.array(fc.array(fc.integer({ min: 0, max: WORDS.length - 1 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 })
const text = fc.array(fc.constantFrom("ign", "ore", "rules", "abc", "you", "r", " ", "b", "x", "a"), { maxLength: 30 }).map((p) => p.join(""))

describe("GateProgram", () => {
  it("gives the latest start the nested gate gives, over the word pass of texts scanned one after another", () => {
    const finder = wordFinder(WORDS)
    fc.assert(fc.property(gate, fc.array(text, { minLength: 1, maxLength: 4 }), (g, texts) => {
      const ids = g.map((groups) => groups.map((group) => group.map((k) => finder.id(WORDS[k]!)!)))
      const program = gateProgram(ids)
      for (const t of texts) {
        const found = finder.scan(t)
        assert.strictEqual(latestStart(program, found.last), nested(ids, found.first, found.last), `${JSON.stringify(g)} on ${t}`)
      }
    }), { numRuns: 3000 })
  })

  it("fails when no alternative has a word of every group, and bounds by the group read last otherwise", () => {
    const finder = wordFinder(WORDS)
    const id = (w: string) => finder.id(w)!
    const program = gateProgram([[[id("ign")], [id("rules"), id("your")]], [[id("abc")]]])
    assert.strictEqual(latestStart(program, finder.scan("ign the rules").last), 0)
    assert.strictEqual(latestStart(program, finder.scan("rules, then ign; your rules").last), 12)
    assert.strictEqual(latestStart(program, finder.scan("ign abc abc").last), 8)
    assert.strictEqual(latestStart(program, finder.scan("rules only").last), -1)
  })
})
