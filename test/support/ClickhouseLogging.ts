/**
 * The logging worker in the test process against a test nats-server and either backend, with its store,
 * health flag and NATS connection exposed to the tests; and polling helpers on the real clock.
 */
import type { NatsConnection } from "@nats-io/nats-core"
import { Effect, Layer, Schema } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Clickhouse } from "../../src/Clickhouse.ts"
import { LoggingHealth } from "../../src/LoggingHealth.ts"
import { type EventRow, type LoggingRequest, LoggingRequestJson, LoggingResponseJson, QuerySubject } from "../../src/LoggingQueries.ts"
import { LoggingQueryResponder } from "../../src/LoggingQueryResponder.ts"
import { LogStore } from "../../src/LoggingStore.ts"
import { LoggingWorker } from "../../src/LoggingWorker.ts"
import { baseLayer, LoggerLive, MaxDeliveriesWorker } from "../../src/Workers.ts"
import { LocalClickhouseServer } from "./ClickhouseServer.ts"
import { NatsServerTest } from "./NatsServer.ts"
import { againstTestServer } from "./Pipeline.ts"

export const tempDir = (prefix: string) =>
  Effect.acquireRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), prefix))),
    (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
  )

/** The production logging Layers, with LogStore, LoggingHealth and Clickhouse kept visible for assertions. */
export const loggingApp = <E = never, R = never>(extraWorkers: Layer.Layer<never, E, R> = Layer.empty as Layer.Layer<never, E, R>) =>
  Layer.mergeAll(LoggingWorker, LoggingQueryResponder, MaxDeliveriesWorker, extraWorkers).pipe(
    Layer.provideMerge(LogStore.layerConfig),
    Layer.provideMerge(LoggingHealth.layer),
    Layer.provideMerge(Clickhouse.layerConfig),
    Layer.provideMerge(baseLayer("vigil-logging-test")),
    Layer.provide(LoggerLive)
  )

/** nats-server plus the embedded engine in a temp directory, with `app` configured for both. */
export const withEmbedded = <A, E, R>(app: Layer.Layer<A, E, R>, env: Record<string, string>) =>
  Layer.unwrap(Effect.map(tempDir("vigil-chdb-"), (dir) => againstTestServer(app, { ...env, VIGIL_CLICKHOUSE_DIR: dir }))).pipe(
    Layer.provideMerge(NatsServerTest)
  )

/** nats-server plus a real ClickHouse server (stoppable by the test), with `app` configured for both. */
export const withServer = <A, E, R>(app: Layer.Layer<A, E, R>, env: Record<string, string>, prepare?: (url: string) => Promise<void>) =>
  Layer.unwrap(Effect.gen(function*() {
    const ch = yield* LocalClickhouseServer
    if (prepare !== undefined) yield* Effect.promise(() => prepare(ch.url))
    return againstTestServer(app, { ...env, CLICKHOUSE_URL: ch.url })
  })).pipe(
    Layer.provideMerge(NatsServerTest),
    Layer.provideMerge(LocalClickhouseServer.layer)
  )

/** Polls `effect` every 200 ms until `done` holds; fails with the last value after `timeoutMs`. */
export const eventuallyEffect = <A, E, R>(effect: Effect.Effect<A, E, R>, done: (a: A) => boolean, timeoutMs = 20_000) =>
  Effect.gen(function*() {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const a = yield* effect
      if (done(a)) return a
      if (Date.now() > deadline) return yield* Effect.die(new Error(`not reached within ${timeoutMs} ms; last: ${JSON.stringify(a).slice(0, 500)}`))
      yield* Effect.sleep("200 millis")
    }
  })

/** The rows of one run (request ids `<runId>-<i>`), read with FINAL. */
export const rowsOf = (runId: string) =>
  Effect.flatMap(LogStore, (store) =>
    Effect.map(
      store.events({ _tag: "Events", sinceMs: Math.max(0, Date.now() - 3_600_000), limit: 10_000 }),
      (rows): ReadonlyArray<EventRow> => rows.filter((r) => r.request_id.startsWith(`${runId}-`))
    ))

/** Asks the logging worker over NATS, as `vigil events` / `vigil stats` do. */
export const askLogging = (nc: NatsConnection, request: LoggingRequest) =>
  Effect.promise(async () =>
    Schema.decodeUnknownSync(LoggingResponseJson)(
      (await nc.request(QuerySubject, Schema.encodeSync(LoggingRequestJson)(request), { timeout: 10_000 })).string()
    )
  )

/** programs/logging.ts as a child process, its output kept (the last 16 KB) for when a test fails. */
export const spawnLoggingWorker = (env: Record<string, string>) => {
  const child = spawn(process.execPath, ["programs/logging.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  const keep = (d: Buffer) => output = (output + d.toString()).slice(-16_384)
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  return { child, exited, output: () => output }
}
