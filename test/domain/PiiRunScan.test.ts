import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { detect, recognizers } from "../../domain/Pii.ts"
import { yearAt } from "../../domain/Pii/DateTime.ts"
import { nrb } from "../../domain/Pii/Financial.ts"
import { digitRuns, withFullScans } from "../../domain/Pii/RunScan.ts"
import { anyEntity } from "./PiiGenerators.ts"
import { nearMissByType } from "./PiiNearMisses.ts"

// Values of every type and near misses among digits, joiners, capitals and the letters that open numbers.
const value = fc.oneof({ arbitrary: anyEntity, weight: 2 }, { arbitrary: fc.oneof(...Object.values(nearMissByType)), weight: 1 }).map((w) => w.written)
const noise = fc.string({ unit: fc.constantFrom(..."0123456789 -./:+PLABCbcxZ\n".split("")), maxLength: 30 })
const sep = fc.constantFrom(" ", " ", " ", ", ", "\n", "", "-", ".", " PL", " ABC ", " bc")
const text = fc.array(fc.tuple(fc.oneof(value, value, value, noise), sep), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([p, s]) => p + s).join(""))

describe("number patterns tried at digit runs", () => {
  it("every recogniser finds what it finds with whole-text scans", () => {
    let found = 0
    fc.assert(fc.property(text, (t) => {
      for (const r of recognizers) {
        const anchored = r(t)
        found += anchored.length
        assert.deepStrictEqual(anchored, withFullScans(() => r(t)), `${r.name} on ${JSON.stringify(t)}`)
      }
    }), { numRuns: 4000 })
    assert.ok(found > 4000, `only ${found} candidates: the texts do not exercise the recognisers`)
    // Openings before the digits: "PL " before a NIP (three back), three capitals and a space before an ID card (four).
    assert.deepStrictEqual(detect("NIP: PL 1234563218, dowód ABC 123458").map((f) => [f.type, f.text]), [["PL_NIP", "PL 1234563218"], ["PL_ID_CARD", "ABC 123458"]])
    // An account number written in one run opens with a run of 26 digits, not 2.
    assert.deepStrictEqual(nrb("nr 61109010140000071219812874").map((c) => c.start), [3])
  })

  it("digitRuns lists each maximal run once, for the text asked about", () => {
    const runs = (t: string) => { const r = digitRuns(t); return Array.from({ length: r.count }, (_, k) => [r.starts[k], r.ends[k]]) }
    assert.deepStrictEqual(runs("a1 22-333x"), [[1, 2], [3, 5], [6, 9]])
    assert.deepStrictEqual(runs("none"), [])
    const long = "7 ".repeat(600)
    assert.strictEqual(runs(long).length, 600)
    assert.deepStrictEqual(runs("a1 22-333x"), [[1, 2], [3, 5], [6, 9]])
  })

  it("years are the four-digit runs from 1800 to 2199, where the year pattern matched", () => {
    const YEAR = /(?<!\d)(?:1[89]|2[01])\d\d(?!\d)/g
    const years = (t: string) => { const r = digitRuns(t); return Array.from({ length: r.count }, (_, k) => r.starts[k]!).filter((s, k) => r.ends[k]! - s === 4 && yearAt(t, s)) }
    const digitsy = fc.string({ unit: fc.constantFrom(..."0123456789012 18 19 20 21 22 17.-x".split(" ")), maxLength: 30 })
    fc.assert(fc.property(fc.oneof(text, digitsy), (t) => assert.deepStrictEqual(years(t), [...t.matchAll(YEAR)].map((m) => m.index), JSON.stringify(t))), { numRuns: 5000 })
    assert.deepStrictEqual(years("1799 1800 2199 2200 18000 x2024"), [5, 10, 27])
  })
})
