import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { foldText, wordsOf } from "../../domain/FeaturesText.ts"
import { foldedView, wordOf } from "../../domain/FeaturesView.ts"

// The characters where a per-character fold could go wrong: case with context (Greek sigma), several
// characters out of one (ß, İ, ligatures, …), marks, whitespace outside ASCII, invisible and tag
// characters, surrogate pairs, and the look-alikes.
const tricky = fc.constantFrom(
  "Σ", "σ", "ς", "ΣΑΣ", "Ἄ", "ß", "ẞ", "İ", "ı", "ﬁ", "…", "½", "™", "Ω", "ℌ", "\u0301", "e\u0301", "\u0345",
  "\u00a0", "\u2028", "\u2029", "\u3000", "\u1680", "\u2003", "\u202f", "\u0085", "\u00ad", "\u200b", "\u200d",
  "\u202e", "\u2066", "\ufeff", "\u180e", "\u{e0041}", "\u{e0069}", "\u{e007f}", "😀", "𝐀", "中文", "ｆｕｌｌ",
  "ą", "Ł", "ż", "Ź", "ó", "а", "Р", "ѕ", "ӏ", "ø", "đ", "\t", "\n", "  ", "\r\n", "é", "Ǆ", "ǅ", "ȷ", "Ⅻ",
  "\ud800", "\udfff", "a\udc00b"
)
const piece = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 .,'!?-]{1,8}$/),
  tricky,
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.string({ unit: fc.integer({ min: 0x80, max: 0x2200 }).map((c) => String.fromCharCode(c)), maxLength: 4 })
)
const text = fc.array(piece, { maxLength: 30 }).map((ps) => ps.join(""))

const viewed = (t: string) => {
  const v = foldedView(t)
  const folded = String.fromCharCode(...v.codes.subarray(1, v.length + 1))
  const words = Array.from({ length: v.words }, (_, w) => wordOf(v, w))
  return { folded, words, pad: [v.codes[0], v.codes[v.length + 1]] }
}

describe("folded view", () => {
  it("equals foldText and wordsOf on any text", () =>
    fc.assert(fc.property(text, (t) => {
      const v = viewed(t)
      const folded = foldText(t)
      assert.strictEqual(v.folded, folded)
      assert.deepStrictEqual(v.words, wordsOf(folded))
      assert.deepStrictEqual(v.pad, [32, 32])
    }), { numRuns: 3000 }))

  it("the last text's view is kept, and a new text replaces it", () => {
    const a = viewed("Zażółć  GĘŚLĄ jaźń")
    assert.deepStrictEqual(a.words, ["zazolc", "gesla", "jazn"])
    assert.strictEqual(viewed("Zażółć  GĘŚLĄ jaźń").folded, a.folded)
    assert.strictEqual(viewed("ΣΑΣ ok").folded, foldText("ΣΑΣ ok"))
    assert.strictEqual(viewed(" ").folded, "")
    assert.strictEqual(viewed("x".repeat(20000) + " Ą").folded, "x".repeat(20000) + " a")
  })

  it("characters that fold to several codes, then a long ASCII tail, fit the buffer", () => {
    const t = "\ufb03".repeat(10000) + " Ab".repeat(30000)
    assert.strictEqual(viewed(t).folded, foldText(t))
    assert.deepStrictEqual(viewed(t).words, wordsOf(foldText(t)))
  })

  it("a long text with many words grows the buffers without losing spans", () => {
    const t = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(" \u00a0")
    assert.deepStrictEqual(viewed(t).words, wordsOf(foldText(t)))
  })
})
