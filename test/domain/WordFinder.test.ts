import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { wordFinder } from "../../domain/WordFinder.ts"

// Small alphabets so that words overlap, nest and repeat; "é" and "😀" take the non-ASCII path of the scan.
const piece = fc.constantFrom("a", "b", "ab", "abc", "bca", "cab", "abab", "é", "aé", "😀", "b😀", " ", "x y")
const textChar = fc.constantFrom("a", "b", "c", " ", "é", "😀", "y", "x")

const occurrences = (text: string, word: string): Array<number> => {
  const out: Array<number> = []
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) out.push(at)
  return out
}

describe("WordFinder", () => {
  it("reports for every word exactly where indexOf first (and lastIndexOf last) finds it, and every occurrence of the longer ones", () => {
    fc.assert(fc.property(fc.uniqueArray(piece, { minLength: 1, maxLength: 8 }), fc.array(textChar, { maxLength: 40 }), (words, chars) => {
      const finder = wordFinder(words)
      const text = chars.join("")
      const found = finder.scan(text)
      const present = new Set(Array.from(found.present.subarray(0, found.count)))
      for (const w of words) {
        const id = finder.id(w)!
        assert.strictEqual(found.first[id], text.indexOf(w), `${w} in ${text}`)
        assert.strictEqual(present.has(id), text.includes(w))
        assert.strictEqual(found.last[id], text.lastIndexOf(w), `${w} in ${text}`)
        if (w.length > 2) {
          const listed: Array<number> = []
          for (let e = found.head[id]!; e >= 0; e = found.link[e]!) listed.push(found.at[e]!)
          assert.deepStrictEqual(listed, occurrences(text, w), `${w} in ${text}`)
        }
      }
    }), { numRuns: 2000 })
  })

  it("answers first and last as indexOf and lastIndexOf for texts scanned one after another (arrays reused)", () => {
    fc.assert(fc.property(fc.uniqueArray(piece, { minLength: 1, maxLength: 8 }), fc.array(fc.array(textChar, { maxLength: 30 }), { minLength: 2, maxLength: 5 }), (words, texts) => {
      const finder = wordFinder(words)
      for (const text of texts.map((chars) => chars.join(""))) {
        const found = finder.scan(text)
        for (const w of words) {
          assert.strictEqual(found.first[finder.id(w)!], text.indexOf(w), `${w} in ${text}`)
          assert.strictEqual(found.last[finder.id(w)!], text.lastIndexOf(w), `${w} in ${text}`)
        }
      }
    }), { numRuns: 1000 })
  })

  it("gives each distinct word one id and knows no others", () => {
    const finder = wordFinder(["ignore", "ignore", "rules"])
    assert.deepStrictEqual(finder.words, ["ignore", "rules"])
    assert.isUndefined(finder.id("prompt"))
    const found = finder.scan("please ignore the rules, ignore them")
    assert.strictEqual(found.first[finder.id("ignore")!], 7)
    assert.strictEqual(found.first[finder.id("rules")!], 18)
  })

  it("a later scan of another text replaces the earlier findings", () => {
    const finder = wordFinder(["abc"])
    assert.strictEqual(finder.scan("xxabc").first[0], 2)
    assert.strictEqual(finder.scan("zzz").first[0], -1)
    assert.strictEqual(finder.scan("abcabc").head[0], 0)
  })
  it("with more states than a 16-bit table holds (the 32-bit table), still finds exactly what indexOf finds", () => {
    // 4,000 distinct 12-letter words make about 40,000 trie states.
    const words = Array.from({ length: 4000 }, (_, i) => `w${i.toString(36).padStart(3, "0")}${"abcdefgh".slice(i % 8)}${"xyz".repeat(3)}`.slice(0, 12))
    const finder = wordFinder(words)
    fc.assert(fc.property(fc.array(fc.constantFrom(...words.slice(0, 50), ...words.slice(-50), "w", "xyz", " ", "é"), { maxLength: 30 }), (pieces) => {
      const text = pieces.join("")
      const found = finder.scan(text)
      for (const w of new Set([...pieces, words[0]!, words[3999]!])) {
        const id = finder.id(w)
        if (id === undefined) continue
        assert.strictEqual(found.first[id], text.indexOf(w), `${w} in ${text}`)
        const listed: Array<number> = []
        for (let e = found.head[id]!; e >= 0; e = found.link[e]!) listed.push(found.at[e]!)
        assert.deepStrictEqual(listed, occurrences(text, w), `${w} in ${text}`)
      }
    }), { numRuns: 300 })
  })

  // Texts of 256 units or more run as four streams, each warmed up on the end of the quarter before; a
  // budget of a few columns makes most units share one, so the automaton finds far more ends than occur.
  it("long texts (four streams) and a small column budget (shared columns) find exactly what indexOf finds", () => {
    const longPiece = fc.constantFrom("ab", "abc", "bca", "cab", "abab", "ba", "é", "aé", "😀", "b😀", " ", "x y", "cccccc", "d", "[x]")
    fc.assert(fc.property(
      fc.uniqueArray(longPiece, { minLength: 1, maxLength: 10 }),
      fc.array(fc.constantFrom("a", "b", "c", "d", " ", "é", "😀", "x", "y", "[", "]", "ab", "abc"), { minLength: 100, maxLength: 700 }),
      fc.constantFrom(3, 4, 6, 32),
      (words, chars, budget) => {
        const finder = wordFinder(words, budget)
        const text = chars.join("")
        const found = finder.scan(text)
        for (const w of words) {
          const id = finder.id(w)!
          assert.strictEqual(found.first[id], text.indexOf(w), `${w} (budget ${budget})`)
          assert.strictEqual(found.last[id], text.lastIndexOf(w))
          if (w.length > 2) {
            const listed: Array<number> = []
            for (let e = found.head[id]!; e >= 0; e = found.link[e]!) listed.push(found.at[e]!)
            assert.deepStrictEqual(listed, occurrences(text, w), `${w} (budget ${budget})`)
          }
        }
      }
    ), { numRuns: 500 })
  })

  it("a word ending exactly where one stream's quarter ends, or straddling two quarters, is found once", () => {
    const finder = wordFinder(["needle", "dle n"])
    // 613 units: quarters of 153 (the last stream reads the one left over), the second boundary at 306.
    for (let at = 296; at < 312; at++) {
      const text = "x".repeat(at) + "needle needle" + "y".repeat(600 - at)
      const found = finder.scan(text)
      const listed: Array<number> = []
      for (let e = found.head[0]!; e >= 0; e = found.link[e]!) listed.push(found.at[e]!)
      assert.deepStrictEqual(listed, [at, at + 7])
      assert.strictEqual(found.first[1], at + 3)
    }
  })

  it("a word longer than a quarter: streams that would start before the text start at its start", () => {
    const long = "abcdefghij".repeat(12)
    const finder = wordFinder([long, "jab"])
    for (const at of [0, 1, 70, 140, 150, 180]) {
      const text = "x".repeat(at) + long + "y".repeat(300 - at)
      const found = finder.scan(text)
      assert.strictEqual(found.first[0], at, `at ${at}`)
      const listed: Array<number> = []
      for (let e = found.head[1]!; e >= 0; e = found.link[e]!) listed.push(found.at[e]!)
      assert.deepStrictEqual(listed, occurrences(text, "jab"))
    }
  })
})
