/**
 * One contract for the decision log, run against the embedded chdb engine and against a real ClickHouse
 * server over HTTP (Debian's 18.16): DDL by version, migration of an older table, reads, and a redelivered
 * batch counted once.
 */
import { assert, layer } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Result } from "effect"
import { createHash } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { LogRow, toLogRow } from "../../domain/LogRow.ts"
import { Clickhouse } from "../../src/Clickhouse.ts"
import { profileFor, type SchemaProfile } from "../../src/ClickhouseSchema.ts"
import { LogStore } from "../../src/LoggingStore.ts"
import { logEnvelope } from "../support/ClickhouseLogEvents.ts"
import { LocalClickhouseServer } from "../support/ClickhouseServer.ts"

const withEnv = (env: Record<string, string>) => Clickhouse.layerConfig.pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown(env))))

const Embedded = Layer.unwrap(Effect.map(
  Effect.acquireRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), "vigil-chdb-"))),
    (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
  ),
  (dir) => withEnv({ VIGIL_CLICKHOUSE_DIR: dir })
))

const Server = Layer.unwrap(Effect.map(LocalClickhouseServer, (s) => withEnv({ CLICKHOUSE_URL: s.url }))).pipe(
  Layer.provide(LocalClickhouseServer.layer)
)

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex")
const rowsFor = (runId: string, n: number, at: number): Array<LogRow> =>
  Array.from({ length: n }, (_, i) => Result.getOrThrow(toLogRow(logEnvelope(runId, i, at + i), { prompts: "hash", sha256 })))

const columnNames = Object.keys(LogRow.fields)

let tables = 0
const freshStore = Effect.suspend(() => LogStore.make({ table: `contract_${Date.now()}_${++tables}`, retentionDays: 30 }))

