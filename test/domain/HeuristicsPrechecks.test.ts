import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { analyze, GREEK_OR_CYRILLIC_BLOCKS } from "../../domain/Heuristics.ts"
import { normalizeWithFacts } from "../../domain/Normalize.ts"

// The obfuscation tests run behind cheap character prechecks; these show the prechecks never hide a match.
const SPACED = /(?<!\p{L})\p{L}(?:[ .\-_*]\p{L}(?!\p{L})){5,}/u
const MIXED = /\p{Script=Latin}[\p{Script=Cyrillic}\p{Script=Greek}]|[\p{Script=Cyrillic}\p{Script=Greek}]\p{Script=Latin}/u
const INVISIBLE_IN_WORD = /\p{L}[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]+\p{L}/u
const fired = (text: string, id: string) => analyze(text).evidence.includes(id)

describe("heuristics prechecks", () => {
  it("every Greek and Cyrillic code point is in the blocks the mixed-script precheck looks for", () => {
    const script = /[\p{Script=Cyrillic}\p{Script=Greek}]/u
    for (let c = 0; c <= 0x10FFFF; c++) {
      if (c >= 0xD800 && c <= 0xDFFF) continue
      const ch = String.fromCodePoint(c)
      if (script.test(ch)) assert.isTrue(GREEK_OR_CYRILLIC_BLOCKS.test(ch), c.toString(16))
    }
  })

  const char = fc.constantFrom("a", "B", "é", "Ж", "α", "𝐚", "中", " ", ".", "-", "_", "*", "1", "\n", "“", "\u200B", "\u00AD", "😀")
  it("the obfuscation signals fire exactly when their full expressions match", () => {
    fc.assert(fc.property(fc.array(char, { maxLength: 30 }), (cs) => {
      const text = cs.join("")
      assert.strictEqual(fired(text, "ob.spaced_letters"), SPACED.test(text), JSON.stringify(text))
      assert.strictEqual(fired(text, "ob.mixed_script_word"), MIXED.test(text), JSON.stringify(text))
      assert.strictEqual(fired(text, "ob.invisible_in_word"), INVISIBLE_IN_WORD.test(text), JSON.stringify(text))
    }), { numRuns: 1500 })
  })

  // Letters that fold to one ASCII letter, to two ("ß", "æ"), stay as they are (inert: "ж", "中", astral), or
  // need the Unicode steps ("А" homoglyph, "İ", "ﬁ", a combining mark); separators, backslashes, digits.
  const spacedChar = fc.constantFrom("a", "Z", "ł", "Ż", "é", "ß", "æ", "ж", "Ж", "中", "𐐀", "𝐚", "А", "İ", "ﬁ", "e\u0301", "Σ",
    " ", " ", ".", "-", "_", "*", "\\", "1", "@", "'", "\n", "\t", "\u00A0", "\u200B", "“", "😀")
  it("normalisation says letters may be spaced out whenever the spacing expressions match the raw text", () => {
    const ascii = /(?<![A-Za-z])[A-Za-z](?:[ .\-_*][A-Za-z](?![A-Za-z])){5,}/
    let ruledOut = 0
    // Half of them folding to two letters, so that some runs have no two single letters in a row once folded.
    const letter = fc.oneof(fc.constantFrom("ß", "æ"), fc.constantFrom("a", "Z", "ł", "Ż", "é", "ж", "中", "𐐀", "А", "İ"))
    // Runs of single letters between separators, with noise around and inside, or any characters.
    const run = fc.tuple(fc.array(spacedChar, { maxLength: 4 }), fc.array(fc.tuple(letter, fc.constantFrom(" ", ".", "-", "_", "*", "\\")), { minLength: 4, maxLength: 8 }), fc.array(spacedChar, { maxLength: 4 }))
      .map(([before, pairs, after]) => [...before, ...pairs.flat(), ...after])
    fc.assert(fc.property(fc.oneof(fc.array(spacedChar, { maxLength: 30 }), run), (cs) => {
      const text = cs.join("")
      if (normalizeWithFacts(text).maySpaceLetters) return
      ruledOut++
      assert.isFalse(SPACED.test(text), JSON.stringify(text))
      assert.isFalse(ascii.test(text), JSON.stringify(text))
    }), { numRuns: 20000 })
    assert.isAbove(ruledOut, 1000)
  })
})
