import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { IPV6_CANDIDATE, ipv6, judgeIpv6 } from "../../domain/Pii/Ipv6.ts"
import { scan } from "../../domain/Pii/Types.ts"
import { ipv6 as ipv6Value, mac } from "./PiiGenerators.ts"

// The recogniser as it was: the pattern scanned over the whole text, every match judged.
const scanned = (t: string) => scan(t, IPV6_CANDIDATE, judgeIpv6)

// Addresses among times of day, C++ scopes, MACs, hex runs, dots and words.
const noise = fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF::::..  gxZ_".split("")), maxLength: 40 })
const value = fc.oneof(ipv6Value.map((v) => v.written), mac.map((v) => v.written), fc.constantFrom("12:30:45", "std::vector", "::1", "fe80::", "a::b::c"))
const text = fc.array(fc.oneof(value, noise), { minLength: 1, maxLength: 6 })
  .chain((parts) => fc.constantFrom(" ", "", ":", ".", "x").map((sep) => parts.join(sep)))

describe("ipv6: tried where the hex run before a colon starts", () => {
  it("finds what a scan of the whole text finds", () => {
    let found = 0
    fc.assert(fc.property(text, (t) => {
      const expected = scanned(t)
      found += expected.length
      assert.deepStrictEqual(ipv6(t), expected, JSON.stringify(t))
    }), { numRuns: 10000 })
    assert.ok(found > 1000, `only ${found} addresses found: the texts do not exercise the recogniser`)
    assert.deepStrictEqual(ipv6("at 12:30:45 from 2001:db8::8a2e:370:7334.").map((c) => [c.start, c.end]), [[17, 40]])
  })
})
