import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { readExternalScore } from "../../domain/ClassifierExternal.ts"

const score = (body: unknown) => {
  const r = readExternalScore(body)
  assert.strictEqual(r._tag, "Score", JSON.stringify(r))
  return r._tag === "Score" ? r.score : NaN
}

describe("external classifier answers", () => {
  it("reads the common shapes", () => {
    assert.strictEqual(score({ score: 42 }), 42)
    assert.strictEqual(score({ probability: 0.25 }), 25)
    assert.strictEqual(score({ malicious_probability: 1 }), 100)
    assert.strictEqual(score([{ label: "MALICIOUS", score: 0.97 }]), 97)
    assert.strictEqual(score([[{ label: "BENIGN", score: 0.8 }, { label: "INJECTION", score: 0.2 }]]), 20)
    assert.closeTo(score([{ label: "LABEL_0", score: 0.9 }]), 10, 1e-9)
    assert.strictEqual(score({ is_valid: false, scanners: { PromptInjection: 0.5 } }), 50)
    assert.strictEqual(score({ scanners: { PromptInjection: -1 } }), 0)
  })

  it("anything else is invalid with a reason, never a silent 0", () => {
    for (const bad of [null, "yes", 3, {}, { score: 101 }, { score: Number.NaN }, { probability: 2 }, [], [{ label: "X", score: 0.5 }], { scanners: {} }]) {
      const r = readExternalScore(bad)
      assert.strictEqual(r._tag, "Invalid", JSON.stringify(bad))
    }
  })

  it("a score is always within 0–100", () =>
    fc.assert(fc.property(fc.jsonValue(), (body) => {
      const r = readExternalScore(body)
      if (r._tag === "Score") {
        assert.isAtLeast(r.score, 0)
        assert.isAtMost(r.score, 100)
      } else assert.isNotEmpty(r.reason)
    })))
})
