import type { ConsumerMessages, JsMsg } from "@nats-io/jetstream"
import { Cause, Clock, Config, Duration, Effect, Exit, Fiber, Layer, Stream } from "effect"
import { DeadLetter, DeadLetterEntry, headersRecord, payloadTextOf } from "./DeadLetter.ts"
import { Nats } from "./NatsConnection.ts"
import { delayAfter, isLastDelivery } from "./RetryPolicy.ts"
import { StageError } from "./StageError.ts"
import { Topology, type ConsumerSpec } from "./Topology.ts"

export interface ConsumerOptions<R> {
  /** The worker name in infra/jetstream.json; copies of a worker share its durable consumer. */
  readonly worker: string
  /** Does the message's whole effect, durably (the next publish has its PubAck). Acking is done here. */
  readonly handle: (msg: JsMsg) => Effect.Effect<void, StageError, R>
  readonly concurrency?: number
}

const describe = (cause: Cause.Cause<StageError>): { reason: StageError["reason"]; message: string } => {
  const error = Cause.findErrorOption(cause)
  if (error._tag === "Some") return { reason: error.value.reason, message: error.value.message }
  return { reason: "transient", message: Cause.pretty(cause) }
}

const settle = Effect.fnUntraced(function*(spec: ConsumerSpec, msg: JsMsg, exit: Exit.Exit<void, StageError>) {
  if (Exit.isSuccess(exit)) return msg.ack()
  // Shutdown caught the message mid-way: hand it back at once; the next publish is deduplicated.
  if (Cause.hasInterruptsOnly(exit.cause)) return msg.nak()
  const { reason, message } = describe(exit.cause)
  const deliveries = msg.info.deliveryCount
  if (reason !== "poison" && !isLastDelivery(spec.retry, deliveries)) {
    const delay = delayAfter(spec.retry, deliveries)
    yield* Effect.logWarning(`${spec.worker}: ${reason} failure on delivery ${deliveries}, retry in ${delay} ms: ${message}`)
    return msg.nak(delay)
  }
  const dlq = yield* DeadLetter
  yield* dlq.send(new DeadLetterEntry({
    worker: spec.worker,
    reason: reason === "poison" ? "poison" : "exhausted",
    error: message,
    subject: msg.subject,
    stream: msg.info.stream,
    streamSequence: msg.info.streamSequence,
    deliveryCount: deliveries,
    failedAt: yield* Clock.currentTimeMillis,
    payloadBase64: Buffer.from(msg.data).toString("base64"),
    ...payloadTextOf(msg.data),
    headers: headersRecord(msg.headers)
  })).pipe(
    Effect.andThen(Effect.sync(() => msg.term())),
    // Not dead-lettered, so not termed: it comes back after a delay (or via the MAX_DELIVERIES advisory).
    Effect.catch((e) =>
      Effect.logError(`${spec.worker}: DLQ publish failed, keeping the message: ${e.message}`).pipe(
        Effect.andThen(Effect.sync(() => msg.nak(delayAfter(spec.retry, deliveries))))
      )
    )
  )
})

/**
 * A worker: a scoped loop over its durable pull consumer, `concurrency` messages at a time. On shutdown it
 * stops pulling, lets messages in hand finish and settle (bounded by a grace period), then lets go.
 */
export const consumerLayer = <R>(options: ConsumerOptions<R>) =>
  Layer.effectDiscard(Effect.gen(function*() {
    const { js } = yield* Nats
    const spec = Topology.consumer(yield* Topology, options.worker)
    const concurrency = options.concurrency ?? (yield* Config.Int("VIGIL_CONCURRENCY").pipe(Config.withDefault(64)))
    const grace = yield* Config.Duration("VIGIL_SHUTDOWN_GRACE").pipe(Config.withDefault(Duration.seconds(10)))
    const context = yield* Effect.context<R | DeadLetter>()
    const handleTimeout = Duration.millis(Math.floor(spec.ackWaitMs * 0.8))
    let stopping = false
    let current: ConsumerMessages | undefined

    const process = (msg: JsMsg) =>
      Effect.uninterruptibleMask((restore) =>
        restore(options.handle(msg).pipe(
          Effect.timeoutOrElse({
            duration: handleTimeout,
            orElse: () => Effect.fail(new StageError({ stage: spec.worker, reason: "timeout", message: `no result within ${Duration.format(handleTimeout)}` }))
          })
        )).pipe(Effect.exit, Effect.flatMap((exit) => settle(spec, msg, exit)))
      ).pipe(Effect.annotateLogs({ worker: spec.worker, seq: msg.info.streamSequence }))

    const consumeOnce = Effect.gen(function*() {
      const consumer = yield* Effect.tryPromise(() => js.consumers.get(spec.stream, spec.durable))
      const messages = yield* Effect.tryPromise(() => consumer.consume({ max_messages: Math.max(concurrency, 16) }))
      current = messages
      yield* Stream.fromAsyncIterable(messages, (e) => e).pipe(
        Stream.mapEffect(process, { concurrency, unordered: true }),
        Stream.runDrain
      )
    })

    const loop = Effect.gen(function*() {
      while (!stopping) {
        yield* consumeOnce.pipe(
          Effect.catchCause((cause) => Effect.logError(`${spec.worker}: consumer stopped, resubscribing`, cause)),
          Effect.andThen(stopping ? Effect.void : Effect.sleep("1 second"))
        )
      }
    }).pipe(Effect.provideContext(context))

    const fiber = yield* Effect.forkScoped(loop)
    yield* Effect.logInfo(`${spec.worker} worker consuming ${spec.stream}/${spec.durable} (${spec.filterSubject}), concurrency ${concurrency}`)
    // Added after the fork, so it runs before the fiber is interrupted: stop pulling, drain what is in hand.
    yield* Effect.addFinalizer(() =>
      Effect.gen(function*() {
        stopping = true
        yield* Effect.promise(async () => { await current?.close() })
        yield* Fiber.await(fiber).pipe(Effect.timeout(grace), Effect.ignore)
        yield* Effect.logInfo(`${spec.worker} worker stopped`)
      })
    )
  }))
