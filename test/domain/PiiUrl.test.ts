import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { judgeUrl, url, URL_RE } from "../../domain/Pii/Network.ts"
import { scan } from "../../domain/Pii/Types.ts"
import { url as urlValue } from "./PiiGenerators.ts"

// The recogniser as it was: the pattern scanned over the whole text, every match judged.
const scanned = (t: string) => scan(t, URL_RE, judgeUrl)

// Links in any case among schemes that lead nowhere, brackets, sentence punctuation, e-mails and words.
const piece = fc.oneof(
  urlValue.map((v) => v.written),
  urlValue.map((v) => v.written.toUpperCase()),
  fc.constantFrom("https://", "http://", "ftp://", "www.", "WwW.", "://", "x@www.a.pl", "(", ")", "[", "]", ".", ",", "s", "ttp", "wwww.a.b")
)
const text = fc.array(fc.tuple(piece, fc.constantFrom(" ", "", "\n", ".", "/", "a")), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([p, s]) => p + s).join(""))

describe("url: tried where a scheme or www. opens", () => {
  it("finds what a scan of the whole text finds", () => {
    let found = 0
    fc.assert(fc.property(text, (t) => {
      const expected = scanned(t)
      found += expected.length
      assert.deepStrictEqual(url(t), expected, JSON.stringify(t))
    }), { numRuns: 10000 })
    assert.ok(found > 3000, `only ${found} links found: the texts do not exercise the recogniser`)
    assert.deepStrictEqual(url("see (https://a.pl/x), www.b.com and HTTP://c.de.").map((c) => [c.start, c.end]), [[5, 19], [22, 31], [36, 47]])
  })
})
