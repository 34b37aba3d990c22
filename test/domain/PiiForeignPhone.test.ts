import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { parsePhoneNumberFromString } from "libphonenumber-js/max"
import { detect } from "../../domain/Pii.ts"
import { countryOf, foreignPhones } from "../../domain/Pii/ForeignPhone.ts"

const found = (text: string) => detect(text).map((f) => [f.type, f.text] as const)

// A national number as people write it: a 0, then two to five groups of digits set apart by spaces.
const written = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 2 ** 53 }))
  .map(([first, rest, seed]) => {
    const digits = String(seed).padStart(40, "7")
    let at = 0
    const take = (n: number) => digits.slice(at, (at += n))
    return ["0" + take(first), ...rest.map(take)].join(" ")
  })

describe("national phone numbers of other countries", () => {
  it("found after a phone word when the digits and their grouping fit exactly one country", () => {
    assert.deepStrictEqual(found("Rufen Sie an, Telefon 089 1234567."), [["PHONE_NUMBER", "089 1234567"]])
    assert.deepStrictEqual(found("Mon téléphone : 01 23 45 67 89"), [["PHONE_NUMBER", "01 23 45 67 89"]])
    assert.deepStrictEqual(found("Chiamami al telefono 02 1234 5678"), [["PHONE_NUMBER", "02 1234 5678"]])
    assert.deepStrictEqual(found("tel. 0660 1234567"), [["PHONE_NUMBER", "0660 1234567"]])
    assert.strictEqual(countryOf("089 1234567"), "DE")
    assert.strictEqual(countryOf("01 23 45 67 89"), "FR")
    assert.strictEqual(countryOf("02 1234 5678"), "IT")
  })

  it("not found without a phone word, when two countries fit, or when no country groups it so", () => {
    assert.deepStrictEqual(found("Das kostet 089 1234567 Punkte"), [])
    // Valid and grouped this way in the Netherlands and in Croatia: the digits do not say which.
    assert.strictEqual(countryOf("020 123 4567"), undefined)
    assert.deepStrictEqual(found("phone 020 123 4567"), [])
    // Valid in France, but France writes it 01 23 45 67 89.
    assert.strictEqual(countryOf("0123 456 789"), undefined)
    assert.deepStrictEqual(found("call 01 02 2024"), [])
  })

  it("a reported number is valid in the one country, with its digits and grouping as written", () => {
    fc.assert(fc.property(written, (s) => {
      const country = countryOf(s)
      if (country === undefined) return
      const p = parsePhoneNumberFromString(s, { defaultCountry: country, extract: false })!
      assert.isTrue(p.isValid(), s)
      const shape = (x: string) => x.split(/\D+/).filter(Boolean).map((g) => g.length).join("-")
      assert.strictEqual(shape(p.formatNational()), shape(s), `${s} in ${country}`)
    }), { numRuns: 300 })
  })

  it("proposes nothing without a phone word, and tries at most eight runs after one", () => {
    fc.assert(fc.property(written, (s) => {
      assert.deepStrictEqual(foreignPhones(`x ${s} y`, () => false, []), [])
    }), { numRuns: 200 })
    const many = Array.from({ length: 20 }, () => "tel. 089 1234567").join(", ")
    assert.strictEqual(foreignPhones(many, () => true, []).length, 8)
  })
})
