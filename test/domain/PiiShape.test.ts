import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { detect, recognizers } from "../../domain/Pii.ts"
import { email, macHint } from "../../domain/Pii/Network.ts"
import { mayMatch, needs, shapeOf } from "../../domain/Pii/Shape.ts"
import { anyEntity } from "./PiiGenerators.ts"
import { nearMissByType } from "./PiiNearMisses.ts"

// Values of every type (and near misses, cut or grown by a digit) between bits of prose, digits and separators.
const filler = fc.string({ unit: fc.constantFrom(..."0123456789 -.:/+()PLabcAB\n".split("")), maxLength: 12 })
const value = fc.oneof(anyEntity, ...Object.values(nearMissByType)).map((w) => w.written)
const text = fc.array(fc.oneof(value, filler), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(" "))

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
  })

  it("shapeOf counts digits and the longest run", () => {
    assert.deepStrictEqual(shapeOf("ab 12-345 6"), { digits: 6, longestRun: 3 })
    assert.deepStrictEqual(shapeOf("no digits"), { digits: 0, longestRun: 0 })
  })

  it("a recogniser skipped by its shape would have found nothing", () => {
    fc.assert(fc.property(text, (t) => {
      const shape = shapeOf(t)
      for (const r of recognizers) if (!mayMatch(r, shape)) assert.deepStrictEqual(r(t), [], `${r.name} on ${JSON.stringify(t)}`)
    }), { numRuns: 3000 })
  })

  it("a PESEL passes its gate at eleven digits in a row and not at ten", () => {
    assert.ok(needs.size >= 10)
    const shape = shapeOf("44051401359")
    assert.ok(mayMatch(recognizers.find((r) => r.name === "pesel")!, shape))
    assert.ok(!mayMatch(recognizers.find((r) => r.name === "pesel")!, shapeOf("4405140135")))
    assert.deepStrictEqual(detect("PESEL 44051401359").map((f) => f.type), ["PL_PESEL"])
  })

  it("macHint answers as the regex it replaced", () => {
    fc.assert(fc.property(hexish, (s) => assert.strictEqual(macHint(s), OLD_MAC_HINT.test(s), JSON.stringify(s))), { numRuns: 20000 })
    assert.ok(macHint("mac 00:1A:2b:3C:4d:5E"))
    assert.ok(macHint("0123.4567.89ab"))
    assert.ok(!macHint("00:1A-2b:3C:4d"))
  })
})
