import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { diff, formatChange, patch } from "../../domain/ConfigDiff.ts"

// Keys as configs use them: identifiers (paths are dot-joined, so a key with a dot would be ambiguous).
const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,6}$/)
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.boolean(),
    fc.string({ maxLength: 5 }),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 })
  )
})).value

describe("ConfigDiff", () => {
  it("names the leaves that changed, were added or removed", () => {
    const before = Schema.encodeSync(GuardConfig)(defaultConfig)
    const after = {
      ...before,
      thresholds: { block: 60, sanitize: 30 },
      modes: { ...before.modes, fast: { ...before.modes.fast, skip: [] } },
      extra: true
    }
    assert.deepStrictEqual(diff(before, after).map(formatChange), [
      "+ extra: true",
      "- modes.fast.skip[0]: \"classifier\"",
      "~ thresholds.block: 70 → 60"
    ])
  })

  it("finds no change between equal values", () => {
    fc.assert(fc.property(json, (v) => diff(v, structuredClone(v)).length === 0))
  })

  it("patching the first value with the diff gives the second", () => {
    fc.assert(fc.property(json, json, (a, b) => {
      assert.deepStrictEqual(patch(a, diff(a, b)), b)
    }), { numRuns: 500 })
  })

  it("every change's path is distinct", () => {
    fc.assert(fc.property(json, json, (a, b) => {
      const paths = diff(a, b).map((c) => c.path)
      return new Set(paths).size === paths.length
    }))
  })
})
