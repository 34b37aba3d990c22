import { assert, layer } from "@effect/vitest"
import { RetentionPolicy } from "@nats-io/jetstream"
import { nanos } from "@nats-io/nats-core"
import { ConfigProvider, Effect, Exit, Layer } from "effect"
import { Nats } from "../../src/NatsConnection.ts"
import { provision } from "../../src/Provision.ts"
import { consumerBackoffMs } from "../../src/RetryPolicy.ts"
import { Topology } from "../../src/Topology.ts"
import { LocalNatsServer, NatsServerTest } from "../support/NatsServer.ts"
import { testEnv } from "../support/Pipeline.ts"

const Connected = Layer.unwrap(Effect.map(LocalNatsServer, (server) =>
  Layer.mergeAll(Nats.layerConfig("vigil-test"), Topology.layer).pipe(
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown(testEnv(server))))
  ))).pipe(Layer.provideMerge(NatsServerTest))

layer(Connected, { excludeTestServices: true })("provisioning from infra/jetstream.json", (it) => {
  it.effect("creates every stream, consumer and bucket, and a second run changes nothing", () =>
    Effect.gen(function*() {
      yield* provision()
      yield* provision()
      const { jsm } = yield* Nats
      const topology = yield* Topology
      for (const s of topology.streams) {
        const info = yield* Effect.promise(() => jsm.streams.info(s.name))
        assert.deepStrictEqual(info.config.subjects, [...s.subjects])
      }
      for (const c of topology.consumers) {
        const info = yield* Effect.promise(() => jsm.consumers.info(c.stream, c.durable))
        assert.strictEqual(info.config.max_deliver, c.retry.maxDeliver)
        assert.deepStrictEqual(info.config.backoff, consumerBackoffMs(c).map(nanos))
        assert.strictEqual(info.config.filter_subject, c.filterSubject)
      }
      const kv = yield* Effect.promise(() => jsm.streams.info("KV_vigil-config"))
      assert.strictEqual(kv.config.max_msgs_per_subject, 50)
    }))

  it.effect("a conflicting stream on the server is a clear error, not a silent change", () =>
    Effect.gen(function*() {
      const { jsm } = yield* Nats
      yield* Effect.promise(() => jsm.streams.delete("VIGIL_DLQ"))
      // A work-queue stream cannot become a limits stream: the server refuses, provisioning says why.
      yield* Effect.promise(() => jsm.streams.add({ name: "VIGIL_DLQ", subjects: ["vigil.dlq.>"], retention: RetentionPolicy.Workqueue }))
      const exit = yield* Effect.exit(provision())
      assert.isTrue(Exit.isFailure(exit))
      const message = String(Exit.isFailure(exit) ? JSON.stringify(exit.cause) : "")
      assert.include(message, "VIGIL_DLQ")
      assert.include(message, "infra/jetstream.json")
    }))
})
