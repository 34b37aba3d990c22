import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { nhsValid, nipValid, regonValid } from "../../domain/Checksums.ts"
import { detect } from "../../domain/Pii.ts"
import { FIT, fitLanguage, HOME } from "../../domain/Pii/HomeLanguage.ts"
import type { Candidate } from "../../domain/Pii/Types.ts"
import { digits, nhsDigits, nipDigits, regon9Digits } from "./PiiGenerators.ts"

// Carriers whose language the detector settles without doubt.
const PL = (v: string) => `Proszę wystawić fakturę ${v} do końca tygodnia, bo jest pilna.`
const EN = (v: string) => `Please book the scan ${v} for next week, it is urgent.`
const found = (text: string) => detect(text).map((f) => [f.type, f.text] as const)

const candidateIn = fc.tuple(fc.constantFrom("PL_NIP", "UK_NHS", "PL_REGON", "PHONE_NUMBER"), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }))

describe("bare nine- and ten-digit numbers", () => {
  it("fitLanguage only raises bare NIP/NHS candidates in their home language, by FIT, never above 1, spans untouched", () => {
    fc.assert(fc.property(candidateIn, fc.constantFrom("pl", "en", "unknown") as fc.Arbitrary<"pl" | "en" | "unknown">, ([type, bare, score], lang) => {
      const value = bare ? "5260250044" : "526-025-00-44"
      const text = `x ${value} y`
      const c: Candidate = { type, start: 2, end: 2 + value.length, score }
      const [out] = fitLanguage(text, [c], () => lang)
      assert.deepStrictEqual([out!.type, out!.start, out!.end], [c.type, c.start, c.end])
      const raised = bare && HOME[type] === lang
      assert.strictEqual(out!.score, raised ? Math.min(1, score + FIT) : score)
    }))
  })

  it("asks for the language only when a bare NIP or NHS candidate needs it", () => {
    let asked = 0
    fitLanguage("x 600700800 y", [{ type: "PHONE_NUMBER", start: 2, end: 11, score: 0.7 }], () => (asked++, "pl"))
    assert.strictEqual(asked, 0)
  })

  it("a bare valid NIP is a NIP in Polish text, and in English text unless it is also a valid NHS number", () => {
    fc.assert(fc.property(nipDigits, (nip) => {
      assert.deepStrictEqual(found(PL(nip)), [["PL_NIP", nip]])
      assert.deepStrictEqual(found(EN(nip)), [[nhsValid(nip) ? "UK_NHS" : "PL_NIP", nip]])
    }), { numRuns: 300 })
  })

  it("a bare valid NHS number is an NHS number in English text, and in Polish text unless it is also a valid NIP", () => {
    fc.assert(fc.property(nhsDigits, (nhs) => {
      assert.deepStrictEqual(found(EN(nhs)), [["UK_NHS", nhs]])
      assert.deepStrictEqual(found(PL(nhs)), [[nipValid(nhs) ? "PL_NIP" : "UK_NHS", nhs]])
    }), { numRuns: 300 })
  })

  it("ten bare digits that pass neither checksum are nothing", () => {
    fc.assert(fc.property(digits(10).filter((d) => !nipValid(d) && !nhsValid(d)), (d) => {
      assert.deepStrictEqual(found(PL(d)), [])
      assert.deepStrictEqual(found(EN(d)), [])
    }), { numRuns: 300 })
  })

  it("a bare valid REGON-9 is a REGON unless its digits are a Polish mobile number; after 'REGON' always a REGON", () => {
    fc.assert(fc.property(regon9Digits, (regon) => {
      const types = found(PL(regon)).map(([t]) => t)
      assert.isTrue(types.length === 1 && (types[0] === "PL_REGON" || types[0] === "PHONE_NUMBER"), `${regon}: ${types}`)
      assert.deepStrictEqual(found(`REGON ${regon}`), [["PL_REGON", regon]])
    }), { numRuns: 300 })
  })

  it("nine bare digits that are no REGON and no mobile number are nothing without a phone word", () => {
    // 221234567 is a Warsaw fixed-line number; 600700800 a mobile one.
    assert.isFalse(regonValid("221234567"))
    assert.deepStrictEqual(found(PL("221234567")), [])
    assert.deepStrictEqual(found("Mój tel. 221234567"), [["PHONE_NUMBER", "221234567"]])
    assert.deepStrictEqual(found(PL("600700800")), [["PHONE_NUMBER", "600700800"]])
  })
})
