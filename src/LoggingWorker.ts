import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream"
import { Clock, Config, Duration, Effect, Fiber, Layer, Result, Schema } from "effect"
import { createHash } from "node:crypto"
import { EnvelopeJson } from "../domain/Envelope.ts"
import { type LogRow, PromptLogging, toLogRow } from "../domain/LogRow.ts"
import type { ClickhouseError } from "./Clickhouse.ts"
import { DeadLetter, DeadLetterEntry, headersRecord, textOf } from "./DeadLetter.ts"
import { LoggingHealth } from "./LoggingHealth.ts"
import { LogStore } from "./LoggingStore.ts"
import { Nats } from "./NatsConnection.ts"
import { delayAfter } from "./RetryPolicy.ts"
import { Topology } from "./Topology.ts"

export const loggingConfig = Config.all({
  batchSize: Config.Int("VIGIL_LOG_BATCH_SIZE").pipe(Config.withDefault(100)),
  // A JetStream pull waits at least 1 s, so shorter waits are raised to that.
  batchWait: Config.Duration("VIGIL_LOG_BATCH_WAIT").pipe(Config.withDefault(Duration.seconds(5))),
  prompts: Config.Literals(PromptLogging.literals, "VIGIL_LOG_PROMPTS").pipe(Config.withDefault("hash" as const)),
  grace: Config.Duration("VIGIL_SHUTDOWN_GRACE").pipe(Config.withDefault(Duration.seconds(10)))
})

const decodeEnvelope = Schema.decodeUnknownResult(EnvelopeJson)
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")
const utf8 = new TextDecoder()

/**
 * Batches `vigil.logs.>` into the decision table: one pull of up to VIGIL_LOG_BATCH_SIZE events, waiting at
 * most VIGIL_LOG_BATCH_WAIT, then one insert, then the acks. Malformed events go to the DLQ at once.
 * While ClickHouse is down the batch is held in-process (kept alive with `working()`) and retried with the
 * retry policy's growing delay, and nothing more is pulled: nak-ing instead would spend the consumer's five
 * deliveries in about a minute and a half and dead-letter good events. A crash or shutdown hands the batch
 * back; its second insert is folded by the table (ReplacingMergeTree on request_id, and the dedup token).
 */
