import { assert, describe, it, layer } from "@effect/vitest"
import { jetstream, jetstreamManager, StorageType } from "@nats-io/jetstream"
import { Effect, Layer } from "effect"
import { isReachable, LocalNatsServer, natsConnection, NatsServerTest } from "../support/NatsServer.ts"

const publishAndRead = (stream: string, subject: string, payload: string) =>
  Effect.gen(function*() {
    const nc = yield* natsConnection
    const jsm = yield* Effect.promise(() => jetstreamManager(nc))
    yield* Effect.promise(() => jsm.streams.add({ name: stream, subjects: [`${subject}.>`], storage: StorageType.File }))
    const ack = yield* Effect.promise(() => jetstream(nc).publish(`${subject}.one`, payload))
    const stored = yield* Effect.promise(() => jsm.streams.getMessage(stream, { seq: ack.seq }))
    return { seq: ack.seq, payload: stored?.string() }
  }).pipe(Effect.scoped)

const readBack = (stream: string, seq: number) =>
  Effect.gen(function*() {
    const nc = yield* natsConnection
    const jsm = yield* Effect.promise(() => jetstreamManager(nc))
    const stored = yield* Effect.promise(() => jsm.streams.getMessage(stream, { seq }))
    return stored?.string()
  }).pipe(Effect.scoped)

layer(NatsServerTest)("LocalNatsServer", (it) => {
  it.effect("serves JetStream on a free port with a file store", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      assert.strictEqual(server.url, `nats://127.0.0.1:${server.port}`)
      assert.isTrue(yield* Effect.promise(() => isReachable(server.url)))
      const { payload } = yield* publishAndRead("ROUNDTRIP", "roundtrip", "hello")
      assert.strictEqual(payload, "hello")
    }))

  it.effect("a stored message survives a restart (SIGTERM) on the same port and store", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      const { seq } = yield* publishAndRead("RESTART", "restart", "still here")
      yield* server.restart
      assert.strictEqual(yield* readBack("RESTART", seq), "still here")
    }))

  it.effect("a stored message survives a crash (SIGKILL) of the server", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      const { seq } = yield* publishAndRead("CRASH", "crash", "after kill -9")
      yield* server.kill
      assert.isFalse(yield* Effect.promise(() => isReachable(server.url, 200)))
      yield* server.start
      assert.strictEqual(yield* readBack("CRASH", seq), "after kill -9")
    }))
})

describe("LocalNatsServer failures", () => {
  it.effect("a missing binary fails with a clear error", () =>
    Effect.gen(function*() {
      const error = yield* Layer.build(LocalNatsServer.layer({ binary: "/nonexistent/nats-server" })).pipe(
        Effect.scoped,
        Effect.flip
      )
      assert.strictEqual(error._tag, "LocalNatsServerError")
      assert.strictEqual(error.reason, "BinaryNotFound")
      assert.include(error.message, "'/nonexistent/nats-server' not found")
      assert.include(error.message, "NATS_SERVERS")
    }))

  it.effect("a server that exits early reports its last log lines", () =>
    Effect.gen(function*() {
      const error = yield* Effect.gen(function*() {
        const first = yield* LocalNatsServer
        // Same port as a running server: nats-server logs the bind error and exits.
        return yield* Layer.build(LocalNatsServer.layer({ port: first.port })).pipe(Effect.flip)
      }).pipe(Effect.provide(NatsServerTest), Effect.scoped)
      assert.strictEqual(error.reason, "ExitedEarly")
      assert.include(error.message, "last nats-server output")
      assert.match(error.message, /address already in use/)
    }))

  it("isReachable is false for a closed port and an unparsable url", async () => {
    assert.isFalse(await isReachable("nats://127.0.0.1:1", 500))
    assert.isFalse(await isReachable("::not a url::", 500))
  })
})
