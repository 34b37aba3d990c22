/**
 * A logging worker process killed with SIGKILL in the middle of its batches (events pulled and not acked,
 * some inserted and not acked), then a new one started on the same data: every event is in the table
 * exactly once. Run against the embedded engine (the new process reopens the directory) and a server.
 */
import { jetstream, jetstreamManager } from "@nats-io/jetstream"
import { assert, layer } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { askLogging, eventuallyEffect, spawnLoggingWorker, tempDir } from "../support/ClickhouseLogging.ts"
import { logEnvelope, publishLogEvents } from "../support/ClickhouseLogEvents.ts"
import { LocalClickhouseServer } from "../support/ClickhouseServer.ts"
import { LocalNatsServer, natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { shortTopologyFile, testEnv } from "../support/Pipeline.ts"

const Total = 500

const crashAndRecover = <R>(backendEnv: Effect.Effect<Record<string, string>, never, R>) =>
  Effect.gen(function*() {
    const nats = yield* LocalNatsServer
    const nc = yield* natsConnection
    const js = jetstream(nc)
    const jsm = yield* Effect.promise(() => jetstreamManager(nc))
    const env = testEnv(nats, {
      ...(yield* backendEnv),
      VIGIL_TOPOLOGY_FILE: shortTopologyFile(4_000),
      VIGIL_LOG_BATCH_SIZE: "100",
      VIGIL_LOG_BATCH_WAIT: "2 seconds"
    })
    const health = askLogging(nc, { _tag: "Health" }).pipe(
      Effect.map((r) => r._tag === "Health" ? r.status : undefined),
      Effect.timeout("2 seconds"),
      Effect.catchCause(() => Effect.succeed(undefined))
    )
    const first = spawnLoggingWorker(env)
    const second = { current: undefined as ReturnType<typeof spawnLoggingWorker> | undefined }
    yield* Effect.addFinalizer(() =>
      Effect.promise(async () => {
        for (const w of [first, second.current]) {
          if (w !== undefined && w.child.exitCode === null && w.child.signalCode === null) {
            w.child.kill("SIGTERM")
            await w.exited
          }
        }
      })
    )
    yield* eventuallyEffect(health, (s) => s?.state === "healthy", 30_000).pipe(
      Effect.tapCause(() => Effect.logError(`first logging worker:\n${first.output()}`))
    )
    const runId = `crash${Date.now()}`
    const traffic = yield* Effect.forkChild(Effect.forEach(Array.from({ length: Total / 25 }, (_, k) => k), (k) =>
      Effect.promise(() => publishLogEvents(js, Array.from({ length: 25 }, (_, i) => logEnvelope(runId, k * 25 + i)))).pipe(
        Effect.andThen(Effect.sleep("100 millis"))
      ), { discard: true }))
    // Kill it once it has inserted some events and holds others it has not acknowledged.
    yield* eventuallyEffect(
      Effect.all([health, Effect.promise(() => jsm.consumers.info("VIGIL", "vigil-logging"))]),
      ([s, info]) => (s?.insertedRows ?? 0) > 0 && info.num_ack_pending > 0,
      30_000
    )
    first.child.kill("SIGKILL")
    yield* Effect.promise(() => first.exited)
    const pendingAtKill = (yield* Effect.promise(() => jsm.consumers.info("VIGIL", "vigil-logging"))).num_ack_pending
    yield* Fiber.join(traffic)
    second.current = spawnLoggingWorker(env)
    const events = yield* eventuallyEffect(
      askLogging(nc, { _tag: "Events", sinceMs: Date.now() - 600_000, limit: 10_000 }).pipe(
        Effect.timeout("12 seconds"),
        Effect.map((r) => r._tag === "Events" ? r.rows.filter((row) => row.request_id.startsWith(`${runId}-`)) : []),
        Effect.catchCause(() => Effect.succeed([]))
      ),
      (rows) => rows.length >= Total,
      60_000
    ).pipe(Effect.tapCause(() => Effect.logError(`second logging worker:\n${second.current?.output()}`)))
    assert.strictEqual(events.length, Total)
    assert.strictEqual(new Set(events.map((e) => e.request_id)).size, Total)
    yield* eventuallyEffect(Effect.promise(() => jsm.consumers.info("VIGIL", "vigil-logging")), (i) => i.num_pending + i.num_ack_pending === 0)
    const dlq = yield* Effect.promise(() => jsm.streams.info("VIGIL_DLQ"))
    assert.strictEqual(dlq.state.messages, 0)
    const stats = yield* askLogging(nc, { _tag: "Stats", sinceMs: Date.now() - 600_000 })
    if (stats._tag === "Stats") {
      assert.strictEqual(stats.stats.totals.requests, Total)
      yield* Effect.logInfo(
        `crash test: published ${Total}, unacked at SIGKILL ${pendingAtKill}, rows (FINAL) ${stats.stats.totals.requests}, ` +
          `raw rows ${stats.stats.totals.raw_rows}, dead-lettered ${dlq.state.messages}`
      )
    }
  })

layer(NatsServerTest, { excludeTestServices: true, timeout: 120_000 })("a logging worker on the embedded engine", (it) => {
  it.effect("killed mid-batch and restarted: every event exactly once", () =>
    crashAndRecover(Effect.map(tempDir("vigil-chdb-crash-"), (dir) => ({ VIGIL_CLICKHOUSE_DIR: dir }))), 120_000)
})

layer(Layer.merge(NatsServerTest, LocalClickhouseServer.layer), { excludeTestServices: true, timeout: 120_000 })(
  "a logging worker on a ClickHouse server",
  (it) => {
    it.effect("killed mid-batch and restarted: every event exactly once", () =>
      crashAndRecover(Effect.map(LocalClickhouseServer, (ch) => ({ CLICKHOUSE_URL: ch.url }))), 120_000)
  }
)
