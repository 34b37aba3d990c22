import { assert, layer } from "@effect/vitest"
import { jetstream } from "@nats-io/jetstream"
import { Effect, Layer, Schema } from "effect"
import { EnvelopeJson, start } from "../../domain/Envelope.ts"
import { Subjects } from "../../domain/Routing.ts"
import { DeadLetterEntryJson } from "../../src/DeadLetter.ts"
import { PiiRecognizer } from "../../src/Stages.ts"
import { PiiWorker, workerProcess } from "../../src/Workers.ts"
import { natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { againstTestServer, eventually, guardRequest, manager, shortTopologyFile } from "../support/Pipeline.ts"

const FailingRecognizer = Layer.succeed(PiiRecognizer, PiiRecognizer.of({
  run: () => Effect.die(new Error("recognizer crashed"))
}))

// Two deliveries at most, one second of ack wait: the server gives up on a silent worker quickly.
const Workers = againstTestServer(
  workerProcess("vigil-test", PiiWorker.pipe(Layer.provide(FailingRecognizer))),
  { VIGIL_TOPOLOGY_FILE: shortTopologyFile(1000, 2) }
).pipe(Layer.provideMerge(NatsServerTest))

const deadLetter = (jsm: Awaited<ReturnType<typeof manager>>, subject: string, streamSequence: number) => {
  let found: typeof DeadLetterEntryJson.Type | undefined
  return eventually(async () => {
    const m = await jsm.streams.getMessage("VIGIL_DLQ", { last_by_subj: subject }).catch(() => null)
    if (m === null) return false
    found = Schema.decodeUnknownSync(DeadLetterEntryJson)(m.string())
    return found.streamSequence === streamSequence
  }, 30_000).then(() => found!)
}

layer(Workers, { excludeTestServices: true })("dead letters", (it) => {
  it.effect("a stage that keeps failing is retried with delay, then dead-lettered with its delivery count", () =>
    Effect.gen(function*() {
      const nc = yield* natsConnection
      const jsm = yield* Effect.promise(() => manager(nc))
      const payload = Schema.encodeSync(EnvelopeJson)(start(guardRequest("my email is a@b.co")))
      const ack = yield* Effect.promise(() => jetstream(nc).publish(Subjects.pii, payload, { msgID: `fail-${Date.now()}` }))
      const entry = yield* Effect.promise(() => deadLetter(jsm, "vigil.dlq.pii", ack.seq))
      assert.strictEqual(entry.reason, "exhausted")
      assert.strictEqual(entry.deliveryCount, 2)
      assert.include(entry.error, "recognizer crashed")
      assert.strictEqual(entry.subject, Subjects.pii)
      assert.strictEqual(entry.payloadText, payload)
      // Termed after dead-lettering, so it leaves the work queue.
      yield* Effect.promise(() =>
        eventually(() => jsm.streams.getMessage("VIGIL", { seq: ack.seq }).then((m) => m === null, () => true), 5_000)
      )
    }))

  it.effect("a message whose worker died on every delivery is moved to the DLQ by the MAX_DELIVERIES advisory", () =>
    Effect.gen(function*() {
      const nc = yield* natsConnection
      const jsm = yield* Effect.promise(() => manager(nc))
      const js = jetstream(nc)
      const payload = Schema.encodeSync(EnvelopeJson)(start(guardRequest("orphaned")))
      const ack = yield* Effect.promise(() => js.publish(Subjects.arbiter, payload, { msgID: `orphan-${Date.now()}` }))
      // Play a worker that takes the message and dies before settling it, on both deliveries.
      const consumer = yield* Effect.promise(() => js.consumers.get("VIGIL", "vigil-arbiter"))
      for (let delivery = 1; delivery <= 2; delivery++) {
        const m = yield* Effect.promise(() => consumer.next({ expires: 10_000 }))
        assert.strictEqual(m?.info.deliveryCount, delivery)
      }
      // The server notices the exhausted message when a worker next pulls, as live workers always do.
      const after = yield* Effect.promise(() => consumer.next({ expires: 3_000 }))
      assert.isNull(after)
      const entry = yield* Effect.promise(() => deadLetter(jsm, "vigil.dlq.arbiter", ack.seq))
      assert.strictEqual(entry.reason, "max_deliveries")
      assert.strictEqual(entry.subject, Subjects.arbiter)
      assert.strictEqual(entry.deliveryCount, 2)
      assert.strictEqual(entry.payloadText, payload)
      yield* Effect.promise(() =>
        eventually(() => jsm.streams.getMessage("VIGIL", { seq: ack.seq }).then((m) => m === null, () => true))
      )
    }), 40_000)
})
