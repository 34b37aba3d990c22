import { Config, Context, Effect, Layer, Schema } from "effect"
import { readFileSync } from "node:fs"
import topologyJson from "../infra/jetstream.json" with { type: "json" }

const Ms = Schema.Int.check(Schema.isGreaterThan(0))

export const RetrySpec = Schema.Struct({
  maxDeliver: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  baseDelayMs: Ms,
  factor: Schema.Finite.check(Schema.isGreaterThanOrEqualTo(1)),
  maxDelayMs: Ms
})
export type RetrySpec = typeof RetrySpec.Type

export const StreamSpec = Schema.Struct({
  name: Schema.String,
  subjects: Schema.Array(Schema.String),
  retention: Schema.Literals(["workqueue", "limits"]),
  maxAgeMs: Ms,
  maxBytes: Schema.Int,
  duplicateWindowMs: Ms
})
export type StreamSpec = typeof StreamSpec.Type

export const ConsumerSpec = Schema.Struct({
  worker: Schema.String,
  stream: Schema.String,
  durable: Schema.String,
  filterSubject: Schema.String,
  ackWaitMs: Ms,
  maxAckPending: Schema.Int,
  retry: RetrySpec
})
export type ConsumerSpec = typeof ConsumerSpec.Type

export const TopologySpec = Schema.Struct({
  streams: Schema.Array(StreamSpec),
  consumers: Schema.Array(ConsumerSpec),
  kv: Schema.Array(Schema.Struct({ bucket: Schema.String, history: Schema.Int }))
})
export type TopologySpec = typeof TopologySpec.Type

/** The declared streams, consumers and buckets (infra/jetstream.json), with replicas from config. */
export class Topology extends Context.Service<Topology, TopologySpec & { readonly replicas: number }>()("vigil/Topology") {
  static readonly make = (replicas: number, source: unknown = topologyJson) =>
    Effect.map(Schema.decodeUnknownEffect(TopologySpec)(source), (spec) => Topology.of({ ...spec, replicas }))

  /** `VIGIL_TOPOLOGY_FILE` replaces infra/jetstream.json (other ack waits or retry numbers, say). */
  static readonly layer = Layer.effect(
    Topology,
    Effect.gen(function*() {
      const replicas = yield* Config.Int("VIGIL_REPLICAS").pipe(Config.withDefault(1))
      const file = yield* Config.option(Config.String("VIGIL_TOPOLOGY_FILE"))
      const source = file._tag === "Some" ? JSON.parse(readFileSync(file.value, "utf8")) : topologyJson
      return yield* Topology.make(replicas, source).pipe(
        Effect.mapError((e) => new Error(`invalid topology ${file._tag === "Some" ? file.value : "infra/jetstream.json"}: ${e.message}`))
      )
    }).pipe(Effect.orDie)
  )

  static readonly consumer = (topology: TopologySpec, worker: string): ConsumerSpec => {
    const spec = topology.consumers.find((c) => c.worker === worker)
    if (spec === undefined) throw new Error(`infra/jetstream.json declares no consumer for worker "${worker}"`)
    return spec
  }
}
