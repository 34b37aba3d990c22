import { headers as natsHeaders } from "@nats-io/nats-core"
import { Context, Effect, Layer, Schema } from "effect"
import { Nats } from "./NatsConnection.ts"

export const DeadLetterReason = Schema.Literals(["poison", "exhausted", "max_deliveries"])

/** What lands on `vigil.dlq.<worker>`: enough to see why, and to replay the original message as it was. */
export class DeadLetterEntry extends Schema.Class<DeadLetterEntry>("vigil/DeadLetterEntry")({
  worker: Schema.String,
  reason: DeadLetterReason,
  error: Schema.String,
  subject: Schema.String,
  stream: Schema.String,
  streamSequence: Schema.Int,
  deliveryCount: Schema.Int,
  failedAt: Schema.Finite,
  /** The original bytes, base64; `payloadText` is the same as UTF-8 when it decodes, for reading. */
  payloadBase64: Schema.String,
  payloadText: Schema.optionalKey(Schema.String),
  headers: Schema.Record(Schema.String, Schema.Array(Schema.String))
}) {}

export const DeadLetterEntryJson = Schema.fromJsonString(DeadLetterEntry)

export class DeadLetterError extends Schema.TaggedError<DeadLetterError>()("DeadLetterError", {
  subject: Schema.String,
  message: Schema.String
}) {}

export const dlqSubject = (worker: string) => `vigil.dlq.${worker}`

const utf8 = new TextDecoder("utf-8", { fatal: true })
export const textOf = (data: Uint8Array): string | undefined => {
  try {
    return utf8.decode(data)
  } catch {
    return undefined
  }
}

/** The `payloadText` field of an entry: present only when the bytes are valid UTF-8. */
export const payloadTextOf = (data: Uint8Array): { payloadText?: string } => {
  const text = textOf(data)
  return text === undefined ? {} : { payloadText: text }
}

export class DeadLetter extends Context.Service<DeadLetter, {
  readonly send: (entry: DeadLetterEntry) => Effect.Effect<void, DeadLetterError>
}>()("vigil/DeadLetter") {
  static readonly layer = Layer.effect(DeadLetter, Effect.gen(function*() {
    const { js } = yield* Nats
    const encode = Schema.encodeSync(DeadLetterEntryJson)
    const send = Effect.fn("DeadLetter.send")(function*(entry: DeadLetterEntry) {
      const subject = dlqSubject(entry.worker)
      const h = natsHeaders()
      h.set("Vigil-Original-Subject", entry.subject)
      h.set("Vigil-Reason", entry.reason)
      h.set("Vigil-Deliveries", String(entry.deliveryCount))
      // The same stream message dead-lettered twice (by its worker and by the advisory) is stored once.
      const msgID = `dlq:${entry.stream}:${entry.streamSequence}`
      yield* Effect.tryPromise({
        try: () => js.publish(subject, encode(entry), { msgID, headers: h }),
        catch: (e) => new DeadLetterError({ subject, message: String(e) })
      })
      yield* Effect.logWarning(`dead-lettered ${entry.subject} seq ${entry.streamSequence} (${entry.reason}): ${entry.error}`)
    })
    return DeadLetter.of({ send })
  }))
}

export const headersRecord = (h: { keys(): string[]; values(k: string): string[] } | undefined) =>
  h === undefined ? {} : Object.fromEntries(h.keys().map((k) => [k, h.values(k)]))
