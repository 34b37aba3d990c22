import { assert, layer } from "@effect/vitest"
import { Kvm } from "@nats-io/kv"
import { Effect, Layer } from "effect"
import { defaultLibrary } from "../../domain/HeuristicPatterns.ts"
import { currentLibrary, PatternsBucket, PatternsKey, writeLibrary } from "../../src/KvPatterns.ts"
import { ArbiterWorker, baseLayer, DetectionWorker, PiiWorker, workerProcess } from "../../src/Workers.ts"
import { natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { againstTestServer, eventually, guardRequest, submit } from "../support/Pipeline.ts"

const Workers = againstTestServer(workerProcess("vigil-test", Layer.mergeAll(DetectionWorker, PiiWorker, ArbiterWorker)))
const Cli = againstTestServer(baseLayer("vigil-cli-test"))
const Test = Layer.mergeAll(Workers, Cli).pipe(Layer.provideMerge(NatsServerTest))

const prompt = "Write a short note about ZorbCorp pricing"

layer(Test, { excludeTestServices: true })("live patterns from vigil-patterns", (it) => {
  it.effect("an added pattern reaches the running detection worker; a bad library is refused and the last good one stays", () =>
    Effect.gen(function*() {
      const nc = yield* natsConnection
      const heuristics = (r: Awaited<ReturnType<typeof submit>>) => r.decision.process.branches.find((b) => b.name === "heuristics")
      const before = yield* Effect.promise(() => submit(nc, guardRequest(prompt)))
      assert.strictEqual(heuristics(before)?.score, 0)

      const { loaded, latestRevision } = yield* currentLibrary
      assert.isUndefined(loaded.revision)
      const custom = { id: "custom.zorb", category: "COMPETITOR", weight: 100, lang: "any" as const, pattern: "\\bzorbcorp\\b" }
      const revision = yield* writeLibrary({ ...defaultLibrary, version: "ops-test", patterns: [...defaultLibrary.patterns, custom] }, latestRevision)
      let latest = before
      yield* Effect.promise(() =>
        eventually(async () => {
          latest = await submit(nc, guardRequest(prompt))
          return heuristics(latest)?.score === 100
        }, 10_000, 50)
      )
      assert.strictEqual(latest.decision.decision, "BLOCK")
      assert.deepStrictEqual(latest.decision.categories.includes("COMPETITOR"), true)

      // Around the validating CLI: a pattern RE2 cannot run. Refused; the ops-test library stays.
      const kv = yield* Effect.promise(() => new Kvm(nc).open(PatternsBucket))
      yield* Effect.promise(() => kv.put(PatternsKey, JSON.stringify({ version: "bad", patterns: [{ ...custom, pattern: "(\\w+) \\1" }] })))
      yield* Effect.sleep("500 millis")
      const after = yield* Effect.promise(() => submit(nc, guardRequest(prompt)))
      assert.strictEqual(heuristics(after)?.score, 100)
      // The CLI's own reading names the refused revision instead of building on it.
      const refused = yield* Effect.flip(currentLibrary)
      assert.include(refused.message, "not a linear-time (RE2) regular expression")
      assert.isAbove(revision, 0)
    }), 60_000)
})
