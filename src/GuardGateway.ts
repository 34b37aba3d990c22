import { createInbox, headers as natsHeaders, nuid } from "@nats-io/nats-core"
import { Clock, Config, Context, Deferred, Duration, Effect, Exit, Layer, Schema } from "effect"
import { EnvelopeJson, start } from "../domain/Envelope.ts"
import type { DecisionMade } from "../domain/Events.ts"
import type { GuardRequest } from "../domain/Request.ts"
import { Subjects } from "../domain/Routing.ts"
import { Nats } from "./NatsConnection.ts"
import { hopId } from "./PipelineWorker.ts"
import { GuardReplyJson, ReplyToHeader } from "./Reply.ts"

/** No decision arrived within the deadline. The request was accepted and still completes (and is logged). */
export class GatewayTimeout extends Schema.TaggedError<GatewayTimeout>()("GatewayTimeout", {
  requestId: Schema.String,
  timeoutMs: Schema.Finite
}) {}

/** The request did not reach the pipeline (no PubAck), or its answer could not be read. */
export class GatewayUnavailable extends Schema.TaggedError<GatewayUnavailable>()("GatewayUnavailable", {
  requestId: Schema.String,
  message: Schema.String
}) {}

interface Waiter {
  readonly requestId: string
  readonly deferred: Deferred.Deferred<DecisionMade, GatewayUnavailable>
}

const encodeEnvelope = Schema.encodeSync(EnvelopeJson)
const decodeReply = Schema.decodeUnknownExit(GuardReplyJson)
const textDecoder = new TextDecoder()
const errorText = (e: unknown) => String((e as Error)?.message ?? e)

/** Sends a request into the pipeline and waits for the arbiter's decision on this process's inbox. */
export class GuardGateway extends Context.Service<GuardGateway, {
  readonly submit: (request: GuardRequest) => Effect.Effect<DecisionMade, GatewayTimeout | GatewayUnavailable>
}>()("vigil/GuardGateway") {
  static readonly layer = (options: { readonly replyTimeout: Duration.Input }) =>
    Layer.effect(GuardGateway, Effect.gen(function*() {
      const { nc, js } = yield* Nats
      const timeoutMs = Duration.toMillis(Duration.fromInputUnsafe(options.replyTimeout))
      const waiters = new Map<string, Waiter>()
      // One subscription per process. Each request gets its own token under it, so a reply is routed by
      // its subject alone, and a request id is never spliced into a subject.
      const prefix = createInbox("_INBOX.vigil")
      yield* Effect.acquireRelease(
        Effect.sync(() =>
          nc.subscribe(`${prefix}.*`, {
            callback: (err, msg) => {
              if (err) return
              const waiter = waiters.get(msg.subject.slice(prefix.length + 1))
              if (waiter === undefined) return // late: the request timed out already
              const reply = decodeReply(textDecoder.decode(msg.data))
              Deferred.doneUnsafe(
                waiter.deferred,
                Exit.isSuccess(reply) && reply.value.requestId === waiter.requestId
                  ? Effect.succeed(reply.value.decision)
                  : Effect.fail(new GatewayUnavailable({
                    requestId: waiter.requestId,
                    message: Exit.isSuccess(reply)
                      ? `reply names request ${reply.value.requestId}`
                      : "the arbiter's reply could not be decoded"
                  }))
              )
            }
          })
        ),
        (sub) => Effect.sync(() => sub.unsubscribe())
      )
      // The server must know the subscription before the first request can be answered on it.
      yield* Effect.tryPromise(() => nc.flush()).pipe(Effect.orDie)

      const publishAndAwait = Effect.fnUntraced(function*(request: GuardRequest, token: string, waiter: Waiter) {
        const requestId = request.requestId
        const started = yield* Clock.currentTimeMillis
        const h = natsHeaders()
        h.set(ReplyToHeader, `${prefix}.${token}`)
        yield* Effect.tryPromise({
          try: () =>
            js.publish(Subjects.detection, encodeEnvelope(start(request)), {
              msgID: hopId(requestId, "detection"),
              headers: h,
              timeout: timeoutMs
            }),
          catch: (e) => new GatewayUnavailable({ requestId, message: `publish to ${Subjects.detection} failed: ${errorText(e)}` })
        })
        const remaining = Math.max(0, timeoutMs - ((yield* Clock.currentTimeMillis) - started))
        return yield* Deferred.await(waiter.deferred).pipe(
          Effect.timeoutOrElse({
            duration: Duration.millis(remaining),
            orElse: () => Effect.fail(new GatewayTimeout({ requestId, timeoutMs }))
          })
        )
      })

      const submit = Effect.fn("GuardGateway.submit")(function*(request: GuardRequest) {
        const token = nuid.next()
        const waiter: Waiter = { requestId: request.requestId, deferred: Deferred.makeUnsafe() }
        waiters.set(token, waiter)
        return yield* publishAndAwait(request, token, waiter).pipe(
          Effect.ensuring(Effect.sync(() => waiters.delete(token)))
        )
      })

      return GuardGateway.of({ submit })
    }))

  /** `VIGIL_REPLY_TIMEOUT` (default "5 seconds") bounds the publish and the wait for the decision together. */
  static readonly layerConfig = Layer.unwrap(
    Effect.map(
      Config.Duration("VIGIL_REPLY_TIMEOUT").pipe(Config.withDefault(Duration.seconds(5))),
      (replyTimeout) => GuardGateway.layer({ replyTimeout })
    )
  )
}
