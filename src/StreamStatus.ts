import type { ConsumerInfo, StreamInfo } from "@nats-io/jetstream"
import { Clock, Effect, Schema } from "effect"
import type { StatusSnapshot } from "../domain/StatusVerdicts.ts"
import topology from "../infra/jetstream.json" with { type: "json" }
import { Nats } from "./NatsConnection.ts"

export class StatusError extends Schema.TaggedError<StatusError>()("StatusError", { message: Schema.String }) {}

export interface ServerFigures {
  readonly url: string
  readonly name: string
  readonly version: string
  readonly rttMs: number
}

export interface Status extends StatusSnapshot {
  readonly server: ServerFigures
}

const attempt = <A>(what: string, f: () => Promise<A>) =>
  Effect.tryPromise({ try: f, catch: (e) => new StatusError({ message: `${what}: ${String((e as Error)?.message ?? e)}` }) })

const collect = async <T>(lister: AsyncIterable<T>): Promise<Array<T>> => {
  const out: Array<T> = []
  for await (const x of lister) out.push(x)
  return out
}

const dlqStream = "VIGIL_DLQ"

/**
 * One reading of the server: every stream (KV buckets included, as `nats stream report` lists them), every
 * consumer's counts exactly as the server reports them, and the DLQ per worker subject.
 */
export const readStatus = Effect.gen(function*() {
  const declared = topology.streams.map((s) => s.name)
  const { nc, jsm } = yield* Nats
  const info = nc.info
  const rttMs = yield* attempt("server did not answer a ping", () => nc.rtt())
  const streams: Array<StreamInfo> = yield* attempt("cannot list streams", () => collect(jsm.streams.list()))
  const consumers: Array<ConsumerInfo> = []
  for (const s of streams) {
    consumers.push(...(yield* attempt(`cannot list consumers of ${s.config.name}`, () => collect(jsm.consumers.list(s.config.name)))))
  }
  const dlq: Record<string, number> = {}
  if (streams.some((s) => s.config.name === dlqStream)) {
    const dlqInfo = yield* attempt("cannot read VIGIL_DLQ", () => jsm.streams.info(dlqStream, { subjects_filter: "vigil.dlq.>" }))
    for (const [subject, n] of Object.entries(dlqInfo.state.subjects ?? {})) dlq[subject.slice("vigil.dlq.".length)] = n
  }
  return {
    at: yield* Clock.currentTimeMillis,
    server: { url: nc.getServer(), name: info?.server_name ?? "?", version: info?.version ?? "?", rttMs },
    streams: streams.map((s) => ({
      name: s.config.name,
      messages: s.state.messages,
      bytes: s.state.bytes,
      maxBytes: s.config.max_bytes,
      consumers: s.state.consumer_count
    })).sort((a, b) => a.name.localeCompare(b.name)),
    // Ordered consumers (the CLI's own reads, KV watches) come and go: only durable ones are workers.
    consumers: consumers.filter((c) => c.config.durable_name !== undefined).map((c) => ({
      stream: c.stream_name,
      name: c.name,
      pending: c.num_pending,
      ackPending: c.num_ack_pending,
      redelivered: c.num_redelivered,
      waiting: c.num_waiting,
      maxAckPending: c.config.max_ack_pending ?? 0
    })).sort((a, b) => `${a.stream}/${a.name}`.localeCompare(`${b.stream}/${b.name}`)),
    dlq,
    missing: declared.filter((name) => !streams.some((s) => s.config.name === name))
  } satisfies Status
})
