import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { analyze, GREEK_OR_CYRILLIC_BLOCKS } from "../../domain/Heuristics.ts"

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
})
