/**
 * `vigil events` and `vigil stats` as a user runs them: answered by the running logging worker over NATS,
 * and, once no worker runs, read from the embedded directory directly. Plus the pure parts: durations,
 * tables, the DDL profile by server version.
 */
import { jetstream } from "@nats-io/jetstream"
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { profileFor } from "../../src/ClickhouseSchema.ts"
import { parseSince } from "../../src/LoggingCommands.ts"
import { formatEvents, renderTable } from "../../src/LoggingTable.ts"
import { askLogging, eventuallyEffect, spawnLoggingWorker, tempDir } from "../support/ClickhouseLogging.ts"
import { logEnvelope, publishLogEvents } from "../support/ClickhouseLogEvents.ts"
import { LocalNatsServer, natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { testEnv } from "../support/Pipeline.ts"

const run = promisify(execFile)
const vigil = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  Effect.promise(() => run(process.execPath, ["programs/vigil.ts", ...args], { env: { ...process.env, ...env }, timeout: 60_000 }))

describe("logging CLI, pure parts", () => {
  it("reads durations the short way and Effect's way", () => {
    assert.deepStrictEqual(parseSince("90s"), Option.some(90_000))
    assert.deepStrictEqual(parseSince("1h"), Option.some(3_600_000))
    assert.deepStrictEqual(parseSince("7d"), Option.some(604_800_000))
    assert.deepStrictEqual(parseSince("30 minutes"), Option.some(1_800_000))
    assert.isTrue(Option.isNone(parseSince("yesterday")))
  })

  it("renders tables with numbers to the right", () => {
    assert.strictEqual(renderTable(["name", "n"], [["a", 1], ["bbb", 22.25]]), "name     n\n----  ----\na        1\nbbb   22.3")
    assert.strictEqual(formatEvents([]), "no decisions logged in that window")
  })

  it("takes the legacy DDL below ClickHouse 22.2", () => {
    assert.deepStrictEqual(["18.16.1", "21.8.15.7", "22.1.3.7", "22.2.1", "26.7.2.1"].map(profileFor), ["legacy", "legacy", "legacy", "current", "current"])
  })
})

layer(NatsServerTest, { excludeTestServices: true, timeout: 120_000 })("vigil events / stats", (it) => {
  it.effect("ask the running worker over NATS, then read the embedded directory when none runs", () =>
    Effect.gen(function*() {
      const nats = yield* LocalNatsServer
      const nc = yield* natsConnection
      const dir = yield* tempDir("vigil-chdb-cli-")
      const env = testEnv(nats, { VIGIL_CLICKHOUSE_DIR: dir, VIGIL_LOG_BATCH_WAIT: "1 second" })
      const worker = spawnLoggingWorker(env)
      yield* Effect.addFinalizer(() => Effect.promise(async () => {
        if (worker.child.exitCode === null) worker.child.kill("SIGKILL")
        await worker.exited
      }))
      const health = askLogging(nc, { _tag: "Health" }).pipe(Effect.timeout("2 seconds"), Effect.catchCause(() => Effect.succeed(undefined)))
      yield* eventuallyEffect(health, (r) => r?._tag === "Health" && r.status.state === "healthy", 30_000)
      const runId = `cli${Date.now()}`
      yield* Effect.promise(() => publishLogEvents(jetstream(nc), Array.from({ length: 12 }, (_, i) => logEnvelope(runId, i))))
      yield* eventuallyEffect(
        askLogging(nc, { _tag: "Stats", sinceMs: Date.now() - 600_000 }),
        (r) => r._tag === "Stats" && r.stats.totals.requests === 12
      )

      const viaWorker = yield* vigil(["events", "--since", "1h", "--decision", "BLOCK", "--limit", "50"], env)
      assert.strictEqual(viaWorker.stdout.split("\n").filter((l) => l.includes(`${runId}-`)).length, 4)
      assert.notInclude(viaWorker.stderr, "reading ClickHouse directly")
      const stats = JSON.parse((yield* vigil(["stats", "--json"], env)).stdout)
      assert.deepStrictEqual(stats.stats.totals, { requests: 12, allow: 4, sanitize: 4, block: 4, raw_rows: 12 })

      worker.child.kill("SIGTERM")
      yield* Effect.promise(() => worker.exited)
      const direct = yield* vigil(["events", "--since", "1h", "--decision", "BLOCK"], env)
      assert.include(direct.stderr, "reading ClickHouse directly")
      assert.strictEqual(direct.stdout.split("\n").filter((l) => l.includes(`${runId}-`)).length, 4)
      const table = yield* vigil(["stats"], env)
      assert.include(table.stdout, "12 requests (ALLOW 4, SANITIZE 4, BLOCK 4)")
      assert.include(table.stdout, "INSTRUCTION_OVERRIDE")
    }), 120_000)
})
