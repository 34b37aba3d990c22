import type { JsMsg } from "@nats-io/jetstream"
import { headers as natsHeaders } from "@nats-io/nats-core"
import { Effect, Schema } from "effect"
import type { GuardConfig } from "../domain/Config.ts"
import { append, Envelope, EnvelopeJson } from "../domain/Envelope.ts"
import type { GuardEvent } from "../domain/Events.ts"
import { nextStep, Subjects, type Step } from "../domain/Routing.ts"
import { evolve, fold, type RequestState } from "../domain/State.ts"
import { GuardSettings } from "./GuardSettings.ts"
import { consumerLayer } from "./JetStreamConsumer.ts"
import { Nats } from "./NatsConnection.ts"
import { GuardReply, GuardReplyJson, ReplyToHeader } from "./Reply.ts"
import { StageError } from "./StageError.ts"

export type PipelineStage<R> = (state: RequestState, config: GuardConfig) => Effect.Effect<GuardEvent, StageError, R>

const decodeEnvelope = Schema.decodeUnknownEffect(EnvelopeJson)
/**
 * The envelope's classes hold only JSON values, so JSON.stringify writes its encoded form at about a fifth
 * of the cost of Schema's encoder (test/unit/EnvelopeWire.test.ts holds the two equal); every worker still
 * decodes, and so checks, what it receives.
 */
export const encodeEnvelope = (envelope: Envelope): string => JSON.stringify(envelope)
const encodeReply = Schema.encodeSync(GuardReplyJson)
const textDecoder = new TextDecoder()

/** The id that makes a redelivered hop harmless: the stream drops a second publish within its window. */
export const hopId = (requestId: string, step: Step | "log") => `${requestId}:${step}`

const forward = Effect.fnUntraced(function*(worker: string, msg: JsMsg, envelope: Envelope, state: RequestState, config: GuardConfig) {
  const { js, nc } = yield* Nats
  const step = nextStep(state, config)
  const id = envelope.request.requestId
  const publish = (subject: string, msgID: string) => {
    const h = natsHeaders()
    const replyTo = msg.headers?.get(ReplyToHeader)
    if (replyTo) h.set(ReplyToHeader, replyTo)
    return Effect.tryPromise({
      try: () => js.publish(subject, encodeEnvelope(envelope), { msgID, headers: h }),
      catch: (e) => new StageError({ stage: worker, reason: "transient", message: `publish to ${subject} failed: ${String(e)}` })
    })
  }
  if (step !== "reply") return yield* publish(Subjects[step], hopId(id, step))
  // The decision is durable once the log event has its PubAck; the reply itself is best effort.
  yield* publish(Subjects.logs, hopId(id, "log"))
  const replyTo = msg.headers?.get(ReplyToHeader)
  if (replyTo && state.decision !== undefined) {
    nc.publish(replyTo, encodeReply(new GuardReply({ requestId: id, decision: state.decision })))
  }
})

/** Decode at the edge (a bad envelope is poison), fold, run the stage, append, forward, and only then ack. */
export const pipelineWorker = <R>(worker: string, stage: PipelineStage<R>) =>
  consumerLayer({
    worker,
    handle: Effect.fnUntraced(function*(msg: JsMsg) {
      const envelope = yield* decodeEnvelope(textDecoder.decode(msg.data)).pipe(
        Effect.mapError((e) => new StageError({ stage: worker, reason: "poison", message: `cannot decode envelope: ${e.message}` }))
      )
      const config = yield* (yield* GuardSettings).current
      const state = fold(envelope)
      const event = yield* stage(state, config)
      yield* forward(worker, msg, append(envelope, event), evolve(state, event), config)
    })
  })
