import { assert, layer } from "@effect/vitest"
import { jetstream } from "@nats-io/jetstream"
import { createInbox, headers } from "@nats-io/nats-core"
import { Effect, Layer, Result, Schema } from "effect"
import { append, EnvelopeJson, start } from "../../domain/Envelope.ts"
import { DetectionCompleted } from "../../domain/Events.ts"
import { Subjects } from "../../domain/Routing.ts"
import { getDlq, listDlq, purgeDlq, purgePlan, replayDlq } from "../../src/DeadLetterOps.ts"
import { GuardReplyJson, ReplyToHeader } from "../../src/Reply.ts"
import { PiiRecognizer } from "../../src/Stages.ts"
import { ArbiterWorker, baseLayer, PiiWorker, workerProcess } from "../../src/Workers.ts"
import { natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { againstTestServer, eventually, guardRequest, shortTopologyFile } from "../support/Pipeline.ts"

// The recognizer is broken until the test "deploys the fix".
let broken = true
const FlakyRecognizer = Layer.succeed(PiiRecognizer, PiiRecognizer.of({
  run: (text) => broken ? Effect.die(new Error("recognizer crashed")) : Effect.succeed({ entities: [], sanitizedText: text })
}))

const topology = { VIGIL_TOPOLOGY_FILE: shortTopologyFile(1000, 2) }
const Workers = againstTestServer(
  workerProcess("vigil-test", Layer.mergeAll(PiiWorker.pipe(Layer.provide(FlakyRecognizer)), ArbiterWorker)),
  topology
)
const Cli = againstTestServer(baseLayer("vigil-cli-test"), topology)
const Test = Layer.mergeAll(Workers, Cli).pipe(Layer.provideMerge(NatsServerTest))

const entryFor = (requestId: string) =>
  Effect.map(listDlq({ worker: "pii" }), (ms) =>
    ms.find((m) => Result.isSuccess(m.entry) && m.entry.success.payloadText?.includes(requestId) === true))

const waitForEntry = (requestId: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 300; i++) {
      const found = yield* entryFor(requestId)
      if (found !== undefined) return found
      yield* Effect.sleep("100 millis")
    }
    return yield* Effect.die(new Error(`no dead letter for ${requestId}`))
  })

layer(Test, { excludeTestServices: true })("dead-letter replay", (it) => {
  it.effect("a still-broken message returns to the DLQ; once fixed, replay completes it", () =>
    Effect.gen(function*() {
      const nc = yield* natsConnection
      const request = guardRequest("call me at the office")
      const inbox = createInbox()
      const replies = nc.subscribe(inbox)
      const h = headers()
      h.set(ReplyToHeader, inbox)
      // Detected already, so that after PII the arbiter is next (no detection worker runs here).
      const detected = append(start(request), new DetectionCompleted({
        at: Date.now(),
        branches: [{ name: "heuristics", status: "ok", score: 0, categories: [], evidence: [], latencyMs: 1 }]
      }))
      const payload = Schema.encodeSync(EnvelopeJson)(detected)
      yield* Effect.promise(() => jetstream(nc).publish(Subjects.pii, payload, { msgID: `${request.requestId}:pii`, headers: h }))

      const first = yield* waitForEntry(request.requestId)
      assert.isTrue(Result.isSuccess(first.entry))

      // Still broken: the replay is removed from the DLQ only after its PubAck, and its new failure lands
      // there again, under the new stream sequence.
      const again = yield* replayDlq(first.seq)
      assert.strictEqual(again.stream, "VIGIL")
      const gone = yield* Effect.flip(getDlq(first.seq))
      assert.include(gone.message, `no message ${first.seq}`)
      const second = yield* waitForEntry(request.requestId)
      assert.notStrictEqual(second.seq, first.seq)
      assert.strictEqual(Result.getOrThrow(second.entry).streamSequence, again.streamSequence)
      assert.strictEqual(Result.getOrThrow(second.entry).payloadText, payload)
      // The reply inbox travelled with it; the dedup id did not (else the stream would have dropped it).
      assert.deepStrictEqual(Result.getOrThrow(second.entry).headers[ReplyToHeader], [inbox])
      broken = false
      yield* replayDlq(second.seq)
      const reply = yield* Effect.promise(async () => {
        for await (const m of replies) return Schema.decodeUnknownSync(GuardReplyJson)(m.string())
        throw new Error("no reply")
      })
      assert.strictEqual(reply.requestId, request.requestId)
      assert.isUndefined(yield* entryFor(request.requestId))
    }), 60_000)

  it.effect("a DLQ message that is not a dead-letter entry is refused and kept; purge removes only what it counted", () =>
    Effect.gen(function*() {
      const nc = yield* natsConnection
      const js = jetstream(nc)
      const junk = yield* Effect.promise(() => js.publish("vigil.dlq.pii", "hand-made"))
      const refused = yield* Effect.flip(replayDlq(junk.seq))
      assert.include(refused.message, "not a dead-letter entry")
      assert.strictEqual((yield* getDlq(junk.seq)).seq, junk.seq)

      yield* Effect.promise(() => js.publish("vigil.dlq.arbiter", "other worker"))
      const pii = yield* listDlq({ worker: "pii" })
      // Nothing is older than an hour; everything is older than zero.
      assert.strictEqual(purgePlan(pii, 3_600_000, Date.now()).doomed.length, 0)
      const plan = purgePlan(pii, 0, Date.now() + 1)
      assert.strictEqual(plan.doomed.length, pii.length)
      const late = yield* Effect.promise(() => js.publish("vigil.dlq.pii", "arrived after the count"))
      assert.strictEqual(yield* purgeDlq("pii", plan.below), pii.length)
      const left = yield* listDlq({})
      assert.deepStrictEqual(left.map((m) => m.dlqSubject).sort(), ["vigil.dlq.arbiter", "vigil.dlq.pii"])
      assert.isTrue(left.some((m) => m.seq === late.seq))
      assert.strictEqual((yield* listDlq({ sinceMs: Date.now() + 60_000 })).length, 0)
    }))
})
