import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { luhnCheckDigit, luhnValid, peselBirthDate, peselCheckDigit, peselValid } from "../../domain/Checksums.ts"
import { digitChange, validCardDigits, validPesel } from "./Generators.ts"

describe("Checksums", () => {
  it("accepts known-good numbers and rejects their neighbours", () => {
    assert.isTrue(peselValid("44051401359"))
    assert.isFalse(peselValid("44051401358"))
    assert.isTrue(luhnValid("4111111111111111"))
    assert.isFalse(luhnValid("4111111111111112"))
    assert.isTrue(luhnValid("79927398713"))
    assert.strictEqual(luhnCheckDigit("7992739871"), 3)
    assert.strictEqual(peselCheckDigit("4405140135"), 9)
  })

  it("rejects malformed input", () => {
    for (const bad of ["", "4405140135", "440514013590", "4405140135a", " 44051401359"]) assert.isFalse(peselValid(bad))
    for (const bad of ["", "1", "4111 1111 1111 1111", "41111111111111x1"]) assert.isFalse(luhnValid(bad))
  })

  it("decodes the century from the month", () => {
    assert.deepStrictEqual(peselBirthDate("44051401359"), { year: 1944, month: 5, day: 14 })
    assert.deepStrictEqual(peselBirthDate("02270803628")?.year, 2002)
    assert.deepStrictEqual(peselBirthDate("99881200000")?.year, 1899)
    assert.deepStrictEqual(peselBirthDate("05421200000")?.year, 2105)
    assert.deepStrictEqual(peselBirthDate("05621200000")?.year, 2205)
    // 1900 was not a leap year, 2000 was; months 13-20 encode nothing.
    assert.isUndefined(peselBirthDate("00022900000"))
    assert.deepStrictEqual(peselBirthDate("00222900000"), { year: 2000, month: 2, day: 29 })
    assert.isUndefined(peselBirthDate("00130100000"))
    assert.isUndefined(peselBirthDate("00043100000"))
  })

  it("every generated PESEL is valid and every single-digit change of it is not", () => {
    fc.assert(fc.property(validPesel.chain((p) => fc.tuple(fc.constant(p), digitChange(p))), ([pesel, changed]) => {
      assert.isTrue(peselValid(pesel), pesel)
      assert.isFalse(peselValid(changed), `${pesel} → ${changed}`)
    }), { numRuns: 500 })
  })

  it("every generated card number passes Luhn and every single-digit change fails", () => {
    fc.assert(fc.property(validCardDigits.chain((c) => fc.tuple(fc.constant(c), digitChange(c))), ([card, changed]) => {
      assert.isTrue(luhnValid(card), card)
      assert.isFalse(luhnValid(changed), `${card} → ${changed}`)
    }), { numRuns: 500 })
  })
})
