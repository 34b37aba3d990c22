import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { Envelope } from "../../domain/Envelope.ts"
import { DetectionCompleted, GuardEvent } from "../../domain/Events.ts"
import { GuardRequest } from "../../domain/Request.ts"
import { isCertainBlock, nextStep } from "../../domain/Routing.ts"
import { fold, initial } from "../../domain/State.ts"

const Events = Schema.Array(GuardEvent)
const steps = ["detection", "pii", "arbiter", "reply"]

describe("Routing", () => {
  it.prop("is total and replies iff a decision exists", [GuardRequest, Events, GuardConfig], ([request, events, config]) => {
    const state = fold(new Envelope({ request, events }))
    const step = nextStep(state, config)
    assert.include(steps, step)
    assert.strictEqual(step === "reply", state.decision !== undefined)
    if (state.decision === undefined && state.detection === undefined) assert.strictEqual(step, "detection")
    if (step === "pii") assert.isUndefined(state.pii)
  })

  it.prop("goes to the arbiter without PII only when a branch is certain to block", [GuardRequest, Events], ([request, events]) => {
    const state = fold(new Envelope({ request, events: events.filter((e) => e._tag !== "DecisionMade" && e._tag !== "PiiCompleted") }))
    if (state.detection === undefined) return
    assert.strictEqual(nextStep(state, defaultConfig), isCertainBlock(state, defaultConfig) ? "arbiter" : "pii")
  })

  it("walks detection → pii → arbiter for an ordinary request", () => {
    const request = new GuardRequest({ requestId: "r", text: "hi", mode: "full", returnDecisionProcess: false, receivedAt: 0 })
    const start = initial(request)
    assert.strictEqual(nextStep(start, defaultConfig), "detection")
    const detection = new DetectionCompleted({ at: 1, branches: [{ name: "heuristics", status: "ok", score: 99, categories: [], evidence: [], latencyMs: 1 }] })
    assert.strictEqual(nextStep({ ...start, detection }, defaultConfig), "arbiter")
    const unsure = new DetectionCompleted({ at: 1, branches: [{ name: "heuristics", status: "failed", score: 99, categories: [], evidence: [], latencyMs: 1 }] })
    assert.strictEqual(nextStep({ ...start, detection: unsure }, defaultConfig), "pii")
  })
})
