/**
 * `pnpm bench:logging`: rows/s into each backend.
 *  - sink: LogStore.insert of ready rows, in batches of 100 and 1000 (ClickHouse alone);
 *  - worker: BENCH_EVENTS log events (default 20000) waiting in the stream, then the logging worker with its
 *    default batch of 100 drains them: from its first healthy moment to an idle consumer, all rows checked.
 * Starts its own nats-server and clickhouse-server (Debian's 18.16) on free ports; nothing else is touched.
 */
import { NodeRuntime } from "@effect/platform-node"
import { jetstream, jetstreamManager } from "@nats-io/jetstream"
import { ConfigProvider, Console, Effect, Layer, References, Result } from "effect"
import { createHash } from "node:crypto"
import { toLogRow } from "../../domain/LogRow.ts"
import { LoggingHealth } from "../../src/LoggingHealth.ts"
import { LogStore } from "../../src/LoggingStore.ts"
import { Nats } from "../../src/NatsConnection.ts"
import { baseLayer } from "../../src/Workers.ts"
import { eventuallyEffect, loggingApp, tempDir } from "./ClickhouseLogging.ts"
import { logEnvelope, publishLogEvents } from "./ClickhouseLogEvents.ts"
import { LocalClickhouseServer } from "./ClickhouseServer.ts"
import { LocalNatsServer, NatsServerTest } from "./NatsServer.ts"
import { testEnv } from "./Pipeline.ts"

const events = Number(process.env["BENCH_EVENTS"] ?? "20000")
const sinkRows = Number(process.env["BENCH_SINK_ROWS"] ?? "20000")
const sha256 = (t: string) => createHash("sha256").update(t).digest("hex")
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000))

const sink = (backend: string, batch: number) =>
  Effect.gen(function*() {
    const store = yield* LogStore.make({ table: `bench_sink_${batch}_${Date.now()}`, retentionDays: 0 })
    yield* store.ready
    const rows = Array.from({ length: sinkRows }, (_, i) => Result.getOrThrow(toLogRow(logEnvelope(`sink${batch}`, i), { prompts: "hash", sha256 })))
    const started = Date.now()
    for (let i = 0; i < rows.length; i += batch) yield* store.insert(rows.slice(i, i + batch))
    const ms = Date.now() - started
    yield* Console.log(`${backend.padEnd(9)} sink    batch ${String(batch).padStart(4)}: ${sinkRows} rows in ${ms} ms = ${perSecond(sinkRows, ms)} rows/s`)
  })

const worker = (backend: string, clickhouseEnv: Record<string, string>) =>
  Effect.gen(function*() {
    const nats = yield* LocalNatsServer
    const env = testEnv(nats, { ...clickhouseEnv, VIGIL_LOG_BATCH_WAIT: "1 second" })
    const runId = `bench${Date.now()}`
    // Provision the stream, then fill it before the worker starts.
    const app = loggingApp().pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown(env))))
    yield* Effect.scoped(Effect.gen(function*() {
      const { nc } = yield* Nats
      const js = jetstream(nc)
      const envelopes = Array.from({ length: events }, (_, i) => logEnvelope(runId, i))
      const published = Date.now()
      yield* Effect.promise(() => publishLogEvents(js, envelopes, 256))
      yield* Console.log(`${backend.padEnd(9)} publish: ${events} log events in ${Date.now() - published} ms`)
    }).pipe(Effect.provide(baseLayer("vigil-bench").pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown(env)))))))
    yield* Effect.gen(function*() {
      const { nc } = yield* Nats
      const jsm = yield* Effect.promise(() => jetstreamManager(nc))
      yield* eventuallyEffect((yield* LoggingHealth).status, (s) => s.state !== "starting", 30_000)
      const started = Date.now()
      yield* eventuallyEffect(Effect.promise(() => jsm.consumers.info("VIGIL", "vigil-logging")), (i) => i.num_pending + i.num_ack_pending === 0, 300_000)
      const ms = Date.now() - started
      const { totals } = yield* (yield* LogStore).stats({ _tag: "Stats", sinceMs: started - 3_600_000 })
      if (totals.requests !== events) yield* Effect.die(new Error(`${totals.requests} rows for ${events} events`))
      yield* Console.log(`${backend.padEnd(9)} worker  batch  100: ${events} events in ${ms} ms = ${perSecond(events, ms)} rows/s (rows: ${totals.requests}, raw ${totals.raw_rows})`)
      yield* sink(backend, 100)
      yield* sink(backend, 1000)
    }).pipe(Effect.provide(app), Effect.scoped)
  }).pipe(Effect.provide(NatsServerTest))

const program = Effect.gen(function*() {
  yield* Console.log(`logging benchmark: ${events} events through the worker, ${sinkRows} rows per sink run`)
  const dir = yield* tempDir("vigil-bench-chdb-")
  yield* worker("embedded", { VIGIL_CLICKHOUSE_DIR: dir })
  yield* Effect.gen(function*() {
    const server = yield* LocalClickhouseServer
    yield* worker("server", { CLICKHOUSE_URL: server.url })
  }).pipe(Effect.provide(LocalClickhouseServer.layer))
}).pipe(Effect.scoped)

// Worker chatter would bury the figures.
NodeRuntime.runMain(program.pipe(Effect.provideService(References.MinimumLogLevel, "Warn")))
