import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { detect, recognizers } from "../../domain/Pii.ts"
import { namedDate, numericDate } from "../../domain/Pii/DateTime.ts"
import { creditCard, crypto, iban, nrb } from "../../domain/Pii/Financial.ts"
import { foreignPhones, MIN_DIGITS as FOREIGN_MIN_DIGITS } from "../../domain/Pii/ForeignPhone.ts"
import { ukNhs, usSsn } from "../../domain/Pii/NationalIds.ts"
import { email, ipv4, ipv6Hint, macHint, urlHint } from "../../domain/Pii/Network.ts"
import { phone } from "../../domain/Pii/Phone.ts"
import { nip } from "../../domain/Pii/PolishIds.ts"
import type { Recognizer } from "../../domain/Pii/Types.ts"
import { mayMatch, needs, shapeOf } from "../../domain/Pii/Shape.ts"
import { anyEntity } from "./PiiGenerators.ts"
import { nearMissByType } from "./PiiNearMisses.ts"

// Values of every type (and near misses, cut or grown by a digit) between bits of prose, digits and separators.
const filler = fc.string({ unit: fc.constantFrom(..."0123456789 -.:/+()PLabcAB\n".split("")), maxLength: 12 })
// Runs with capitals, letters and "bc" about them: IBAN and Bitcoin starts that just qualify or just miss.
const lettered = fc.string({ unit: fc.constantFrom("1", "3", "0", "19", "20", "21", "PL", "GB", "bc", "BC", "q", "x", "a", " ", "-"), maxLength: 16 })
// Digits and every joiner the number patterns know, densely: stretches that just reach or miss a gate.
const numberish = fc.string({ unit: fc.constantFrom(..."0123456789012345678901234567890123456789  --..()+,PL".split("")), maxLength: 40 })
const value = fc.oneof(anyEntity, ...Object.values(nearMissByType)).map((w) => w.written)
const text = fc.array(fc.oneof(value, filler, numberish, lettered), { minLength: 1, maxLength: 6 })
  .chain((parts) => fc.constantFrom(" ", "", "-", ".").map((sep) => parts.join(sep)))

const OLD_MAC_HINT = /[0-9A-Fa-f]{2}([:\-])[0-9A-Fa-f]{2}\1[0-9A-Fa-f]{2}\1[0-9A-Fa-f]{2}\1|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\./
const hexish = fc.string({ unit: fc.constantFrom(..."0a9Ff:-. gG".split("")), maxLength: 40 })

// The e-mail pattern as it was scanned before: from the start of the text, at every position.
const OLD_EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g
const mailish = fc.string({ unit: fc.constantFrom(..."ab.Z9_%+-@ @.x@é".split("")), maxLength: 50 })

