import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { idCardValid, luhnCheckDigit, luhnValid, nhsValid, nipValid, peselBirthDate, peselCheckDigit, peselValid, regonValid, ssnValid } from "../../domain/Checksums.ts"
import { BECH32_CHARSET, bitcoinAddressValid } from "../../domain/Pii/Bitcoin.ts"
import { ibanValid } from "../../domain/Pii/Iban.ts"
import { digitChange, validCardDigits, validPesel } from "./Generators.ts"
import { bitcoin, ibanCompact, idCardValue, nhsDigits, nipDigits, regon14Digits, regon9Digits, ssnDigits } from "./PiiGenerators.ts"
import { charChange } from "./PiiNearMisses.ts"

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

describe("Checksums for the other PII types", () => {
  const everyDigitChangeRejected = (gen: fc.Arbitrary<string>, valid: (s: string) => boolean) =>
    fc.assert(fc.property(gen.chain((v) => fc.tuple(fc.constant(v), digitChange(v))), ([v, changed]) => {
      assert.isTrue(valid(v), v)
      assert.isFalse(valid(changed), `${v} → ${changed}`)
    }), { numRuns: 500 })

  it("known numbers", () => {
    assert.isTrue(nipValid("5260250274"))
    assert.isFalse(nipValid("5260250275"))
    assert.isTrue(regonValid("123456785"))
    assert.isTrue(regonValid("12345678512347"))
    assert.isFalse(regonValid("12345678512348"))
    // A 14-digit REGON needs a valid 9-digit REGON in front.
    assert.isFalse(regonValid("12345678412347"))
    assert.isTrue(idCardValid("ABA300000"))
    assert.isFalse(idCardValid("ABA400000"))
    assert.isFalse(idCardValid("aba300000"))
    assert.isTrue(nhsValid("9434765919"))
    assert.isFalse(nhsValid("9434765918"))
    assert.isTrue(ibanValid("PL61109010140000071219812874"))
    assert.isTrue(ibanValid("GB82WEST12345698765432"))
    assert.isFalse(ibanValid("GB82WEST1234569876543"))
    assert.isFalse(ibanValid("XX82WEST12345698765432"))
    assert.isTrue(bitcoinAddressValid("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"))
    assert.isTrue(bitcoinAddressValid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))
    assert.isFalse(bitcoinAddressValid("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"))
  })

  it("SSN: every generated number is accepted; never-issued ranges are not", () => {
    fc.assert(fc.property(ssnDigits, (s) => assert.isTrue(ssnValid(s), s)), { numRuns: 500 })
    for (const bad of ["000123456", "666123456", "900123456", "999123456", "123004567", "123450000", "078051120", "111111111", "12345678", "12345678a"]) {
      assert.isFalse(ssnValid(bad), bad)
    }
  })

  it("NIP, NHS and the ID card reject every single-digit change", () => {
    everyDigitChangeRejected(nipDigits, nipValid)
    everyDigitChangeRejected(nhsDigits, nhsValid)
    fc.assert(fc.property(idCardValue.chain((v) => fc.tuple(fc.constant(v), digitChange(v.slice(3)))), ([v, changedDigits]) => {
      assert.isTrue(idCardValid(v), v)
      assert.isFalse(idCardValid(v.slice(0, 3) + changedDigits), `${v} → ${changedDigits}`)
    }), { numRuns: 500 })
  })

  it("REGON rejects every single-digit change except the scheme's own blind spot (remainder 10 → check digit 0)", () => {
    // A missed change must sit under a check digit of 0: in the 9-digit part when that one is 0,
    // or anywhere in a 14-digit REGON whose final check digit is 0.
    let missed = 0
    fc.assert(fc.property(fc.oneof(regon9Digits, regon14Digits).chain((v) => fc.tuple(fc.constant(v), digitChange(v))), ([v, changed]) => {
      assert.isTrue(regonValid(v), v)
      if (!regonValid(changed)) return
      missed++
      const at = [...v].findIndex((c, i) => c !== changed[i])
      assert.isTrue((at < 8 && v[8] === "0") || (v.length === 14 && at < 13 && v[13] === "0"), `${v} → ${changed}`)
    }), { numRuns: 2000 })
    assert.isBelow(missed, 2000 * 0.05)
  })

  it("IBAN: every generated IBAN passes and every single-digit change fails", () => {
    fc.assert(fc.property(ibanCompact.chain((v) => fc.tuple(fc.constant(v), charChange(v, /\d/, "0123456789"))), ([v, changed]) => {
      assert.isTrue(ibanValid(v), v)
      assert.isFalse(ibanValid(changed), `${v} → ${changed}`)
    }), { numRuns: 500 })
  })

  it("Bitcoin: every generated address passes and every single-character change fails", () => {
    fc.assert(fc.property(bitcoin.chain((v) => {
      const alphabet = v.written.startsWith("bc1") ? BECH32_CHARSET : "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
      return fc.tuple(fc.constant(v.written), charChange(v.written.startsWith("bc1") ? v.written.slice(3) : v.written, /./, alphabet))
    }), ([v, changed]) => {
      const c = v.startsWith("bc1") ? "bc1" + changed : changed
      assert.isTrue(bitcoinAddressValid(v), v)
      assert.isFalse(bitcoinAddressValid(c), `${v} → ${c}`)
    }), { numRuns: 500 })
  })
})
