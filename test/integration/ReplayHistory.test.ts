import { assert, describe, it, layer } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Result } from "effect"
import { decide } from "../../domain/Arbiter.ts"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { append, start } from "../../domain/Envelope.ts"
import { DetectionCompleted, PiiCompleted } from "../../domain/Events.ts"
import { type LogRow, toLogRow } from "../../domain/LogRow.ts"
import { fromLogRow, replay } from "../../domain/Replay.ts"
import { GuardRequest } from "../../domain/Request.ts"
import { fold } from "../../domain/State.ts"
import { Clickhouse } from "../../src/Clickhouse.ts"
import { LogStore } from "../../src/LoggingStore.ts"
import { replayHistory } from "../../src/ReplayHistory.ts"
import { clickhouseRows } from "../../src/ReplayRows.ts"
import { fitPage, ReplayQueryResponder, workerRows } from "../../src/ReplayQueryResponder.ts"
import { Nats } from "../../src/NatsConnection.ts"
import { natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { againstTestServer } from "../support/Pipeline.ts"
import { tempDir } from "../support/ClickhouseLogging.ts"

// The embedded engine in a temp directory, as `vigil replay` opens it when no worker holds the directory.
const Store = Layer.unwrap(Effect.map(tempDir("vigil-replay-"), (dir) =>
  LogStore.layerConfig.pipe(
    Layer.provideMerge(Clickhouse.layerConfig),
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({ VIGIL_CLICKHOUSE_DIR: dir })))
  )))

// The logging worker's replay responder on the same engine, as `pnpm start` runs it.
const Test = ReplayQueryResponder.pipe(
  Layer.provide(againstTestServer(Nats.layerConfig("vigil-replay-test"))),
  Layer.provideMerge(Store),
  Layer.provideMerge(NatsServerTest)
)

const base = Date.now() - 3_600_000
/** Decided under the default config, as the pipeline would have; some with PII, some without. */
const loggedRow = (i: number): LogRow => {
  const request = new GuardRequest({ requestId: `req-${String(i).padStart(5, "0")}`, text: `prompt ${i}`, mode: "full", returnDecisionProcess: false, receivedAt: base + i })
  let envelope = append(start(request), new DetectionCompleted({
    at: base + i,
    branches: [
      { name: "heuristics", status: "ok", score: i % 90, categories: i % 3 === 0 ? ["INSTRUCTION_OVERRIDE"] : [], evidence: [], latencyMs: 1 },
      { name: "semantic", status: "ok", score: (i * 7) % 90, categories: [], evidence: [], latencyMs: 1 },
      { name: "classifier", status: "not_configured", score: 0, categories: [], evidence: [], latencyMs: 0 }
    ]
  }))
  const entities = i % 10 === 0 ? [{ type: "EMAIL", start: 0, end: 3, score: 1 }] : []
  envelope = append(envelope, new PiiCompleted({ at: base + i, latencyMs: 1, entities, sanitizedText: request.text }))
  envelope = append(envelope, decide(fold(envelope), defaultConfig, base + i + 1))
  return Result.getOrThrow(toLogRow(envelope, { prompts: "hash", sha256: () => "h" }))
}

// A candidate that decides differently: lower thresholds over the weighted mean (the default's fitted
// logistic fusion puts these synthetic score pairs near 0 or 100, where thresholds hardly matter).
const strict = new GuardConfig({
  ...defaultConfig,
  version: "strict",
  modes: {
    fast: { weights: defaultConfig.modes.fast.weights, skip: defaultConfig.modes.fast.skip },
    full: { weights: defaultConfig.modes.full.weights, skip: defaultConfig.modes.full.skip }
  },
  thresholds: { block: 40, sanitize: 20 }
})

layer(Test, { excludeTestServices: true })("replay of the decision log", (it) => {
  it.effect("re-decides every stored request once, across pages, and reproduces the logged decisions under their own config", () =>
    Effect.gen(function*() {
      const store = yield* LogStore
      const rows = Array.from({ length: 2_500 }, (_, i) => loggedRow(i))
      yield* store.insert(rows)
      // A redelivered batch: the same requests again. FINAL folds them, so each is replayed once.
      yield* store.insert(rows.slice(0, 100))

      const source = yield* clickhouseRows
      const same = yield* replayHistory(source, { sinceMs: base - 1_000, limit: 100_000, candidate: defaultConfig })
      assert.strictEqual(same.results.length, rows.length)
      assert.strictEqual(new Set(same.results.map((r) => r.requestId)).size, rows.length)
      assert.strictEqual(same.results.filter((r) => r.after !== r.before).length, 0)
      assert.deepStrictEqual(same.versions, { [defaultConfig.version]: rows.length })

      const progress: Array<number> = []
      const candidate = yield* replayHistory(source, {
        sinceMs: base - 1_000,
        limit: 100_000,
        candidate: strict,
        onProgress: (done) => Effect.sync(() => { progress.push(done) })
      })
      const expected = rows.map((r) => replay(fromLogRow(r), strict))
      assert.deepStrictEqual(
        candidate.results.map((r) => [r.requestId, r.after]),
        expected.map((r) => [r.requestId, r.after])
      )
      assert.isAbove(candidate.results.filter((r) => r.after !== r.before).length, 0)
      assert.deepStrictEqual(progress, [2_000, 2_500])

      // Logged at base + i + 1 (the decision time), so this window starts at request 2000.
      const limited = yield* replayHistory(source, { sinceMs: base + 2_001, limit: 300, candidate: strict })
      assert.strictEqual(limited.results.length, 300)
      assert.strictEqual(limited.results[0]!.requestId, "req-02000")

      // The same replay through the running worker, in pages that fit a NATS message.
      const nc = yield* natsConnection
      const viaWorker = yield* replayHistory(workerRows(nc), { sinceMs: base - 1_000, limit: 100_000, candidate: strict, pageSize: 500 })
      assert.deepStrictEqual(viaWorker.results, candidate.results)
    }), 120_000)
})

describe("replay pages over NATS", () => {
  it("a page is cut to a prefix that fits one message; a row too large alone travels without its prompt", () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ ...fromLogRow(loggedRow(i)), prompt: "x".repeat(100_000) }))
    const page = JSON.parse(fitPage(rows)) as { rows: Array<{ request_id: string; prompt: string }> }
    assert.isBelow(Buffer.byteLength(fitPage(rows)), 1_000_000)
    assert.isAbove(page.rows.length, 1)
    assert.deepStrictEqual(page.rows.map((r) => r.request_id), rows.slice(0, page.rows.length).map((r) => r.request_id))
    const huge = JSON.parse(fitPage([{ ...rows[0]!, prompt: "y".repeat(2_000_000) }])) as { rows: Array<{ prompt: string }> }
    assert.deepStrictEqual(huge.rows.map((r) => r.prompt), [""])
  })
})