describe("trigger prefilters", () => {
  it("email, tried only from the local part before each @, finds what a scan from the start finds", () => {
    fc.assert(fc.property(fc.oneof(mailish, text), (t) => {
      const expected = [...t.matchAll(OLD_EMAIL)].map((m) => [m.index, m[0]])
      assert.deepStrictEqual(email(t).map((c) => [c.start, t.slice(c.start, c.end)]), expected, JSON.stringify(t))
    }), { numRuns: 20000 })
    assert.deepStrictEqual(email("a@b a.b@c.de, x@y.pl").map((c) => [c.start, c.end]), [[4, 12], [14, 20]])
    // The second @'s local part starts inside the first address: no second address, as in the scan.
    assert.deepStrictEqual(email("a@b.co+x@y.pl").map((c) => [c.start, c.end]), [[0, 6]])
    assert.deepStrictEqual([..."a@b.co+x@y.pl".matchAll(OLD_EMAIL)].map((m) => m.index), [0])
  })

  it("shapeOf counts digits, the longest run and the longest joined stretches", () => {
    const none = { dateRuns: 0, years: 0, ibanStarts: 0, btcStarts: 0 }
    assert.deepStrictEqual(shapeOf("ab 12-345 6"), { digits: 6, longestRun: 3, longestSpaced: 6, longestPhone: 6, dottedRuns: 1, ...none, dateRuns: 2 })
    assert.deepStrictEqual(shapeOf("no digits"), { digits: 0, longestRun: 0, longestSpaced: 0, longestPhone: 0, dottedRuns: 0, ...none })
    assert.deepStrictEqual(shapeOf("+48 (22) 123, 10.0.0.1 5"), { digits: 13, longestRun: 3, longestSpaced: 3, longestPhone: 7, dottedRuns: 4, ...none, dateRuns: 4 })
    assert.deepStrictEqual(shapeOf("1 2  3, 4"), { digits: 4, longestRun: 1, longestSpaced: 2, longestPhone: 3, dottedRuns: 1, ...none, dateRuns: 1 })
    assert.deepStrictEqual(shapeOf("PL61 1999 2200 1st bc1q 3x"), {
      digits: 13, longestRun: 4, longestSpaced: 11, longestPhone: 11, dottedRuns: 1, dateRuns: 1, years: 1, ibanStarts: 1, btcStarts: 3
    })
  })

  it("a recogniser skipped by its shape would have found nothing", () => {
    fc.assert(fc.property(text, (t) => {
      const shape = shapeOf(t)
      for (const r of recognizers) if (!mayMatch(r, shape)) assert.deepStrictEqual(r(t), [], `${r.name} on ${JSON.stringify(t)}`)
    }), { numRuns: 6000 })
  })

  it("foreign numbers are looked for only where a stretch of digits is long enough to hold one", () => {
    // National numbers as written abroad: a 0, then groups of digits set apart by spaces or dashes.
    const national = fc.tuple(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 5 }), fc.integer({ min: 0, max: 2 ** 53 }), fc.constantFrom(" ", "-"))
      .map(([sizes, seed, sep]) => {
        const digits = "0" + String(seed).padStart(30, "4")
        let at = 0
        return sizes.map((n) => digits.slice(at, (at += n))).join(sep)
      })
    let found = 0
    fc.assert(fc.property(fc.oneof(text, national), (t) => {
      const phones = foreignPhones(t, () => true, [])
      found += phones.length
      if (phones.length > 0) assert.ok(shapeOf(t).longestSpaced >= FOREIGN_MIN_DIGITS, JSON.stringify(t))
    }), { numRuns: 600 })
    assert.ok(found > 0)
    assert.deepStrictEqual(detect("tel. 0660 1234567").map((f) => f.text), ["0660 1234567"])
  })

  it("a PESEL passes its gate at eleven digits in a row and not at ten", () => {
    assert.ok(needs.size >= 10)
    const shape = shapeOf("44051401359")
    assert.ok(mayMatch(recognizers.find((r) => r.name === "pesel")!, shape))
    assert.ok(!mayMatch(recognizers.find((r) => r.name === "pesel")!, shapeOf("4405140135")))
    assert.deepStrictEqual(detect("PESEL 44051401359").map((f) => f.type), ["PL_PESEL"])
  })

  it("the joined-stretch gates let through the shortest value each recogniser reports, and not one digit less", () => {
    const examples: ReadonlyArray<readonly [Recognizer, string, string]> = [
      [creditCard, "4222222222222", "422222222222"], [nip, "123-456-32-18", "123-456-32-1"], [usSsn, "536-22-1234", "536-22-123"],
      [ukNhs, "943 476 5919", "943 476 591"], [ipv4, "10.0.0.1", "10.0.0 1"], [phone, "+48 (22) 123 45 67", "+48 ( 22) 1"],
      [nrb, "61 1090 1014 0000 0712 1981 2874", "61 1090 1014 0000 0712 1981 287"],
      [numericDate, "24.12.2024", "24.12 2024"], [namedDate, "24 grudnia 2199", "24 grudnia 2200"], [namedDate, "1 May 1800", "1 May 1799"],
      [iban, "PL61 1090 1014 0000 0712 1981 2874", "P61 1090 1014 0000 0712 1981 2874"],
      [crypto, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "BoatSLRHtKNngkdXEeobR76b53LETtpyT"],
      [crypto, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bc qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"]
    ]
    for (const [r, found, short] of examples) {
      assert.ok(r(found).length > 0 && mayMatch(r, shapeOf(found)), found)
      assert.ok(!mayMatch(r, shapeOf(short)), short)
    }
  })

  it("urlHint and ipv6Hint answer as the regexes they replaced", () => {
    const URL_HINT = /:\/\/|www\./i
    const IPV6_HINT = /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:|::[0-9A-Fa-f]/
    const urlish = fc.string({ unit: fc.constantFrom(..."wW.:/ aſ\u212A".split("")), maxLength: 30 })
    const colons = fc.string({ unit: fc.constantFrom(..."0a9Ff:: gG.".split("")), maxLength: 30 })
    fc.assert(fc.property(fc.oneof(urlish, text), (s) => assert.strictEqual(urlHint(s), URL_HINT.test(s), JSON.stringify(s))), { numRuns: 20000 })
    fc.assert(fc.property(fc.oneof(colons, text), (s) => assert.strictEqual(ipv6Hint(s), IPV6_HINT.test(s), JSON.stringify(s))), { numRuns: 20000 })
    assert.ok(urlHint("see WwW.example.com") && urlHint("ftp://x") && !urlHint("ww.w www") && !urlHint(".www"))
    assert.ok(ipv6Hint("fe80::1") && ipv6Hint("a:1234:") && ipv6Hint("::f") && !ipv6Hint("a:12345:") && !ipv6Hint("Note: see"))
  })

  it("macHint answers as the regex it replaced", () => {
    fc.assert(fc.property(hexish, (s) => assert.strictEqual(macHint(s), OLD_MAC_HINT.test(s), JSON.stringify(s))), { numRuns: 20000 })
    assert.ok(macHint("mac 00:1A:2b:3C:4d:5E"))
    assert.ok(macHint("0123.4567.89ab"))
    assert.ok(!macHint("00:1A-2b:3C:4d"))
  })
})
