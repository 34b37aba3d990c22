/**
 * The api without pipeline workers, against a real nats-server: health and readiness across a NATS
 * outage, 503 when the request cannot reach JetStream, 504 when no decision comes, rate limiting, and
 * start-up refusal without keys. Each block has its own server.
 */
import { assert, describe, it, layer } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import type { HttpServer } from "effect/http"
import { ApiConfig } from "../../src/api/ApiConfig.ts"
import { ApiLive } from "../../src/api/ApiServer.ts"
import { Nats } from "../../src/NatsConnection.ts"
import { ProvisionLive } from "../../src/Provision.ts"
import { Topology } from "../../src/Topology.ts"
import { LocalNatsServer, NatsServerTest } from "../support/NatsServer.ts"
import { call } from "../support/ApiCall.ts"

const KEY = "ops-test-key"

const configFor = (extra: Record<string, string>) =>
  Layer.unwrap(Effect.map(LocalNatsServer, (server) =>
    ConfigProvider.layer(ConfigProvider.fromUnknown({
      NATS_SERVERS: server.url,
      NATS_CONNECT_TIMEOUT: "10 seconds",
      HOST: "127.0.0.1",
      PORT: "0",
      VIGIL_API_KEYS: KEY,
      ...extra
    }))))

/** The api on its own connection; `provision` declares the streams first (as every worker process does). */
const apiOnly = (extra: Record<string, string>, provision: boolean) => {
  const nats = provision
    ? ProvisionLive.pipe(Layer.provideMerge(Layer.mergeAll(Topology.layer, Nats.layerConfig("vigil-api-test"))))
    : Nats.layerConfig("vigil-api-test")
  return ApiLive.pipe(Layer.provide(nats), Layer.provide(configFor(extra)))
}


const guard = (body: unknown, key = KEY) =>
  call("/v1/guard/input", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body)
  })

/** Real timers: this waits on a real server, not a TestClock. */
const until = <A>(probe: Effect.Effect<A, never, HttpServer.HttpServer>, ok: (a: A) => boolean, ms = 15_000) =>
  Effect.gen(function*() {
    const deadline = Date.now() + ms
    let last = yield* probe
    while (!ok(last) && Date.now() < deadline) {
      yield* Effect.promise(() => new Promise((r) => setTimeout(r, 100)))
      last = yield* probe
    }
    return last
  })

layer(NatsServerTest, { excludeTestServices: true })("api health across a NATS outage", (it) => {
  it.layer(apiOnly({ VIGIL_REPLY_TIMEOUT: "300 millis" }, true))((it) => {
    it.effect("/health/live is 200 and /health is 200 with the streams when NATS is up", () =>
      Effect.gen(function*() {
        const live = yield* call("/health/live")
        assert.strictEqual(live.status, 200)
        assert.deepStrictEqual(live.body, { status: "ok" })
        const health = yield* call("/health")
        assert.strictEqual(health.status, 200)
        assert.strictEqual(health.headers.get("content-type"), "application/json")
        assert.deepStrictEqual(health.body, { status: "ok", nats: "connected", streams: ["VIGIL", "VIGIL_DLQ"] })
      }))

    it.effect("/health is 503 while nats-server is stopped, /health/live stays 200, and /health recovers", () =>
      Effect.gen(function*() {
        const server = yield* LocalNatsServer
        yield* server.stop
        const down = yield* until(call("/health"), (a) => a.status === 503)
        assert.strictEqual(down.status, 503)
        assert.strictEqual(down.body.status, "unavailable")
        assert.oneOf(down.body.nats, ["disconnected", "reconnecting"])
        assert.match(down.body.reason, /NATS connection is (disconnected|reconnecting)/)
        assert.strictEqual((yield* call("/health/live")).status, 200)

        // Guard requests cannot reach JetStream: 503 (no PubAck), not a hang and not a 504.
        const refused = yield* guard({ text: "hello" })
        assert.strictEqual(refused.status, 503)
        assert.strictEqual(refused.body.error, "unavailable")
        assert.isString(refused.body.request_id)

        yield* server.start
        const up = yield* until(call("/health"), (a) => a.status === 200)
        assert.strictEqual(up.status, 200)
        assert.strictEqual(up.body.nats, "connected")
      }))

    it.effect("504 with the request id when no pipeline worker answers in time", () =>
      Effect.gen(function*() {
        const started = Date.now()
        const answer = yield* guard({ text: "is anyone there?" })
        const elapsed = Date.now() - started
        assert.strictEqual(answer.status, 504)
        assert.strictEqual(answer.body.error, "timeout")
        assert.match(answer.body.request_id, /^[0-9a-f-]{36}$/)
        assert.strictEqual(answer.headers.get("x-request-id"), answer.body.request_id)
        assert.include(answer.body.reason, "300 ms")
        assert.isAtLeast(elapsed, 250)
        assert.isBelow(elapsed, 3_000)
        const metrics = yield* call("/metrics")
        assert.match(metrics.body, /vigil_api_errors_total\{kind="timeout"\} 1/)
        assert.match(metrics.body, /vigil_api_guard_requests_total\{status="504",decision="none"\} 1/)
      }))
  })
})

