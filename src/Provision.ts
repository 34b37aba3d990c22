import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, type StreamConfig } from "@nats-io/jetstream"
import { nanos } from "@nats-io/nats-core"
import { Kvm } from "@nats-io/kv"
import { Effect, Layer, Schema } from "effect"
import { Nats } from "./NatsConnection.ts"
import { consumerSettings } from "./RetryPolicy.ts"
import { Topology, type ConsumerSpec, type StreamSpec } from "./Topology.ts"

export class ProvisionError extends Schema.TaggedError<ProvisionError>()("ProvisionError", {
  kind: Schema.Literals(["stream", "consumer", "kv"]),
  name: Schema.String,
  message: Schema.String
}) {}

const isNotFound = (e: unknown) => /not found/i.test(String((e as Error)?.message ?? e))

const streamConfig = (s: StreamSpec, replicas: number): Partial<StreamConfig> & { name: string } => ({
  name: s.name,
  subjects: [...s.subjects],
  retention: s.retention === "workqueue" ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
  storage: StorageType.File,
  max_age: nanos(s.maxAgeMs),
  max_bytes: s.maxBytes,
  duplicate_window: nanos(s.duplicateWindowMs),
  num_replicas: replicas
})

const consumerConfig = (c: ConsumerSpec) => ({
  durable_name: c.durable,
  ack_policy: AckPolicy.Explicit,
  deliver_policy: DeliverPolicy.All,
  filter_subject: c.filterSubject,
  max_ack_pending: c.maxAckPending,
  ...consumerSettings(c)
})

/** Create what is missing, update what differs; a config the server refuses is a clear error. */
export const provision = Effect.fn("Provision.provision")(function*() {
  const { jsm, js } = yield* Nats
  const topology = yield* Topology
  const attempt = <A>(kind: ProvisionError["kind"], name: string, f: () => Promise<A>) =>
    Effect.tryPromise({
      try: f,
      catch: (e) =>
        new ProvisionError({
          kind,
          name,
          message: `${String((e as Error)?.message ?? e)} (declared in infra/jetstream.json; the server's existing ${kind} conflicts: change or delete it)`
        })
    })
  for (const s of topology.streams) {
    const config = streamConfig(s, topology.replicas)
    const exists = yield* Effect.tryPromise(() => jsm.streams.info(s.name)).pipe(
      Effect.as(true),
      Effect.catch((e) => isNotFound(e.cause) ? Effect.succeed(false) : Effect.fail(e))
    ).pipe(Effect.mapError((e) => new ProvisionError({ kind: "stream", name: s.name, message: String(e.cause) })))
    yield* exists
      ? attempt("stream", s.name, () => jsm.streams.update(s.name, config))
      : attempt("stream", s.name, () => jsm.streams.add(config))
  }
  for (const c of topology.consumers) {
    const config = consumerConfig(c)
    const exists = yield* Effect.tryPromise(() => jsm.consumers.info(c.stream, c.durable)).pipe(
      Effect.as(true),
      Effect.catch((e) => isNotFound(e.cause) ? Effect.succeed(false) : Effect.fail(e))
    ).pipe(Effect.mapError((e) => new ProvisionError({ kind: "consumer", name: c.durable, message: String(e.cause) })))
    yield* exists
      ? attempt("consumer", c.durable, () => jsm.consumers.update(c.stream, c.durable, config))
      : attempt("consumer", c.durable, () => jsm.consumers.add(c.stream, config))
  }
  const kvm = new Kvm(js)
  for (const b of topology.kv) {
    yield* attempt("kv", b.bucket, () => kvm.create(b.bucket, { history: b.history, replicas: topology.replicas }))
  }
  yield* Effect.logInfo(
    `provisioned streams ${topology.streams.map((s) => s.name).join(", ")}; consumers ${topology.consumers.map((c) => c.durable).join(", ")}`
  )
})

/** Every process provisions at start: copies race harmlessly because each step is create-or-update. */
export const ProvisionLive = Layer.effectDiscard(provision())
