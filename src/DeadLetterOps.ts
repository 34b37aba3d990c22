import { DeliverPolicy, type JsMsg } from "@nats-io/jetstream"
import { headers as natsHeaders } from "@nats-io/nats-core"
import { Effect, Result, Schema } from "effect"
import { DeadLetterEntry, DeadLetterEntryJson, dlqSubject } from "./DeadLetter.ts"
import { Nats } from "./NatsConnection.ts"

export const DlqStream = "VIGIL_DLQ"

export class DlqError extends Schema.TaggedError<DlqError>()("DlqError", {
  seq: Schema.optionalKey(Schema.Int),
  message: Schema.String
}) {}

/** A message of VIGIL_DLQ; `entry` fails for something that is not a DeadLetterEntry (published by hand). */
export interface DlqMessage {
  readonly seq: number
  readonly dlqSubject: string
  readonly time: Date
  readonly entry: Result.Result<DeadLetterEntry, string>
}

export interface DlqFilter {
  readonly worker?: string | undefined
  /** Only messages stored at or after this time (epoch ms). */
  readonly sinceMs?: number | undefined
}

const decodeEntry = Schema.decodeUnknownResult(DeadLetterEntryJson)
const attempt = <A>(message: string, f: () => Promise<A>, seq?: number) =>
  Effect.tryPromise({
    try: f,
    catch: (e) => new DlqError({ ...(seq !== undefined ? { seq } : {}), message: `${message}: ${String((e as Error)?.message ?? e)}` })
  })

const toDlqMessage = (seq: number, subject: string, time: Date, data: Uint8Array): DlqMessage => ({
  seq,
  dlqSubject: subject,
  time,
  entry: Result.mapError(decodeEntry(new TextDecoder().decode(data)), (e) => `not a dead-letter entry: ${e.message}`)
})

/** Reads the DLQ with an ordered (ephemeral, ack-less) consumer: listing never changes what is stored. */
export const listDlq = (filter: DlqFilter = {}) =>
  Effect.gen(function*() {
    const { js } = yield* Nats
    const consumer = yield* attempt("cannot read VIGIL_DLQ", () =>
      js.consumers.get(DlqStream, {
        filter_subjects: filter.worker !== undefined ? dlqSubject(filter.worker) : "vigil.dlq.>",
        ...(filter.sinceMs !== undefined
          ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(filter.sinceMs).toISOString() }
          : {})
      }))
    const pending = (yield* attempt("cannot read VIGIL_DLQ", () => consumer.info())).num_pending
    const out: Array<DlqMessage> = []
    if (pending === 0) return out
    const batch = yield* attempt("cannot read VIGIL_DLQ", () => consumer.fetch({ max_messages: pending, expires: 5_000 }))
    yield* attempt("cannot read VIGIL_DLQ", async () => {
      for await (const m of batch as AsyncIterable<JsMsg>) {
        out.push(toDlqMessage(m.seq, m.subject, m.time, m.data))
        if (m.info.pending === 0) break
      }
    })
    return out
  })

export const getDlq = (seq: number) =>
  Effect.gen(function*() {
    const { jsm } = yield* Nats
    const stored = yield* attempt(`cannot read VIGIL_DLQ seq ${seq}`, () => jsm.streams.getMessage(DlqStream, { seq }), seq).pipe(
      Effect.catch((e) => /not found|no message/i.test(e.message) ? Effect.succeed(null) : Effect.fail(e))
    )
    if (stored === null) return yield* new DlqError({ seq, message: `VIGIL_DLQ has no message ${seq} (replayed or purged already?)` })
    return toDlqMessage(stored.seq, stored.subject, stored.time, stored.data)
  })

/** Headers the server acts on (dedup id, expectations) do not travel with a replay; ours do (reply inbox). */
const isServerHeader = (key: string) => key.toLowerCase().startsWith("nats-")

/**
 * Republishes the original payload to the original subject with a new dedup id, waits for the PubAck, and
 * only then deletes the DLQ message. If the message fails again, its worker dead-letters it anew (under the
 * new stream sequence), so a replay never loses it: at worst it is in the DLQ twice for a moment.
 */
export const replayDlq = (seq: number) =>
  Effect.gen(function*() {
    const { js, jsm } = yield* Nats
    const message = yield* getDlq(seq)
    if (Result.isFailure(message.entry)) return yield* new DlqError({ seq, message: message.entry.failure })
    const entry = message.entry.success
    const h = natsHeaders()
    for (const [k, vs] of Object.entries(entry.headers)) if (!isServerHeader(k)) for (const v of vs) h.append(k, v)
    h.set("Vigil-Replayed-From", `${DlqStream}:${seq}`)
    const msgID = `replay:${DlqStream}:${seq}:${Date.now()}`
    const ack = yield* attempt(
      `republish of seq ${seq} to ${entry.subject} failed; it stays in the DLQ`,
      () => js.publish(entry.subject, Buffer.from(entry.payloadBase64, "base64"), { msgID, headers: h }),
      seq
    )
    yield* attempt(`republished as ${ack.stream} seq ${ack.seq}, but deleting DLQ seq ${seq} failed (delete it by hand)`, () =>
      jsm.streams.deleteMessage(DlqStream, seq), seq)
    return { seq, entry, stream: ack.stream, streamSequence: ack.seq }
  })

/** What `purge` would remove, and the sequence below which it removes: newer arrivals are never purged. */
export const purgePlan = (messages: ReadonlyArray<DlqMessage>, olderThanMs: number | undefined, now: number) => {
  const cutoff = olderThanMs !== undefined ? now - olderThanMs : Infinity
  const doomed = messages.filter((m) => m.time.getTime() < cutoff)
  const kept = messages.filter((m) => m.time.getTime() >= cutoff)
  const below = kept.length > 0 ? Math.min(...kept.map((m) => m.seq)) : Math.max(0, ...messages.map((m) => m.seq)) + 1
  return { doomed, below }
}

export const purgeDlq = (worker: string | undefined, below: number) =>
  Effect.gen(function*() {
    const { jsm } = yield* Nats
    const filter = worker !== undefined ? dlqSubject(worker) : "vigil.dlq.>"
    const response = yield* attempt("purge of VIGIL_DLQ failed", () => jsm.streams.purge(DlqStream, { filter, seq: below }))
    return response.purged
  })