layer(NatsServerTest, { excludeTestServices: true })("api without provisioned streams", (it) => {
  it.layer(apiOnly({}, false))((it) => {
    it.effect("/health is 503 naming the missing stream, and a guard request is 503 at once", () =>
      Effect.gen(function*() {
        const health = yield* call("/health")
        assert.strictEqual(health.status, 503)
        assert.strictEqual(health.body.nats, "connected")
        assert.include(health.body.reason, "stream VIGIL not found")
        assert.include(health.body.reason, "stream VIGIL_DLQ not found")
        const started = Date.now()
        const answer = yield* guard({ text: "hello" })
        assert.strictEqual(answer.status, 503)
        assert.strictEqual(answer.body.error, "unavailable")
        assert.include(answer.body.reason, "vigil.guard.input")
        assert.isBelow(Date.now() - started, 2_000)
      }))
  })
})

layer(NatsServerTest, { excludeTestServices: true })("api rate limit", (it) => {
  it.layer(apiOnly({ VIGIL_RATE_LIMIT_RPS: "0.5", VIGIL_RATE_LIMIT_BURST: "2", VIGIL_API_KEYS: `${KEY},other-key` }, true))(
    (it) => {
      it.effect("429 with Retry-After once a key's burst is spent; other keys are not affected", () =>
        Effect.gen(function*() {
          // Invalid bodies still spend tokens: the limit is checked before the body is read.
          assert.strictEqual((yield* guard({})).status, 400)
          assert.strictEqual((yield* guard({})).status, 400)
          const limited = yield* guard({ text: "one more" })
          assert.strictEqual(limited.status, 429)
          assert.strictEqual(limited.body.error, "rate_limited")
          assert.include(limited.body.reason, "0.5 requests/s")
          assert.strictEqual(limited.headers.get("retry-after"), "2")
          assert.strictEqual((yield* guard({}, "other-key")).status, 400)
          // A wrong key is refused before it can spend anyone's tokens.
          assert.strictEqual((yield* guard({}, "wrong-key")).status, 401)
          const metrics = yield* call("/metrics")
          assert.match(metrics.body, /vigil_api_errors_total\{kind="rate_limited"\} 1/)
          assert.match(metrics.body, /vigil_api_errors_total\{kind="unauthorized"\} 1/)
        }))
    }
  )
})

describe("api start-up", () => {
  const build = (values: Record<string, string>) =>
    Layer.build(ApiConfig.layerConfig).pipe(
      Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown(values))),
      Effect.scoped,
      Effect.flip
    )

  it.effect("refuses to start without keys unless VIGIL_ALLOW_NO_AUTH=true", () =>
    Effect.gen(function*() {
      const error = yield* build({})
      assert.strictEqual(error._tag, "ApiConfigError")
      assert.include(error.message, "VIGIL_API_KEYS is empty")
      assert.include(error.message, "VIGIL_ALLOW_NO_AUTH=true")
      const ok = yield* Layer.build(ApiConfig.layerConfig).pipe(
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({ VIGIL_ALLOW_NO_AUTH: "true" }))),
        Effect.scoped
      )
      assert.isDefined(ok)
    }))

  it.effect("names every bad setting at once", () =>
    Effect.gen(function*() {
      const error = yield* build({ VIGIL_API_KEYS: "k", PORT: "70000", VIGIL_RATE_LIMIT_RPS: "0", VIGIL_MAX_TEXT_LENGTH: "0" })
      assert.strictEqual(error._tag, "ApiConfigError")
      assert.include(error.message, "PORT must be 0..65535")
      assert.include(error.message, "VIGIL_RATE_LIMIT_RPS must be positive")
      assert.include(error.message, "VIGIL_MAX_TEXT_LENGTH must be at least 1")
    }))
})
