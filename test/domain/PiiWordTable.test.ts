import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { ambiguous, AMBIGUOUS, FIRST, firstNames, lexiconBits, NOT_SURNAME, NOT_SURNAME_BIT, SURNAME, surnames, TITLE, TITLES } from "../../domain/Pii/PersonLexicon.ts"
import { wordHash, wordTable } from "../../domain/Pii/WordTable.ts"

const word = fc.string({ unit: fc.constantFrom(..."aAbBzZąĄłŁ-.é0".split("")), maxLength: 8 })

describe("wordTable answers as the map it was built from", () => {
  it("on random sets and random words, members and not", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(word, fc.integer({ min: 1, max: 31 })), { selector: ([w]) => w, maxLength: 300 }), fc.array(word, { maxLength: 50 }), (entries, queries) => {
      const map = new Map(entries)
      const table = wordTable(map)
      for (const w of [...map.keys(), ...queries]) {
        assert.strictEqual(table.get(w), map.get(w) ?? 0, JSON.stringify(w))
        const text = `x${w}.${w}y`
        assert.strictEqual(table.at(text, 1, 1 + w.length), map.get(w) ?? 0, JSON.stringify(text))
        assert.strictEqual(table.at(text, 2 + w.length, 2 + 2 * w.length), map.get(w) ?? 0, JSON.stringify(text))
      }
    }), { numRuns: 500 })
    assert.strictEqual(wordTable(new Map()).get("x"), 0)
  })

  it("a word whose hash equals a member's is still no member", () => {
    // Two different words of one hash, found by the birthday bound among a few hundred thousand.
    const seen = new Map<number, string>()
    let pair: [string, string] | undefined
    for (let n = 0; pair === undefined; n++) {
      const w = n.toString(36)
      const other = seen.get(wordHash(w))
      if (other !== undefined) pair = [other, w]
      else seen.set(wordHash(w), w)
    }
    const table = wordTable(new Map([[pair[0], 7]]))
    assert.strictEqual(table.get(pair[0]), 7)
    assert.strictEqual(table.get(pair[1]), 0)
    assert.strictEqual(table.at(` ${pair[1]} `, 1, 1 + pair[1].length), 0)
  })

  it("lexiconBits: every word of every PERSON set, and words of none, get the sets' bits", () => {
    const bitsBySet = (w: string) =>
      (TITLES.has(w) ? TITLE : 0) | (NOT_SURNAME.has(w) ? NOT_SURNAME_BIT : 0) | (firstNames.has(w) ? FIRST : 0) |
      (ambiguous.has(w) ? AMBIGUOUS : 0) | (surnames.has(w) ? SURNAME : 0)
    const all = [...TITLES, ...NOT_SURNAME, ...firstNames, ...ambiguous, ...surnames]
    for (const w of all) assert.strictEqual(lexiconBits(w), bitsBySet(w), w)
    for (const w of all) for (const other of [w + "x", w.slice(1), w.toUpperCase(), w + "."]) assert.strictEqual(lexiconBits(other), bitsBySet(other), other)
    fc.assert(fc.property(word, (w) => assert.strictEqual(lexiconBits(w), bitsBySet(w), w)), { numRuns: 5000 })
  })
})
