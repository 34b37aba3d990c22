import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { patterns } from "../../domain/HeuristicPatterns.ts"
import { anchoredSearch } from "../../domain/AnchoredSearch.ts"
import { leadingLiterals } from "../../domain/LeadingLiterals.ts"
import { normalize } from "../../domain/Normalize.ts"
import { sharedWords } from "../../domain/SharedWords.ts"

// Words of the default patterns' vocabulary (openers, objects, fillers), so random texts hit many of them.
const words = fc.constantFrom(
  "ignore", "do", "not", "follow", "all", "previous", "instructions", "your", "system", "prompt", "reveal", "the",
  "never", "refuse", "answer", "as", "dan", "you", "are", "now", "i", "have", "been", "pwned", "[system]", "###",
  "summary:", "done", "end", "of", "input", "a", "+", "b", "execute", "user:", "assistant:", "secret", "key", "="
)
const literals = patterns.map((p) => leadingLiterals(p.pattern.source))

describe("leading literals", () => {
  it("reads the literals a match must start with, across groups and optional spaces", () => {
    assert.deepStrictEqual(leadingLiterals("\\bpwned\\b"), ["pwned"])
    assert.deepStrictEqual([...leadingLiterals("\\b(?:ignore|do ?not)\\b")!].sort(), ["do not", "donot", "ignore"])
    // Up to eight characters, optional spaces read both ways.
    assert.deepStrictEqual([...leadingLiterals("\\bdo ?not ?rules")!].sort(), ["do not r", "do notru", "donot ru", "donotrul"])
    assert.deepStrictEqual([...leadingLiterals("(?:ab)?cd|x+y")!].sort(), ["abcd", "cd", "x"])
    assert.deepStrictEqual([...leadingLiterals("\\[(?:sys|system)\\]")!].sort(), ["[sys]", "[system]"])
  })

  it("gives up where a match can start anywhere", () => {
    for (const src of ["\\w+ing", ".{0,3}x", "(?:abc)?", "[a-z]+q", "(?<name>x)y", "x*"]) assert.isUndefined(leadingLiterals(src), src)
  })

  it("every match of a default pattern starts with one of its literals", () => {
    fc.assert(fc.property(fc.array(words, { maxLength: 14 }), fc.constantFrom(" ", ""), (ws, sep) => {
      const text = normalize(ws.join(sep))
      patterns.forEach((p, i) => {
        const m = new RegExp(p.pattern.source).exec(text)
        if (m !== null && literals[i] !== undefined) assert.isTrue(literals[i]!.some((l) => text.startsWith(l, m.index)), `${p.id}: ${text}`)
      })
    }), { numRuns: 400 })
  })

  it("the anchored search finds exactly what the bare expression finds", () => {
    const index = sharedWords()
    const searches = patterns.flatMap((p, i) => {
      const lits = literals[i]
      if (lits === undefined) return []
      for (const l of lits) index.add(l)
      return [{ re: new RegExp(p.pattern.source), search: anchoredSearch(p.pattern.source, lits), lits, id: p.id }]
    })
    fc.assert(fc.property(fc.array(words, { maxLength: 40 }), fc.constantFrom(" ", "", " x "), (ws, sep) => {
      const text = normalize(ws.join(sep))
      const found = index.positions(text)
      for (const s of searches) {
        assert.strictEqual(s.search(text, found, Int32Array.from(s.lits, index.id)), s.re.exec(text)?.[0], `${s.id}: ${text}`)
      }
    }), { numRuns: 300 })
  })

  it("past its try budget the anchored search hands over to an ordinary search from the next start", () => {
    const index = sharedWords()
    index.add("do")
    const search = anchoredSearch("\\bdo ?it\\b", ["do"])
    const text = "do ".repeat(40) + "do it"
    assert.strictEqual(search(text, index.positions(text), Int32Array.of(index.id("do"))), "do it")
  })
  it("with hundreds of starts of several literals (sorted together, past the first buffer) finds what the expression finds", () => {
    const index = sharedWords()
    for (const l of ["ab", "cde"]) index.add(l)
    const source = "\\b(?:ab|cde) ?zz\\b"
    const search = anchoredSearch(source, ["ab", "cde"])
    const re = new RegExp(source)
    fc.assert(fc.property(fc.array(fc.constantFrom("ab ", "cde ", "abzz", "cde zz ", "x "), { minLength: 100, maxLength: 700 }), (pieces) => {
      const text = pieces.join("")
      assert.strictEqual(search(text, index.positions(text), Int32Array.of(index.id("ab"), index.id("cde"))), re.exec(text)?.[0], text)
    }), { numRuns: 200 })
  })

  it("literals the shared index does not hold (id -1) are looked up by the search itself", () => {
    const index = sharedWords()
    index.add("cde")
    const source = "\\b(?:[.#]|cde) ?zz\\b"
    const search = anchoredSearch(source, [".", "#", "cde"])
    const re = new RegExp(source)
    fc.assert(fc.property(fc.array(fc.constantFrom(". ", "#zz ", "cde ", ".zz", "x ", "# ", "cde zz "), { maxLength: 120 }), (pieces) => {
      const text = pieces.join("")
      assert.strictEqual(search(text, index.positions(text), Int32Array.of(-1, -1, index.known("cde"))), re.exec(text)?.[0], text)
    }), { numRuns: 500 })
  })
})
