import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { decide } from "../../domain/Arbiter.ts"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { append, start } from "../../domain/Envelope.ts"
import { type BranchStatus, DetectionCompleted, PiiCompleted } from "../../domain/Events.ts"
import { toLogRow } from "../../domain/LogRow.ts"
import { fromLogRow, replay, summarize } from "../../domain/Replay.ts"
import { GuardRequest } from "../../domain/Request.ts"
import { nextStep } from "../../domain/Routing.ts"
import { fold } from "../../domain/State.ts"

const statuses: ReadonlyArray<BranchStatus> = ["ok", "ok", "ok", "timeout", "failed", "not_configured"]
const branch = (name: string) =>
  fc.record({
    name: fc.constant(name),
    status: fc.constantFrom(...statuses),
    score: fc.double({ min: 0, max: 100, noNaN: true }),
    categories: fc.subarray(["INSTRUCTION_OVERRIDE", "PROMPT_LEAKING", "JAILBREAK_ROLEPLAY"]),
    evidence: fc.constant([]),
    latencyMs: fc.nat({ max: 50 })
  })

/** A decided request the way the pipeline makes one: detection, PII unless certain, decision, logged. */
const logged = (config: GuardConfig) =>
  fc.record({
    mode: fc.constantFrom("fast" as const, "full" as const),
    branches: fc.tuple(branch("heuristics"), branch("semantic"), branch("classifier")),
    pii: fc.array(fc.constantFrom("EMAIL", "PESEL", "CARD"), { maxLength: 3 }),
    text: fc.string({ maxLength: 20 })
  }).map(({ mode, branches, pii, text }) => {
    const request = new GuardRequest({ requestId: "r", text, mode, returnDecisionProcess: false, receivedAt: 1_000 })
    // As the detection stage reports them: a branch the mode skips is `skipped`, whatever it would have said.
    const reported = branches.map((b) => config.modes[mode].skip.includes(b.name) ? { ...b, status: "skipped" as const, score: 0 } : b)
    let envelope = append(start(request), new DetectionCompleted({ at: 1_001, branches: reported }))
    if (nextStep(fold(envelope), config) === "pii") {
      const entities = pii.map((type) => ({ type, start: 0, end: 1, score: 1 }))
      envelope = append(envelope, new PiiCompleted({ at: 1_002, latencyMs: 1, entities, sanitizedText: text }))
    }
    envelope = append(envelope, decide(fold(envelope), config, 1_003))
    const row = toLogRow(envelope, { prompts: "text", sha256: () => "h" })
    return fromLogRow(Result.getOrThrow(row))
  })

const strict = new GuardConfig({ ...defaultConfig, version: "strict", thresholds: { block: 40, sanitize: 20 } })

describe("Replay", () => {
  it("under the config that decided, every logged decision and score comes back unchanged", () => {
    fc.assert(fc.property(logged(defaultConfig), (row) => {
      const r = replay(row, defaultConfig)
      assert.strictEqual(r.after, r.before)
      assert.strictEqual(r.scoreAfter, r.scoreBefore)
      assert.isFalse(r.piiAssumedNone)
    }), { numRuns: 500 })
  })

  it("lower thresholds never make a decision milder; the summary counts exactly the changed ones", () => {
    const severity = { ALLOW: 0, SANITIZE: 1, BLOCK: 2 } as const
    fc.assert(fc.property(fc.array(logged(defaultConfig), { maxLength: 20 }), (rows) => {
      const results = rows.map((row) => replay(row, strict))
      for (const r of results) assert.isAtLeast(severity[r.after], severity[r.before])
      const s = summarize(results)
      assert.strictEqual(s.changed, results.filter((r) => r.after !== r.before).length)
      assert.strictEqual(Object.values(s.flips).reduce((a, b) => a + b, 0), s.changed)
      assert.strictEqual(Object.values(s.byCategory).reduce((a, c) => a + c.milder, 0), 0)
    }))
  })

  it("re-scores branch A from a logged prompt, and says when PII never ran", () => {
    const row = { ...fc.sample(logged(defaultConfig), { seed: 7, numRuns: 1 })[0]!, prompt: "hello" }
    const ok = { ...row, branch_names: ["heuristics"], branch_statuses: ["ok" as const], branch_scores: [0] }
    const r = replay(ok, defaultConfig, () => ({ score: 100, categories: ["CUSTOM"] }))
    assert.isTrue(r.rescored)
    assert.strictEqual(r.after, "BLOCK")
    const skipped = replay({ ...ok, pii_ran: 0 as const, prompt: "" }, defaultConfig, () => ({ score: 100, categories: [] }))
    assert.isFalse(skipped.rescored)
    assert.isTrue(skipped.piiAssumedNone)
  })
})
