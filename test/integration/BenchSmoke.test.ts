import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startBaseline } from "../../bench/BaselineStack.ts"
import { startGenerator } from "../../bench/GeneratorProcess.ts"
import { runLadder } from "../../bench/Ladder.ts"
import { cpuMsPerRequest } from "../../bench/Results.ts"
import { natsConnection, NatsServerTest, LocalNatsServer } from "../support/NatsServer.ts"

// The harness end to end on the bare chain (the pipeline takes too long to start for a smoke test):
// processes started, load offered over HTTP, answers counted, processes sampled, queues drained.
layer(NatsServerTest, { excludeTestServices: true })("pnpm bench harness", (it) => {
  it.effect("runs a one-second step against the baseline chain and accounts for every request", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      const nc = yield* natsConnection
      const logDir = mkdtempSync(join(tmpdir(), "vigil-bench-smoke-"))
      const steps = yield* Effect.promise(async () => {
        const stack = await startBaseline({
          natsUrl: server.url, nc, copies: { detection: 1, pii: 1, arbiter: 1 }, apiKey: "k", logDir,
          logging: false, clickhouseDir: logDir, replyTimeoutMs: 5_000, profileDir: undefined
        })
        const generator = await startGenerator(
          { url: `${stack.url}/v1/guard/input`, apiKey: "k", sockets: 16, timeoutMs: 6_000 },
          { fast: [JSON.stringify({ text: "hello", mode: "fast" }), JSON.stringify({ text: "x".repeat(5000), mode: "fast" })] },
          ["short", "long"]
        )
        try {
          return await runLadder("smoke", stack, generator, "fast", {
            rates: [50], durationMs: 1_000, warmupMs: 0, p99BoundMs: 50, keepGoing: false, drainTimeoutMs: 10_000
          })
        } finally {
          await generator.stop()
          await stack.stop()
        }
      })
      const [step] = steps
      assert.strictEqual(steps.length, 1)
      assert.strictEqual(step!.sent, 50)
      assert.strictEqual(step!.ok + step!.errors + step!.timeouts, 50)
      assert.strictEqual(step!.ok, 50, JSON.stringify(step!.errorKinds))
      assert.deepStrictEqual(step!.decisions, { ALLOW: 50 })
      assert.strictEqual(step!.latency.count, 50)
      assert.deepStrictEqual([step!.byKind["short"]?.count, step!.byKind["long"]?.count], [25, 25])
      assert.isAbove(step!.latency.p50, 0)
      assert.strictEqual(step!.purged, 0)
      assert.deepStrictEqual(step!.processes.map((p) => p.name), ["front", "hop1#1", "hop2#1", "hop3#1", "generator"])
      assert.isTrue(step!.processes.every((p) => p.cpuMs !== null && (p.maxRssMiB ?? 0) > 10))
      assert.isAbove(cpuMsPerRequest(step!) ?? 0, 0)
    }), 60_000)
})
