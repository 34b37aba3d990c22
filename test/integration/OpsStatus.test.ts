import { assert, layer } from "@effect/vitest"
import { jetstream } from "@nats-io/jetstream"
import { Effect, Layer } from "effect"
import { defaultConfig } from "../../domain/Config.ts"
import { ApiLive, apiUrl } from "../../src/api/ApiServer.ts"
import { readStatus } from "../../src/StreamStatus.ts"
import { verdicts } from "../../domain/StatusVerdicts.ts"
import { baseLayer } from "../../src/Workers.ts"
import { LocalNatsServer, natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { againstTestServer, manager } from "../support/Pipeline.ts"

// The api on the worker base (provisioned streams, config watch) and no pipeline workers: what is
// published stays where the test puts it, so a reading can be compared with the server's own answers.
const Api = againstTestServer(ApiLive.pipe(Layer.provideMerge(baseLayer("vigil-status-test"))), {
  HOST: "127.0.0.1",
  PORT: "0",
  VIGIL_ALLOW_NO_AUTH: "true"
})
const Test = Api.pipe(Layer.provideMerge(NatsServerTest))

const metric = (text: string, name: string, labels: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}}`) || (labels === "" && l.startsWith(`${name} `)))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1))
}

layer(Test, { excludeTestServices: true })("status and /metrics", (it) => {
  it.effect("report every stream and consumer count exactly as the server does", () =>
    Effect.gen(function*() {
      const nc = yield* natsConnection
      const js = jetstream(nc)
      const jsm = yield* Effect.promise(() => manager(nc))
      for (let i = 0; i < 7; i++) yield* Effect.promise(() => js.publish("vigil.guard.input", `m${i}`))
      for (let i = 0; i < 2; i++) yield* Effect.promise(() => js.publish("vigil.pii.detect", `p${i}`))
      yield* Effect.promise(() => js.publish("vigil.dlq.pii", "{}"))
      // All seven taken and held (ack pending), one handed back and taken again (redelivered): with nothing
      // else pending, the next delivery can only be that one.
      const detection = yield* Effect.promise(() => js.consumers.get("VIGIL", "vigil-detection"))
      const held = yield* Effect.promise(async () => {
        const out = []
        for await (const m of await detection.fetch({ max_messages: 7, expires: 2_000 })) out.push(m)
        return out
      })
      assert.strictEqual(held.length, 7)
      held[0]!.nak()
      const again = yield* Effect.promise(() => detection.next({ expires: 5_000 }))
      assert.strictEqual(again?.info.deliveryCount, 2)

      const status = yield* readStatus
      for (const c of status.consumers) {
        const info = yield* Effect.promise(() => jsm.consumers.info(c.stream, c.name))
        assert.deepStrictEqual(
          [c.pending, c.ackPending, c.redelivered, c.waiting],
          [info.num_pending, info.num_ack_pending, info.num_redelivered, info.num_waiting],
          `${c.stream}/${c.name}`
        )
      }
      for (const s of status.streams) {
        const info = yield* Effect.promise(() => jsm.streams.info(s.name))
        assert.deepStrictEqual([s.messages, s.bytes], [info.state.messages, info.state.bytes], s.name)
      }
      assert.includeMembers(status.consumers.map((c) => c.name), ["vigil-detection", "vigil-pii", "vigil-arbiter", "vigil-logging"])
      const d = status.consumers.find((c) => c.name === "vigil-detection")!
      assert.deepStrictEqual([d.pending, d.ackPending, d.redelivered], [0, 7, 1])
      assert.deepStrictEqual(status.dlq, { pii: 1 })
      // No pii worker runs: its two messages wait with nothing pulling.
      assert.isTrue(verdicts(status).some((v) => v.level === "critical" && v.subject === "VIGIL/vigil-pii"))

      const body = yield* Effect.flatMap(apiUrl, (url) => Effect.promise(() => fetch(`${url}/metrics`).then((r) => r.text())))
      const info = yield* Effect.promise(() => jsm.consumers.info("VIGIL", "vigil-detection"))
      const labels = 'stream="VIGIL",consumer="vigil-detection"'
      assert.strictEqual(metric(body, "vigil_consumer_pending", labels), info.num_pending)
      assert.strictEqual(metric(body, "vigil_consumer_ack_pending", labels), info.num_ack_pending)
      assert.strictEqual(metric(body, "vigil_consumer_redelivered", labels), info.num_redelivered)
      assert.strictEqual(metric(body, "vigil_consumer_waiting", labels), info.num_waiting)
      assert.strictEqual(metric(body, "vigil_stream_messages", 'stream="VIGIL"'), (yield* Effect.promise(() => jsm.streams.info("VIGIL"))).state.messages)
      assert.strictEqual(metric(body, "vigil_dlq_messages", 'worker="pii"'), 1)
      assert.strictEqual(metric(body, "vigil_nats_up", ""), 1)
      assert.strictEqual(metric(body, "vigil_health_level", ""), 2)
      assert.strictEqual(metric(body, "vigil_config_info", `version="${defaultConfig.version}"`), 1)
      // The api's own metrics are still there.
      assert.include(body, "vigil_api_guard_requests_total")
    }))

  it.effect("while nats-server is down, /metrics still answers, with vigil_nats_up 0 and no stale figures", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      yield* server.stop
      const started = Date.now()
      const body = yield* Effect.flatMap(apiUrl, (url) => Effect.promise(() => fetch(`${url}/metrics`).then((r) => r.text())))
      assert.isBelow(Date.now() - started, 10_000)
      assert.strictEqual(metric(body, "vigil_nats_up", ""), 0)
      assert.isUndefined(metric(body, "vigil_consumer_pending", 'stream="VIGIL",consumer="vigil-detection"'))
      yield* server.start
    }), 60_000)
})
