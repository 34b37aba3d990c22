import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { Envelope } from "../../domain/Envelope.ts"
import { GuardEvent } from "../../domain/Events.ts"
import { GuardRequest } from "../../domain/Request.ts"
import { evolve, fold, initial } from "../../domain/State.ts"

const Events = Schema.Array(GuardEvent)
const lastOf = <T extends GuardEvent["_tag"]>(events: ReadonlyArray<GuardEvent>, tag: T) =>
  events.findLast((e) => e._tag === tag)

describe("State", () => {
  it("starts empty", () => {
    const request = new GuardRequest({ requestId: "r", text: "hi", mode: "fast", returnDecisionProcess: false, receivedAt: 0 })
    assert.deepStrictEqual(fold(new Envelope({ request, events: [] })), initial(request))
  })

  it.prop("is deterministic", [GuardRequest, Events], ([request, events]) => {
    assert.deepStrictEqual(fold(new Envelope({ request, events })), fold(new Envelope({ request, events })))
  })

  it.prop("folding a prefix then the rest equals folding everything", [GuardRequest, Events, Schema.Int], ([request, events, cut]) => {
    const k = Math.abs(cut) % (events.length + 1)
    const prefix = fold(new Envelope({ request, events: events.slice(0, k) }))
    assert.deepStrictEqual(events.slice(k).reduce(evolve, prefix), fold(new Envelope({ request, events })))
  })

  it.prop("the last event of each kind wins and every event is counted", [GuardRequest, Events], ([request, events]) => {
    const state = fold(new Envelope({ request, events }))
    assert.strictEqual(state.detection, lastOf(events, "DetectionCompleted"))
    assert.strictEqual(state.pii, lastOf(events, "PiiCompleted"))
    assert.strictEqual(state.decision, lastOf(events, "DecisionMade"))
    assert.strictEqual(state.eventCount, events.length)
    assert.strictEqual(state.request, request)
  })
})
