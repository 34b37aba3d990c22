import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import type { PiiEntity } from "../../domain/Events.ts"
import { detect, redact, resolveOverlaps, runPii } from "../../domain/Pii.ts"
import { email, filler, formattedCard, validPesel } from "./Generators.ts"

const values = (text: string) => detect(text).map((e) => [e.type, text.slice(e.start, e.end)] as const)

const assertWellFormed = (text: string, entities: ReadonlyArray<PiiEntity>) => {
  for (const [i, e] of entities.entries()) {
    assert.isTrue(0 <= e.start && e.start < e.end && e.end <= text.length, JSON.stringify(e))
    const next = entities[i + 1]
    if (next !== undefined) assert.isTrue(e.end <= next.start, `overlap or unsorted: ${JSON.stringify([e, next])}`)
  }
}

/** One generated value of each kind, as written in the text and as it must come back. */
const piiValue = fc.oneof(
  validPesel.map((v) => ({ type: "PL_PESEL", written: v, bare: v })),
  formattedCard.map((c) => ({ type: "CREDIT_CARD", written: c.written, bare: c.digits })),
  email.map((v) => ({ type: "EMAIL_ADDRESS", written: v, bare: v }))
)

describe("Pii", () => {
  it("finds each kind with exact offsets", () => {
    const text = "PESEL 44051401359, mail jan.kowalski@example.com, karta 4111 1111 1111 1111 exp 12/25"
    assert.deepStrictEqual(values(text), [
      ["PL_PESEL", "44051401359"],
      ["EMAIL_ADDRESS", "jan.kowalski@example.com"],
      ["CREDIT_CARD", "4111 1111 1111 1111"]
    ])
    assert.strictEqual(runPii(text).sanitizedText, "PESEL [PL_PESEL], mail [EMAIL_ADDRESS], karta [CREDIT_CARD] exp 12/25")
  })

  it("does not detect a PESEL with a bad check digit, a 12-digit number, or an IBAN as a card", () => {
    assert.deepStrictEqual(values("PESEL 44051401358"), [])
    assert.deepStrictEqual(values("numer 440514013591"), [])
    // An IBAN is found as an IBAN now, and still never as a card; the phone number is a phone number.
    assert.deepStrictEqual(values("konto PL61 1090 1014 0000 0712 1981 2874"), [["IBAN_CODE", "PL61 1090 1014 0000 0712 1981 2874"]])
    assert.deepStrictEqual(values("order 4111111111111112, phone +48 600 700 800"), [["PHONE_NUMBER", "+48 600 700 800"]])
  })

  it("takes the card out of a longer run of digit groups without cutting a group", () => {
    assert.deepStrictEqual(values("in 2024 4111-1111-1111-1111"), [["CREDIT_CARD", "4111-1111-1111-1111"]])
  })

  it("resolves overlaps by score, then length, then position", () => {
    const a = { type: "A", start: 0, end: 10, score: 0.9 }
    const b = { type: "B", start: 5, end: 20, score: 0.95 }
    const c = { type: "C", start: 18, end: 30, score: 0.95 }
    // b and c tie on score and b is longer, so b wins; a and c each overlap b and go.
    assert.deepStrictEqual(resolveOverlaps([a, b, c]), [b])
    assert.deepStrictEqual(resolveOverlaps([c, a]), [a, c])
  })

  it("detects every generated value in prose, cutting exactly the value", () => {
    fc.assert(fc.property(filler, piiValue, filler, (before, v, after) => {
      const text = before + v.written + after
      const found = detect(text)
      assert.deepStrictEqual(found.map((e) => [e.type, text.slice(e.start, e.end)]), [[v.type, v.written]], text)
    }), { numRuns: 400 })
  })

  it("redaction never leaves a detected value in the output", () => {
    fc.assert(fc.property(fc.array(fc.tuple(filler, piiValue), { minLength: 1, maxLength: 4 }), (parts) => {
      const text = parts.map(([f, v]) => f + v.written).join("") + " "
      const { entities, sanitizedText } = runPii(text)
      assert.strictEqual(entities.length, parts.length)
      for (const [, v] of parts) {
        assert.notInclude(sanitizedText, v.written)
        assert.notInclude(sanitizedText.replace(/[ -]/g, ""), v.bare)
        assert.include(sanitizedText, `[${v.type}]`)
      }
    }), { numRuns: 300 })
  })

  it("never returns overlapping, unsorted or out-of-range entities, whatever the text", () => {
    const noisy = fc.string({ unit: fc.constantFrom(..."0123456789 -@.abcxyz".split("")), maxLength: 80 })
    const withValues = fc.tuple(noisy, piiValue, noisy, piiValue).map(([a, v, b, w]) => a + v.written + b + w.written)
    fc.assert(fc.property(fc.oneof(noisy, withValues), (text) => assertWellFormed(text, detect(text))), { numRuns: 1000 })
  })

  it("redact skips overlapping spans instead of garbling the text", () => {
    const text = "abcdefghij"
    assert.strictEqual(
      redact(text, [{ type: "X", start: 2, end: 5, score: 1 }, { type: "Y", start: 4, end: 8, score: 1 }]),
      "ab[X]fghij"
    )
  })

  it("rival context words cancel out: the word next to a REGON is not outvoted by a phone word further away", () => {
    // Found by the generated-types property: "call" is a phone context word, "REGON" a REGON one.
    const found = detect(" call REGON 120000004  the server IP is 0::0:0:0:0:0 .")
    assert.deepStrictEqual(found.map((f) => [f.type, f.text]), [["PL_REGON", "120000004"], ["IP_ADDRESS", "0::0:0:0:0:0"]])
  })
})
