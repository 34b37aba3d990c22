import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { base64Runs, Mark, mayHoldHex, percentRuns, survey } from "../../domain/EncodedRuns.ts"
import { GREEK_OR_CYRILLIC_BLOCKS } from "../../domain/Heuristics.ts"

const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g
const HEX_RUN = /(?:[0-9a-fA-F]{2}){8,}|(?:\\x[0-9a-fA-F]{2}){4,}|(?:[0-9a-fA-F]{2}[ :,]){7,}[0-9a-fA-F]{2}/
const piece = fc.constantFrom("a", "B", "0", "f", "=", "==", "+", "/", "-", "_", " ", ":", ",", "\\x", "é", "\n", "ab ", "12:", "AAAAAAAAAAAAAAAA", "0123456789abcdef", "de:ad:be:ef")

describe("encoded runs", () => {
  it("base64Runs are exactly the matches of the base64 expression", () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (ps) => {
      const text = ps.join("")
      assert.deepStrictEqual(base64Runs(text), Array.from(text.matchAll(BASE64_RUN), (m) => m[0]), text)
    }), { numRuns: 3000 })
  })

  it("mayHoldHex is false only where the hex expression finds nothing", () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (ps) => {
      const text = ps.join("")
      if (!mayHoldHex(text)) assert.isFalse(HEX_RUN.test(text), text)
    }), { numRuns: 3000 })
  })

  it("survey's hexPairs is exactly whether the pairs expression matches", () => {
    const PAIRS = /[ :,][0-9a-fA-F]{2}[ :,][0-9a-fA-F]{2}[ :,]/
    const bit = fc.constantFrom("a", "B", "0", "f", "g", "=", "==", " ", ":", ",", "é", "\n", "ab", "12", "AAAAAAAAAAAAAAAA", " de:ad,be ", "zz==", "0f=")
    fc.assert(fc.property(fc.array(bit, { maxLength: 40 }), (bs) => {
      const text = bs.join("")
      assert.strictEqual(survey(text).hexPairs, PAIRS.test(text), JSON.stringify(text))
    }), { numRuns: 5000 })
  })

  it("survey's marks say exactly which of the asked-about characters occur (every UTF-16 code unit)", () => {
    const asked: ReadonlyArray<[number, (c: string) => boolean]> = [
      [Mark.percent, (c) => c === "%"], [Mark.ampersand, (c) => c === "&"], [Mark.backslash, (c) => c === "\\"],
      [Mark.dot, (c) => c === "."], [Mark.dash, (c) => c === "-"], [Mark.nonAscii, (c) => !/^[\x00-\x7F]$/.test(c)],
      [Mark.tagHigh, (c) => "x".concat(c).includes("\uDB40")], [Mark.invisible, (c) => /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]/.test(c)],
      [Mark.bidi, (c) => /[\u202A-\u202E\u2066-\u2069]/.test(c)], [Mark.greekOrCyrillic, (c) => GREEK_OR_CYRILLIC_BLOCKS.test(c)]
    ]
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code)
      // Alone, inside a base64 run, and after one (the character that ends a run is read twice).
      for (const text of [c, `AAAAAAAAAAAAAAAA${c}`, `aaaa${c}bb`]) {
        const marks = survey(text).marks
        // The letters around it hold none of the asked-about characters.
        for (const [mark, holds] of asked) if (((marks & mark) !== 0) !== holds(c)) assert.fail(`${code.toString(16)} mark ${mark} in ${JSON.stringify(text)}`)
      }
    }
  })

  it("survey's marks over random texts are the union of their characters' marks", () => {
    fc.assert(fc.property(fc.array(fc.oneof(piece, fc.constantFrom("%", "&", ".", "-", "\u202E", "\u200B", "\uDB40\uDC41", "α", "ж", "é")), { maxLength: 40 }), (ps) => {
      const text = ps.join("")
      let union = 0
      for (const c of text) for (let i = 0; i < c.length; i++) union |= survey(c[i]!).marks
      assert.strictEqual(survey(text).marks, union, JSON.stringify(text))
    }), { numRuns: 3000 })
  })

  it("examples", () => {
    assert.deepStrictEqual(base64Runs("x aWdub3JlIGFsbCBydWxlcw== y shortword"), ["aWdub3JlIGFsbCBydWxlcw=="])
    assert.isTrue(mayHoldHex("payload 69676e6f726520616c6c"))
    assert.isTrue(mayHoldHex("\\x69\\x67\\x6e\\x6f"))
    assert.isTrue(mayHoldHex("69 67 6e 6f 72 65 20 61"))
    assert.isFalse(mayHoldHex("a decade of added faces"))
  })
})

describe("percent-encoded runs", () => {
  const PERCENT_RUN = /\S*(?:%[0-9a-fA-F]{2}){4,}\S*/g
  const bit = fc.constantFrom("%", "%4", "%41", "%4g", "a", " ", "\n", "\u00A0", "\u2003", "é", "%ZZ", "1", "f")
  it("percentRuns are exactly the matches of the percent expression", () => {
    fc.assert(fc.property(fc.array(bit, { maxLength: 40 }), (bs) => {
      const text = bs.join("")
      assert.deepStrictEqual(percentRuns(text), Array.from(text.matchAll(PERCENT_RUN), (m) => m[0]), JSON.stringify(text))
    }), { numRuns: 3000 })
  })
})
