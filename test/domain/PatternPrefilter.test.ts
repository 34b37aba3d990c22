import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { patterns } from "../../domain/HeuristicPatterns.ts"
import { normalize } from "../../domain/Normalize.ts"
import { prefilter, requiredLiterals, wordIndex } from "../../domain/PatternPrefilter.ts"

describe("pattern prefilter", () => {
  it("derives only literals every match must contain", () => {
    assert.deepStrictEqual(requiredLiterals("\\bignore ?(?:all ?)?previous ?instructions?"), ["instruction"])
    assert.deepStrictEqual(requiredLiterals("\\b(?:say|print) ?.{0,30}?\\bpwned\\b"), ["pwned"])
    assert.deepStrictEqual(requiredLiterals("abc+d|(?:xyz|uvw)q"), ["abc", "xyz", "uvw"])
    // Nothing certain: an optional group, a class, a lookbehind, an alternative with no literal.
    for (const src of ["(?:abc)?\\w", "[a-z]+", "(?<=x)\\w", "abc|.{2}", "\\w+"]) assert.isUndefined(requiredLiterals(src), src)
  })

  // The gate may only skip work, never a match: compare with the bare regular expression.
  const raw = patterns.map((p) => new RegExp(p.pattern.source))
  const words = fc.constantFrom(
    "ignore", "all", "previous", "instructions", "your", "system", "prompt", "reveal", "pwned", "i", "have", "been",
    "say", "print", "verbatim", "with", "tools", "delete", "files", "using", "api", "keys", "you", "were", "told",
    "zignoruj", "poprzednie", "polecenia", "if", "asked", "respond", "assistant:", "user:", "a", "+", "b", "=", "\"x\"",
    // Symbols that gate patterns on their own ("a + b", "[system]", "<|im_start|>", "### system").
    "do", "run", "execute", "the", "joined", "text", "[system]", "[", "]", "<", ">", "<system>", "</system>", "###", "#", "could",
    "repeat", "for", "me", "<x>", "|", "im_start", "{", "}", "secret_key", "_",
    // Short words that gate only as a pair across an optional space ("api key", "you are", "do not").
    "key", "are", "now", "not", "don't", "act", "as", "an", "at", "very", "will", "won't", "set", "up", "tell", "secret", "password"
  )
  it("finds exactly what the bare regular expression finds", () => {
    fc.assert(fc.property(fc.array(words, { maxLength: 16 }), fc.constantFrom(" ", ""), (ws, sep) => {
      const text = normalize(ws.join(sep))
      patterns.forEach((p, i) => assert.strictEqual(p.pattern.find(text), raw[i]!.exec(text)?.[0], `${p.id}: ${text}`))
    }), { numRuns: 1500 })
  })

  it("the one-pass word index agrees with includes, overlapping and nested words too", () => {
    const piece = fc.constantFrom("ab", "abc", "b", "bc", "c", "ca", "a.b", "$", "x")
    fc.assert(fc.property(fc.uniqueArray(piece, { minLength: 1 }), fc.array(fc.constantFrom("a", "b", "c", ".", "$", " "), { maxLength: 30 }), (words, chars) => {
      const present = wordIndex(words)
      const text = chars.join("")
      for (const w of [...words, "zz"]) assert.strictEqual(present(text, w), text.includes(w), `${w} in ${text}`)
    }), { numRuns: 1000 })
  })

  it("reads two runs too short to look up across an optional space as a pair, with and without the space", () => {
    assert.deepStrictEqual(prefilter("\\b(?:api ?keys?|secrets)\\b"), [[["api key", "apikey", "secrets"]]])
    assert.deepStrictEqual(prefilter("\\byou ?are ?now\\b"), [[["you are", "youare"], ["are now", "arenow"]]])
    // One run worth looking up on its own keeps its own gate; a rare symbol is not paired.
    assert.deepStrictEqual(prefilter("\\bthe ?rules\\b"), [[["rules"]]])
    assert.deepStrictEqual(prefilter("\\bsystem ?:"), [[["system"], [":"]]])
    // Every match of a pair source holds one of the pair, whatever the text around it.
    const short = fc.constantFrom("api", "key", "you", "are", "do", "not", "as", "an")
    fc.assert(fc.property(short, short, fc.array(fc.constantFrom("api", "key", "you", "are", "do", "not", "as", "an", " ", "x"), { maxLength: 12 }), (a, b, parts) => {
      const source = `\\b${a} ?${b}\\b`
      const gate = prefilter(source)
      const m = new RegExp(source).exec(parts.join(""))
      if (gate === undefined || m === null) return
      for (const groups of gate) for (const group of groups) assert.isTrue(group.some((w) => m[0].includes(w)), `${source} on ${parts.join("")}: ${JSON.stringify(group)}`)
    }), { numRuns: 2000 })
  })

  it("requires every mandatory group of an alternative, any alternative sufficing", () => {
    assert.deepStrictEqual(prefilter("\\b(?:ignore|skip) ?(?:the )?rules|\\bpwned"), [[["rules"], ["ignore", "skip"]], [["pwned"]]])
    // A rare symbol gates however short; a short word does not.
    assert.deepStrictEqual(prefilter("\\b(?:do|run) ?(?:[a-z]\\w{0,6} ??\\+ ??){1,}[a-z]"), [[["+"]]])
    assert.isUndefined(prefilter("\\b(?:do|run) ?now"))
  })
})

