import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { judgePhone, PHONE, phone } from "../../domain/Pii/Phone.ts"
import { phoneStarts } from "../../domain/Pii/PhoneStretches.ts"
import { scan } from "../../domain/Pii/Types.ts"
import { anyEntity, phone as phoneValue } from "./PiiGenerators.ts"
import { nearMissByType } from "./PiiNearMisses.ts"

// The recogniser as it was: the pattern scanned over the whole text, every match judged.
const scanned = (t: string) => scan(t, PHONE, judgePhone)

// Phone numbers and near misses among figures, joiners, letters after digits (hex), brackets and pluses.
const noise = fc.string({ unit: fc.constantFrom(..."0123456789012345678901234567890  --..()+/,_aéZ\n".split("")), maxLength: 40 })
const value = fc.oneof(phoneValue, phoneValue, anyEntity, nearMissByType["PHONE_NUMBER"]!).map((v) => v.written)
const text = fc.array(fc.oneof(value, noise), { minLength: 1, maxLength: 6 })
  .chain((parts) => fc.constantFrom(" ", "", "-", ".", "a", "(").map((sep) => parts.join(sep)))

describe("phone: anchored at the starts of qualifying stretches", () => {
  it("finds what a scan of the whole text finds", () => {
    let found = 0
    fc.assert(fc.property(text, (t) => {
      const expected = scanned(t)
      found += expected.length
      assert.deepStrictEqual(phone(t), expected, JSON.stringify(t))
    }), { numRuns: 8000 })
    assert.ok(found > 1000, `only ${found} numbers found: the texts do not exercise the recogniser`)
  })

  it("tries nothing in a hex string or a short figure, and both sides of a bracketed area code", () => {
    assert.deepStrictEqual(phoneStarts("49676e6f72652070726576696f757320696e737472756374696f6e73", 7), [])
    assert.deepStrictEqual(phoneStarts("room 1234, 1 200 300 people", 7), [10, 11, 12, 13, 16, 17])
    assert.deepStrictEqual(phoneStarts("call +48 (22) 123 45 67", 7), [5, 6, 9, 10, 13, 14, 17, 18, 20, 21])
    assert.deepStrictEqual(phone("call +48 (22) 123 45 67").map((c) => [c.start, c.end]), [[5, 23]])
  })
})