export const LoggingWorker = Layer.effectDiscard(Effect.gen(function*() {
  const { js } = yield* Nats
  const spec = Topology.consumer(yield* Topology, "logging")
  const settings = yield* loggingConfig
  const store = yield* LogStore
  const health = yield* LoggingHealth
  const dlq = yield* DeadLetter
  // A message pulled early in a batch must not time out (and come back) before the batch is inserted.
  const batchWaitMs = Math.max(1000, Math.min(Duration.toMillis(settings.batchWait), Math.floor(spec.ackWaitMs / 2)))
  if (batchWaitMs !== Duration.toMillis(settings.batchWait)) {
    yield* Effect.logWarning(`VIGIL_LOG_BATCH_WAIT ${Duration.format(settings.batchWait)} adjusted to ${batchWaitMs} ms (at least 1 s, at most half the ack wait)`)
  }
  const heartbeatMs = Math.max(250, Math.floor(spec.ackWaitMs / 3))
  let stopping = false
  let current: ConsumerMessages | undefined

  /** Retries `effect` until it succeeds; `rejected` data is returned to the caller, everything else waits. */
  const untilStored = <A>(what: string, held: ReadonlyArray<JsMsg>, effect: Effect.Effect<A, ClickhouseError>) =>
    Effect.gen(function*() {
      // Scoped: the heartbeat stops however this ends, so a batch given up on is redelivered.
      yield* Effect.forkScoped(Effect.sync(() => held.forEach((m) => m.working())).pipe(Effect.delay(heartbeatMs), Effect.forever))
      for (let attempt = 1;; attempt++) {
        const result = yield* Effect.result(effect)
        if (Result.isSuccess(result) || result.failure.kind === "rejected") {
          if (attempt > 1) yield* Effect.logInfo(`ClickHouse (${store.backend}) is back after ${attempt} attempts at ${what}; ${held.length} held events go on`)
          return result
        }
        if (stopping) return yield* Effect.interrupt
        const delay = delayAfter(spec.retry, attempt)
        yield* health.failing(`${what}: ${result.failure.message}`, held.length)
        yield* Effect.logWarning(
          `ClickHouse (${store.backend}, ${store.location}) unavailable for ${what}, attempt ${attempt}: ${result.failure.message}; ` +
            `holding ${held.length} events unacked, retry in ${delay} ms`
        )
        yield* Effect.sleep(delay)
      }
    }).pipe(Effect.scoped)

  const deadLetter = Effect.fnUntraced(function*(msg: JsMsg, error: string) {
    const text = textOf(msg.data)
    yield* dlq.send(new DeadLetterEntry({
      worker: spec.worker,
      reason: "poison",
      error,
      subject: msg.subject,
      stream: msg.info.stream,
      streamSequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
      failedAt: yield* Clock.currentTimeMillis,
      payloadBase64: Buffer.from(msg.data).toString("base64"),
      ...(text !== undefined ? { payloadText: text } : {}),
      headers: headersRecord(msg.headers)
    })).pipe(
      Effect.andThen(Effect.sync(() => msg.term())),
      // Not dead-lettered, so not termed: it comes back after the delay.
      Effect.catch((e) =>
        Effect.logError(`logging: DLQ publish failed, keeping the message: ${e.message}`).pipe(
          Effect.andThen(Effect.sync(() => msg.nak(delayAfter(spec.retry, msg.info.deliveryCount))))
        )
      )
    )
  })

  const toRow = (msg: JsMsg): Result.Result<LogRow, string> => {
    const envelope = decodeEnvelope(utf8.decode(msg.data))
    if (Result.isFailure(envelope)) return Result.fail(`cannot decode log event: ${envelope.failure.message}`)
    return toLogRow(envelope.success, { prompts: settings.prompts, sha256 })
  }

  const store1 = (msg: JsMsg, row: LogRow) =>
    Effect.flatMap(untilStored("insert", [msg], store.insert([row])), (r) =>
      Result.isSuccess(r)
        ? Effect.sync(() => msg.ack())
        : deadLetter(msg, `ClickHouse rejected the row: ${r.failure.message}`))

  const processBatch = Effect.fnUntraced(function*(msgs: ReadonlyArray<JsMsg>) {
    const decoded = msgs.map((msg) => ({ msg, row: toRow(msg) }))
    const good = decoded.flatMap(({ msg, row }) => Result.isSuccess(row) ? [{ msg, row: row.success }] : [])
    // The same request twice in one batch (a redelivery): one row, but every delivery is acked.
    const rows = [...new Map(good.map((g) => [g.row.request_id, g.row])).values()]
    yield* Effect.forEach(decoded, ({ msg, row }) => Result.isFailure(row) ? deadLetter(msg, row.failure) : Effect.void, { concurrency: 16, discard: true })
    if (good.length === 0) return
    const inserted = yield* untilStored("insert", good.map((g) => g.msg), store.insert(rows))
    if (Result.isSuccess(inserted)) {
      for (const { msg } of good) msg.ack()
    } else {
      // The server refused the data: find the row(s) it refuses, one insert each; the rest still land.
      yield* Effect.logWarning(`logging: ClickHouse rejected a batch of ${good.length}: ${inserted.failure.message}; inserting one by one`)
      yield* Effect.forEach(good, ({ msg, row }) => store1(msg, row), { discard: true })
    }
    yield* health.inserted(rows.length)
  }, (effect, msgs) =>
    // Shutdown caught the batch before it was settled: hand it all back now (a settled message ignores it).
    Effect.onInterrupt(effect, () => Effect.sync(() => msgs.forEach((m) => m.nak()))))

  const fetchBatch = (consumer: Consumer) =>
    Effect.gen(function*() {
      const messages = yield* Effect.tryPromise(() => consumer.fetch({ max_messages: settings.batchSize, expires: batchWaitMs }))
      current = messages
      const batch: Array<JsMsg> = []
      yield* Effect.tryPromise(async () => {
        for await (const m of messages) batch.push(m)
      }).pipe(Effect.ensuring(Effect.sync(() => current = undefined)))
      return batch
    })

  const run = Effect.gen(function*() {
    yield* health.starting(store.backend)
    const table = yield* untilStored("schema", [], store.ready)
    if (Result.isFailure(table)) return yield* Effect.fail(new Error(`cannot create the decision table: ${table.failure.message}`))
    yield* health.inserted(0)
    yield* Effect.logInfo(`logging to ${table.success.name} on ClickHouse ${table.success.version} (${table.success.profile} DDL)`)
    const consumer = yield* Effect.tryPromise(() => js.consumers.get(spec.stream, spec.durable))
    while (!stopping) {
      const batch = yield* fetchBatch(consumer)
      if (batch.length > 0) yield* processBatch(batch)
    }
  })

  const loop = Effect.gen(function*() {
    while (!stopping) {
      yield* run.pipe(
        Effect.catchCause((cause) => Effect.logError("logging: consumer stopped, resubscribing", cause)),
        Effect.andThen(stopping ? Effect.void : Effect.sleep("1 second"))
      )
    }
  })

  const fiber = yield* Effect.forkScoped(loop)
  yield* Effect.logInfo(
    `logging worker consuming ${spec.stream}/${spec.durable} (${spec.filterSubject}), batches of ${settings.batchSize} or ${batchWaitMs} ms`
  )
  // Runs before the fiber is interrupted: stop pulling, let the batch in hand be inserted and acked.
  yield* Effect.addFinalizer(() =>
    Effect.gen(function*() {
      stopping = true
      yield* Effect.promise(async () => { await current?.close() })
      yield* Fiber.await(fiber).pipe(Effect.timeout(settings.grace), Effect.ignore)
      yield* Effect.logInfo("logging worker stopped")
    })
  )
}))