const contract = (name: string, backend: Layer.Layer<Clickhouse, unknown>, profile?: SchemaProfile) =>
  layer(backend, { excludeTestServices: true, timeout: 120_000 })(`decision log on ${name}`, (it) => {
    it.effect(`creates the table with the DDL its version takes; applying it again changes nothing`, () =>
      Effect.gen(function*() {
        const ch = yield* Clickhouse
        const store = yield* freshStore
        const table = yield* store.ready
        // Debian's 18.16 gets the legacy DDL; a newer server (nix's, say) the current one, like chdb.
        assert.strictEqual(table.profile, profile ?? profileFor(table.version))
        assert.strictEqual(table.retentionDays, table.profile === "current" ? 30 : undefined)
        const again = yield* LogStore.make({ table: table.table, retentionDays: 30 }).pipe(Effect.flatMap((s) => s.ready))
        assert.deepStrictEqual(again, table)
        const columns = yield* ch.query(`SELECT name FROM system.columns WHERE database = '${table.database}' AND table = '${table.table}'`)
        assert.deepStrictEqual(columns.map((c) => (c as { name: string }).name), columnNames)
      }))

    it.effect("migrates an older table forward, keeping its rows", () =>
      Effect.gen(function*() {
        const ch = yield* Clickhouse
        const old = `contract_old_${Date.now()}`
        yield* ch.command(`CREATE DATABASE IF NOT EXISTS ${ch.database}`)
        yield* ch.command(`CREATE TABLE ${ch.database}.${old} (request_id String, time_ms UInt64, time DateTime, decision String)
          ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(time) ORDER BY request_id`)
        const now = Date.now()
        yield* ch.insert(`${ch.database}.${old}`, [{ request_id: "old-1", time_ms: now - 1000, time: Math.floor((now - 1000) / 1000), decision: "BLOCK" }])
        const store = yield* LogStore.make({ table: old, retentionDays: 30 })
        yield* store.ready
        const columns = yield* ch.query(`SELECT name FROM system.columns WHERE database = '${ch.database}' AND table = '${old}'`)
        assert.deepStrictEqual(new Set(columns.map((c) => (c as { name: string }).name)), new Set(columnNames))
        yield* store.insert(rowsFor("migrated", 3, now))
        const events = yield* store.events({ _tag: "Events", sinceMs: now - 60_000, limit: 10 })
        assert.strictEqual(events.length, 4)
        const oldRow = events.find((e) => e.request_id === "old-1")!
        assert.strictEqual(oldRow.decision, "BLOCK")
        assert.deepStrictEqual(oldRow.categories, [])
      }))

    it.effect("reads back what was inserted: newest first, by decision, limited", () =>
      Effect.gen(function*() {
        const store = yield* freshStore
        const now = Date.now()
        yield* store.insert(rowsFor("read", 30, now - 10_000))
        yield* store.insert(rowsFor("ancient", 5, now - 3 * 3_600_000))
        const recent = yield* store.events({ _tag: "Events", sinceMs: now - 3_600_000, limit: 100 })
        assert.strictEqual(recent.length, 30)
        assert.deepStrictEqual(recent.map((e) => e.time_ms), [...recent.map((e) => e.time_ms)].sort((a, b) => b - a))
        const blocks = yield* store.events({ _tag: "Events", sinceMs: now - 3_600_000, decision: "BLOCK", limit: 100 })
        assert.strictEqual(blocks.length, 10)
        assert.isTrue(blocks.every((e) => e.decision === "BLOCK" && e.categories.includes("INSTRUCTION_OVERRIDE")))
        const limited = yield* store.events({ _tag: "Events", sinceMs: 0, limit: 7 })
        assert.strictEqual(limited.length, 7)
        assert.strictEqual(limited[0]!.request_id, "read-29")
      }))

    it.effect("a batch inserted again (redelivered after a crash, regrouped) is counted once", () =>
      Effect.gen(function*() {
        const store = yield* freshStore
        const now = Date.now()
        const rows = rowsFor("again", 60, now - 5_000)
        yield* store.insert(rows.slice(0, 40))
        yield* store.insert(rows.slice(0, 40))
        yield* store.insert(rows.slice(20, 60))
        const events = yield* store.events({ _tag: "Events", sinceMs: now - 60_000, limit: 1000 })
        assert.strictEqual(events.length, 60)
        assert.strictEqual(new Set(events.map((e) => e.request_id)).size, 60)
        const stats = yield* store.stats({ _tag: "Stats", sinceMs: now - 60_000 })
        assert.strictEqual(stats.totals.requests, 60)
        assert.isAtLeast(stats.totals.raw_rows, 60)
        assert.strictEqual(stats.perHour.reduce((n, h) => n + h.total, 0), 60)
      }))

    it.effect("stats: decisions per hour, top categories, PII types and latency", () =>
      Effect.gen(function*() {
        const store = yield* freshStore
        const now = Date.now()
        yield* store.insert(rowsFor("stats", 12, now - 1_000))
        const stats = yield* store.stats({ _tag: "Stats", sinceMs: now - 3_600_000 })
        assert.deepStrictEqual(stats.totals, { requests: 12, allow: 4, sanitize: 4, block: 4, raw_rows: 12 })
        assert.deepStrictEqual(stats.categories, [
          { category: "INSTRUCTION_OVERRIDE", requests: 4 },
          { category: "JAILBREAK_ROLEPLAY", requests: 2 }
        ])
        assert.deepStrictEqual(stats.piiTypes, [{ type: "EMAIL_ADDRESS", entities: 4, requests: 4 }])
        const total = stats.latency.find((l) => l.stage === "total")!
        assert.deepStrictEqual([total.p50, total.max], [9, 9])
        const pii = stats.latency.find((l) => l.stage === "pii")!
        assert.strictEqual(pii.max, 4)
      }))

    it.effect("every panel of the Grafana dashboard runs, with the data source's macros expanded", () =>
      Effect.gen(function*() {
        const ch = yield* Clickhouse
        const store = yield* freshStore
        const table = yield* store.ready
        yield* store.insert(rowsFor("grafana", 9, Date.now() - 1_000))
        const panels = (JSON.parse(readFileSync(new URL("../../infra/grafana/vigil-decisions.json", import.meta.url), "utf8")) as {
          panels: Array<{ title: string; targets: Array<{ rawSql: string }> }>
        }).panels
        for (const panel of panels) {
          const sql = panel.targets[0]!.rawSql
            .replaceAll("${table}", table.name)
            .replaceAll("$__timeFilter(time)", `time >= toDateTime(${Math.floor(Date.now() / 1000) - 3600}) AND time <= now()`)
            .replaceAll("$__interval_s", "60")
          const rows = yield* ch.query(sql).pipe(Effect.mapError((e) => new Error(`${panel.title}: ${e.message}`)))
          assert.isAbove(rows.length, 0, panel.title)
        }
      }))

    it.effect("reading a table that was never created finds nothing", () =>
      Effect.gen(function*() {
        const store = yield* LogStore.make({ table: "never_created", retentionDays: 30 })
        assert.deepStrictEqual(yield* store.events({ _tag: "Events", sinceMs: 0, limit: 10 }), [])
        assert.strictEqual((yield* store.stats({ _tag: "Stats", sinceMs: 0 })).totals.requests, 0)
      }))
  })

contract("the embedded chdb engine", Embedded, "current")
contract("a ClickHouse server over HTTP (Debian's 18.16)", Server)
