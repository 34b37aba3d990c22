import { assert, describe, it } from "@effect/vitest"
import { Exit } from "effect"
import * as fc from "fast-check"
import { detect, runPii } from "../../domain/Pii.ts"
import { anonymize, hashValue, maskValue, restore } from "../../domain/Pii/Operators.ts"
import { decodePiiConfig, defaultPiiConfig, type Operator, PiiConfig } from "../../domain/PiiConfig.ts"
import { LEADS } from "../../scripts/eval-pii-leads.ts"
import { anyEntity, byType } from "./PiiGenerators.ts"

const withOperator = (op: Operator, salt = "s3cret") =>
  new PiiConfig({ ...defaultPiiConfig, hashSalt: salt, operators: { default: op, byType: {} } })

/** Prose around values: letters and punctuation, never a digit, '@' or a capital (no names, no ids). */
const prose = fc.string({ unit: fc.constantFrom(..."abcdefghij klmnoprstuwyząęłóśźż,!?".split("")), maxLength: 24 }).map((s) => ` ${s} `)

/** A value with its naming word ("PESEL:", "numer konta"), as people write them; both languages. */
const named = fc.tuple(anyEntity, fc.boolean(), fc.nat()).map(([v, pl, k]) => {
  const leads = LEADS[v.type]![pl ? "pl" : "en"]
  return { ...v, lead: leads[k % leads.length]! }
})

const textWith = fc.array(fc.tuple(prose, named), { minLength: 1, maxLength: 4 }).map((parts) => ({
  text: parts.map(([p, v]) => `${p}${v.lead} ${v.written}`).join("") + " .",
  values: parts.map(([, v]) => v)
}))

describe("PII detection properties over every generated type", () => {
  it("finds every named value with offsets that cut exactly its text; findings are sorted and never overlap", () => {
    fc.assert(fc.property(textWith, ({ text, values }) => {
      const found = detect(text)
      for (const [i, f] of found.entries()) {
        assert.strictEqual(text.slice(f.start, f.end), f.text)
        const next = found[i + 1]
        if (next !== undefined) assert.isAtMost(f.end, next.start, JSON.stringify([f, next]))
      }
      for (const v of values) assert.isTrue(found.some((f) => f.type === v.type && f.text === v.written), `${v.type} ${v.written} in ${text}: ${JSON.stringify(found)}`)
    }), { numRuns: 400 })
  })

  it("never overlaps, whatever the text", () => {
    const noisy = fc.string({ unit: fc.constantFrom(..."0123456789 -.:/@+()abcdefABCDEFPLGBKowalskiAnna".split("")), maxLength: 120 })
    fc.assert(fc.property(fc.oneof(noisy, textWith.map((t) => t.text)), (text) => {
      const found = detect(text)
      for (const [i, f] of found.entries()) {
        assert.isTrue(0 <= f.start && f.start < f.end && f.end <= text.length)
        assert.strictEqual(text.slice(f.start, f.end), f.text)
        if (found[i + 1] !== undefined) assert.isAtMost(f.end, found[i + 1]!.start)
      }
    }), { numRuns: 1000 })
  })
})

