import type { JsMsg } from "@nats-io/jetstream"
import { Clock, Effect, Schema } from "effect"
import { DeadLetter, DeadLetterEntry, headersRecord, payloadTextOf } from "./DeadLetter.ts"
import { consumerLayer } from "./JetStreamConsumer.ts"
import { Nats } from "./NatsConnection.ts"
import { StageError } from "./StageError.ts"
import { Topology } from "./Topology.ts"

/** The server's `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES` payload (the fields we use). */
const MaxDeliveriesAdvisory = Schema.fromJsonString(Schema.Struct({
  stream: Schema.String,
  consumer: Schema.String,
  stream_seq: Schema.Int,
  deliveries: Schema.Int
}))

const isNotFound = (e: unknown) => /not found|no message/i.test(String((e as Error)?.message ?? e))

/**
 * A message whose worker died on its last delivery is never settled; on 2.9 it stays in the work-queue
 * stream for good. The VIGIL_ADVISORIES stream keeps the advisory durably, and this worker moves the
 * message to the DLQ, then deletes it from VIGIL.
 */
export const MaxDeliveriesWorker = consumerLayer({
  worker: "dead-letter",
  concurrency: 4,
  handle: Effect.fnUntraced(function*(msg: JsMsg) {
    const fail = (reason: StageError["reason"]) => (e: unknown) =>
      new StageError({ stage: "dead-letter", reason, message: String((e as Error)?.message ?? e) })
    const advisory = yield* Schema.decodeUnknownEffect(MaxDeliveriesAdvisory)(new TextDecoder().decode(msg.data)).pipe(
      Effect.mapError(fail("poison"))
    )
    const { jsm } = yield* Nats
    const topology = yield* Topology
    const stored = yield* Effect.tryPromise({
      try: () => jsm.streams.getMessage(advisory.stream, { seq: advisory.stream_seq }),
      catch: (e) => e
    }).pipe(Effect.catch((e) => isNotFound(e) ? Effect.succeed(null) : Effect.fail(fail("transient")(e))))
    // Gone already: settled late by its worker, or moved by an earlier delivery of this advisory.
    if (stored === null) return
    const worker = topology.consumers.find((c) => c.durable === advisory.consumer)?.worker ?? advisory.consumer
    const data = stored.data
    yield* (yield* DeadLetter).send(new DeadLetterEntry({
      worker,
      reason: "max_deliveries",
      error: `delivered ${advisory.deliveries} times without being acknowledged (worker crashed or timed out)`,
      subject: stored.subject,
      stream: advisory.stream,
      streamSequence: advisory.stream_seq,
      deliveryCount: advisory.deliveries,
      failedAt: yield* Clock.currentTimeMillis,
      payloadBase64: Buffer.from(data).toString("base64"),
      ...payloadTextOf(data),
      headers: headersRecord(stored.header)
    })).pipe(Effect.mapError(fail("transient")))
    yield* Effect.tryPromise({ try: () => jsm.streams.deleteMessage(advisory.stream, advisory.stream_seq), catch: (e) => e }).pipe(
      Effect.catch((e) => isNotFound(e) ? Effect.void : Effect.fail(fail("transient")(e)))
    )
  })
})
