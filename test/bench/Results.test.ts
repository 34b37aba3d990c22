import { assert, describe, it } from "@effect/vitest"
import type { LadderStep } from "../../bench/Ladder.ts"
import { summarize } from "../../bench/Percentiles.ts"
import { htmlReport } from "../../bench/Report.ts"
import { cpuMsPerRequest, cpuRatio, resultsJson, summaryTable } from "../../bench/Results.ts"

const step = (rate: number, p99: number, cpuMs = 1000): LadderStep => ({
  offeredRps: rate,
  achievedRps: rate,
  sent: rate * 5,
  ok: rate * 5,
  errors: 0,
  timeouts: 0,
  latency: { ...summarize([1, 2, 3]), p99 },
  maxSendLagMs: 1,
  errorKinds: {},
  byKind: { long: { ...summarize([5, 6]), p99: p99 * 2 } },
  decisions: { ALLOW: rate * 5 },
  drainMs: 3,
  purged: 0,
  othersCpuPercent: 5,
  processes: [
    { name: "api", pid: 1, cpuPercent: 10, cpuMs, maxRssMiB: 100 },
    { name: "generator", pid: 2, cpuPercent: 90, cpuMs: 99_999, maxRssMiB: 50 }
  ]
})

const results = resultsJson(
  { fast: [step(250, 20), step(500, 60)], full: [step(250, 90), step(500, 95)], baseline: [step(250, 5), step(500, 30), step(1000, 70)] },
  { machine: { cpus: 2 }, command: "pnpm bench", settings: {}, startedAt: "2026-01-01T00:00:00Z" }
)

describe("bench results", () => {
  it("hold the fields issue 6 asks for, with sustainable rates at each mode's bound and their ratio to the baseline", () => {
    assert.strictEqual(results.fast?.sustainable_rps, 250)
    assert.strictEqual(results.fast?.p99_ms, 20)
    assert.strictEqual(results.full?.sustainable_rps, 500)
    assert.strictEqual(results.baseline?.sustainable_rps, 500)
    assert.strictEqual(results.baseline?.sustainable_rps_p99_100ms, 1000)
    assert.deepStrictEqual(results.ratio, { fast: 0.5, full: 0.5 })
    assert.deepStrictEqual([results.fast?.peak_rps, results.baseline?.peak_rps, results.peak_ratio.fast], [500, 1000, 0.5])
    assert.strictEqual(results.fast?.ladder.length, 2)
    assert.strictEqual(results.command, "pnpm bench")
    assert.deepStrictEqual(results.machine, { cpus: 2 })
    assert.isFalse(results.targets.fast.met)
    assert.deepStrictEqual(results.fast?.ladder[0]?.by_kind, { long: { count: 2, p50_ms: 5, p99_ms: 40, max_ms: 6 } })
  })

  it("charge CPU per answered request without the generator's, and compare it at a rate both kept up with", () => {
    assert.strictEqual(cpuMsPerRequest(step(100, 1, 1000)), 2)
    assert.isNull(cpuMsPerRequest({ ...step(100, 1), ok: 0 }))
    const behind = { ...step(500, 1, 500), achievedRps: 300 }
    // At 250/s: pipeline 2500 ms / 1250 requests = 2 ms, baseline 1000 / 1250 = 0.8 ms; 500/s is not common.
    assert.strictEqual(cpuRatio([step(250, 1, 2500), behind], [step(250, 1, 1000), step(500, 1, 1000)]), 0.4)
    assert.isNull(cpuRatio([behind], [step(500, 1)]))
  })

  it("print a table and a self-contained HTML report", () => {
    const table = summaryTable(results)
    assert.match(table, /fast: sustainable 250 req\/s at p99 < 50 ms/)
    assert.match(table, /ratio pipeline\/baseline: fast 0.5, full 0.5/)
    const html = htmlReport(results, table)
    assert.include(html, "<svg")
    assert.notMatch(html, /<script|<link|src="http/)
  })
})