describe("operators", () => {
  const removing: ReadonlyArray<Operator> = [{ type: "replace" }, { type: "replace", token: "<{type}>" }, { type: "redact" }, { type: "hash" }, { type: "pseudonymize" }]

  it("replace, redact, hash and pseudonymize leave no detected value in the output, and change nothing else", () => {
    fc.assert(fc.property(textWith, fc.constantFrom(...removing), ({ text }, op) => {
      const config = withOperator(op)
      const found = detect(text, config)
      const { text: out } = anonymize(text, found, config)
      for (const f of found) assert.notInclude(out, f.text, `${op.type}: ${f.text}`)
      // Everything between findings is kept as it was, in order.
      let rest = out
      let cursor = 0
      for (const f of found) {
        const gap = text.slice(cursor, f.start)
        assert.isTrue(rest.startsWith(gap), `${op.type}: ${JSON.stringify(gap)} not kept`)
        rest = rest.slice(gap.length)
        const replaced = op.type === "redact" ? "" : op.type === "hash" ? rest.slice(0, 64) : rest.slice(0, rest.indexOf(op.type === "replace" && op.token ? ">" : "]") + 1)
        if (op.type === "hash") assert.match(replaced, /^[0-9a-f]{64}$/)
        rest = rest.slice(replaced.length)
        cursor = f.end
      }
      assert.strictEqual(rest, text.slice(cursor))
    }), { numRuns: 300 })
  })

  it("pseudonymize then restore gives back the original text, even when it already holds token-like strings", () => {
    const tricky = fc.constantFrom("", " [PERSON_1] ", " [EMAIL_ADDRESS_1][PL_PESEL_2] ", " [PHONE_NUMBER_1 ")
    fc.assert(fc.property(textWith, tricky, ({ text }, extra) => {
      const original = extra + text
      const result = runPii(original, withOperator({ type: "pseudonymize" }))
      assert.strictEqual(restore(result.sanitizedText, result.pseudonyms), original)
      for (const token of Object.keys(result.pseudonyms)) assert.notInclude(original, token)
    }), { numRuns: 400 })
  })

  it("numbers pseudonyms per type by first appearance; the same value is always the same token", () => {
    const text = "Anna Nowak pisze do Jana Kowalskiego; Anna Nowak ma e-mail anna@example.com i a@b.pl."
    const { sanitizedText, pseudonyms } = runPii(text, withOperator({ type: "pseudonymize" }))
    assert.strictEqual(sanitizedText, "[PERSON_1] pisze do [PERSON_2]; [PERSON_1] ma e-mail [EMAIL_ADDRESS_1] i [EMAIL_ADDRESS_2].")
    assert.deepStrictEqual(pseudonyms, {
      "[PERSON_1]": "Anna Nowak",
      "[PERSON_2]": "Jana Kowalskiego",
      "[EMAIL_ADDRESS_1]": "anna@example.com",
      "[EMAIL_ADDRESS_2]": "a@b.pl"
    })
    assert.strictEqual(restore("Dear [PERSON_1], [PERSON_2] wrote to [EMAIL_ADDRESS_2].", pseudonyms), "Dear Anna Nowak, Jana Kowalskiego wrote to a@b.pl.")
  })

  it("mask keeps the last N characters and the separators; hash is stable for a salt and differs across salts", () => {
    assert.strictEqual(maskValue("4111 1111 1111 1234", 4), "**** **** **** 1234")
    assert.strictEqual(maskValue("44051401359", 3, "#"), "########359")
    assert.strictEqual(maskValue("ab", 5), "ab")
    const text = "PESEL 44051401359, karta 4111 1111 1111 1111"
    const masked = runPii(text, new PiiConfig({ ...defaultPiiConfig, operators: { default: { type: "replace" }, byType: { CREDIT_CARD: { type: "mask", keep: 4 } } } }))
    assert.strictEqual(masked.sanitizedText, "PESEL [PL_PESEL], karta **** **** **** 1111")
    assert.strictEqual(hashValue("44051401359", "a"), hashValue("44051401359", "a"))
    assert.notStrictEqual(hashValue("44051401359", "a"), hashValue("44051401359", "b"))
    assert.strictEqual(runPii(text, withOperator({ type: "hash" }, "a")).sanitizedText, runPii(text, withOperator({ type: "hash" }, "a")).sanitizedText)
  })

  it("restore ignores empty tokens and replaces longest tokens first", () => {
    assert.strictEqual(restore("[P_1] [P_10]", { "[P_1]": "a", "[P_10]": "b", "": "x" }), "a b")
    assert.strictEqual(restore("nothing", {}), "nothing")
  })
})

describe("PII config as data", () => {
  it("infra/pii/config.json decodes and names every generated type", () => {
    for (const type of [...Object.keys(byType), "PERSON"]) assert.property(defaultPiiConfig.entities, type)
  })

  it("a bad config is refused with the reason", () => {
    const bad = { ...JSON.parse(JSON.stringify(defaultPiiConfig)), defaultThreshold: 2 }
    const exit = decodePiiConfig(bad)
    assert.isTrue(Exit.isFailure(exit))
    assert.include(String(exit), "defaultThreshold")
    assert.isTrue(Exit.isFailure(decodePiiConfig({ ...JSON.parse(JSON.stringify(defaultPiiConfig)), operators: { default: { type: "shred" }, byType: {} } })))
  })
})
